import { asc, count, eq, sql } from 'drizzle-orm';
import type { Concept, ConceptKind } from '../../domain/index.ts';
import type { Db, DbOrTx } from '../database.ts';
import { concepts } from '../schema.ts';

const BATCH = 500;

function toRow(c: Concept) {
  return {
    id: c.id, kind: c.kind, label: c.label, altLabels: c.altLabels, description: c.description ?? null,
    category: c.category ?? null, related: c.related, skills: c.skills, source: c.source ?? null,
  };
}

function fromRow(r: typeof concepts.$inferSelect): Concept {
  return {
    id: r.id, kind: r.kind, label: r.label, altLabels: r.altLabels, related: r.related, skills: r.skills,
    ...(r.description ? { description: r.description } : {}),
    ...(r.category ? { category: r.category } : {}),
    ...(r.source ? { source: r.source } : {}),
  };
}

export class ConceptRepository {
  constructor(private readonly db: Db) {}

  /** Inserts or updates all concepts in one transaction: an import is all-or-nothing. */
  async upsertMany(list: readonly Concept[]): Promise<number> {
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < list.length; i += BATCH) await upsertBatch(tx, list.slice(i, i + BATCH));
    });
    return list.length;
  }

  async list(kind?: ConceptKind): Promise<Concept[]> {
    const q = this.db.select().from(concepts);
    const rows = kind ? await q.where(eq(concepts.kind, kind)).orderBy(asc(concepts.id)) : await q.orderBy(asc(concepts.id));
    return rows.map(fromRow);
  }

  async page(opts: { kind?: ConceptKind; limit: number; offset: number; q?: string }): Promise<{ items: Concept[]; total: number }> {
    const conds = [];
    if (opts.kind) conds.push(eq(concepts.kind, opts.kind));
    if (opts.q) conds.push(sql`lower(${concepts.label}) like ${'%' + opts.q.toLowerCase() + '%'}`);
    const where = conds.length ? sql.join(conds, sql` and `) : undefined;
    const rows = await this.db.select().from(concepts).where(where).orderBy(asc(concepts.id)).limit(opts.limit).offset(opts.offset);
    const [{ n }] = await this.db.select({ n: count() }).from(concepts).where(where) as [{ n: number }];
    return { items: rows.map(fromRow), total: Number(n) };
  }

  async get(id: string): Promise<Concept | undefined> {
    const [row] = await this.db.select().from(concepts).where(eq(concepts.id, id));
    return row ? fromRow(row) : undefined;
  }

  async count(kind?: ConceptKind): Promise<number> {
    const q = this.db.select({ n: count() }).from(concepts);
    const [{ n }] = (kind ? await q.where(eq(concepts.kind, kind)) : await q) as [{ n: number }];
    return Number(n);
  }
}

async function upsertBatch(tx: DbOrTx, batch: readonly Concept[]): Promise<void> {
  await tx.insert(concepts).values(batch.map(toRow)).onConflictDoUpdate({
    target: concepts.id,
    set: {
      kind: sql`excluded.kind`, label: sql`excluded.label`, altLabels: sql`excluded.alt_labels`,
      description: sql`excluded.description`, category: sql`excluded.category`, related: sql`excluded.related`,
      skills: sql`excluded.skills`, source: sql`excluded.source`, updatedAt: sql`now()`,
    },
  });
}
