import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../database.ts';
import { outbox } from '../schema.ts';

export interface DomainEvent {
  eventId: string;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  createdAt?: string;
}

/** Topics events are published on; `key` is the aggregate id. */
export const TOPICS = {
  jobPosted: 'job.posted',
  jobUpdated: 'job.updated',
  jobClosed: 'job.closed',
  memberUpdated: 'member.updated',
  applicationCreated: 'application.created',
} as const;

/** Writes an event in the caller's transaction: it commits or rolls back with the change it describes. */
export async function appendEvent(tx: DbOrTx, event: Omit<DomainEvent, 'eventId'> & { eventId?: string }): Promise<DomainEvent> {
  const full = { ...event, eventId: event.eventId ?? randomUUID() };
  await tx.insert(outbox).values({ eventId: full.eventId, topic: full.topic, key: full.key, payload: full.payload }).onConflictDoNothing();
  return full;
}

export class OutboxRepository {
  constructor(private readonly db: DbOrTx) {}

  /** Oldest unpublished events first. */
  async pending(limit = 100): Promise<(DomainEvent & { seq: number })[]> {
    const rows = await this.db.select().from(outbox).where(isNull(outbox.publishedAt)).orderBy(asc(outbox.seq)).limit(limit);
    return rows.map((r) => ({ seq: r.seq, eventId: r.eventId, topic: r.topic, key: r.key, payload: r.payload, createdAt: r.createdAt }));
  }

  async markPublished(seqs: number[]): Promise<void> {
    if (seqs.length === 0) return;
    await this.db.update(outbox).set({ publishedAt: sql`now()` }).where(inArray(outbox.seq, seqs));
  }

  async recordAttempt(seq: number): Promise<void> {
    await this.db.update(outbox).set({ attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.seq, seq));
  }

  async since(seq: number, limit = 100): Promise<(DomainEvent & { seq: number })[]> {
    const rows = await this.db.select().from(outbox).where(and(gt(outbox.seq, seq))).orderBy(asc(outbox.seq)).limit(limit);
    return rows.map((r) => ({ seq: r.seq, eventId: r.eventId, topic: r.topic, key: r.key, payload: r.payload, createdAt: r.createdAt }));
  }
}
