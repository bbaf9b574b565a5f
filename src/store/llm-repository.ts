import { and, eq, gte, sql, type SQL } from 'drizzle-orm';
import type {
  BudgetLine, BudgetStore, BudgetUnit, CostGrouping, CostLedgerStore, CostSummaryRow, LlmCallRecord, ResponseCacheStore,
} from '../domain/index.ts';
import type { Db } from './database.ts';
import { llmBudgets, llmCache, llmCalls } from './schema.ts';

/** The cost ledger in `llm_calls`. */
export class SqlCostLedger implements CostLedgerStore {
  constructor(private readonly db: Db) {}

  async record(call: LlmCallRecord): Promise<void> {
    await this.db.insert(llmCalls).values({
      ...(call.at ? { at: call.at } : {}),
      feature: call.feature, tenant: call.tenant ?? null, memberId: call.memberId ?? null,
      provider: call.provider, model: call.model,
      inputTokens: call.inputTokens, cachedInputTokens: call.cachedInputTokens, outputTokens: call.outputTokens,
      tokensEstimated: call.tokensEstimated, costUsd: call.costUsd,
      latencyMs: call.latencyMs, ttftMs: call.ttftMs, outcome: call.outcome, errorCode: call.errorCode ?? null,
      cacheHit: call.cacheHit, reasks: call.reasks, degradedReason: call.degradedReason ?? null,
    });
  }

  async summarize(by: CostGrouping, options: { since?: string } = {}): Promise<CostSummaryRow[]> {
    const key: SQL<string> = by === 'feature'
      ? sql<string>`${llmCalls.feature}`
      : by === 'model'
        ? sql<string>`${llmCalls.provider} || '/' || ${llmCalls.model}`
        : sql<string>`to_char(${llmCalls.at} at time zone 'UTC', 'YYYY-MM-DD')`;
    const rows = await this.db
      .select({
        key,
        calls: sql<number>`count(*)::int`,
        inputTokens: sql<number>`coalesce(sum(${llmCalls.inputTokens}), 0)::bigint`,
        cachedInputTokens: sql<number>`coalesce(sum(${llmCalls.cachedInputTokens}), 0)::bigint`,
        outputTokens: sql<number>`coalesce(sum(${llmCalls.outputTokens}), 0)::bigint`,
        costUsd: sql<number>`coalesce(sum(${llmCalls.costUsd}), 0)::float8`,
        unpricedCalls: sql<number>`count(*) filter (where ${llmCalls.costUsd} is null)::int`,
        cacheHits: sql<number>`count(*) filter (where ${llmCalls.cacheHit})::int`,
        errors: sql<number>`count(*) filter (where ${llmCalls.outcome} in ('error', 'stream_interrupted'))::int`,
      })
      .from(llmCalls)
      .where(options.since ? gte(llmCalls.at, options.since) : undefined)
      .groupBy(key)
      .orderBy(key);
    return rows.map((r) => ({
      ...r, calls: Number(r.calls), inputTokens: Number(r.inputTokens), cachedInputTokens: Number(r.cachedInputTokens),
      outputTokens: Number(r.outputTokens), costUsd: Number(r.costUsd), unpricedCalls: Number(r.unpricedCalls),
      cacheHits: Number(r.cacheHits), errors: Number(r.errors),
    }));
  }
}

class Overflow extends Error {}

/**
 * Budget counters in `llm_budgets`. A reservation is ONE conditional UPDATE over all the call's counters
 * (`used + amount <= limit`), inside a transaction that rolls back unless every counter took it. Row locks
 * serialize concurrent reservations of the same counter and PostgreSQL re-checks the condition on the
 * latest row version, so parallel calls cannot jointly overspend.
 */
export class SqlBudgetStore implements BudgetStore {
  constructor(private readonly db: Db) {}

  async reserve(lines: BudgetLine[]): Promise<{ ok: true } | { ok: false; line: BudgetLine; used: number }> {
    if (lines.length === 0) return { ok: true };
    await this.db.insert(llmBudgets)
      .values(lines.map((l) => ({ scope: l.scope, period: l.period, unit: l.unit, limitAmount: l.limit, used: 0 })))
      .onConflictDoNothing();
    const values = sql.join(lines.map((l) => sql`(${l.scope}::text, ${l.period}::text, ${l.unit}::text, ${l.amount}::numeric, ${l.limit}::numeric)`), sql`, `);
    try {
      await this.db.transaction(async (tx) => {
        const result = await tx.execute(sql`
          update ${llmBudgets} as b
             set used = b.used + w.amount, limit_amount = w.lim, updated_at = now()
            from (values ${values}) as w(scope, period, unit, amount, lim)
           where b.scope = w.scope and b.period = w.period and b.unit = w.unit and b.used + w.amount <= w.lim
          returning b.scope`);
        if (rowsOf(result).length !== lines.length) throw new Overflow();
      });
      return { ok: true };
    } catch (err) {
      if (!(err instanceof Overflow)) throw err;
    }
    for (const line of lines) {
      const used = await this.used(line.scope, line.period, line.unit);
      if (used + line.amount > line.limit) return { ok: false, line, used };
    }
    // Another call released budget in between: report the first line as the one that was full.
    return { ok: false, line: lines[0]!, used: await this.used(lines[0]!.scope, lines[0]!.period, lines[0]!.unit) };
  }

  async adjust(lines: { scope: string; period: string; unit: BudgetUnit; delta: number }[]): Promise<void> {
    for (const l of lines) {
      if (l.delta === 0) continue;
      await this.db.update(llmBudgets)
        .set({ used: sql`greatest(${llmBudgets.used} + ${l.delta}::numeric, 0)`, updatedAt: sql`now()` })
        .where(and(eq(llmBudgets.scope, l.scope), eq(llmBudgets.period, l.period), eq(llmBudgets.unit, l.unit)));
    }
  }

  async used(scope: string, period: string, unit: BudgetUnit): Promise<number> {
    const rows = await this.db.select({ used: llmBudgets.used }).from(llmBudgets)
      .where(and(eq(llmBudgets.scope, scope), eq(llmBudgets.period, period), eq(llmBudgets.unit, unit)));
    return rows[0] ? Number(rows[0].used) : 0;
  }
}

/** The exact-match response cache in `llm_cache`; expired rows are ignored and purged on write. */
export class SqlResponseCache implements ResponseCacheStore {
  private writes = 0;

  constructor(private readonly db: Db) {}

  async get(key: string): Promise<unknown | undefined> {
    const rows = await this.db.update(llmCache)
      .set({ hits: sql`${llmCache.hits} + 1` })
      .where(and(eq(llmCache.key, key), sql`${llmCache.expiresAt} > now()`))
      .returning({ value: llmCache.value });
    return rows[0]?.value;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    const expiresAt = sql`now() + make_interval(secs => ${ttlSeconds}::float8)`;
    await this.db.insert(llmCache).values({ key, value, expiresAt: expiresAt as unknown as string, hits: 0 })
      .onConflictDoUpdate({ target: llmCache.key, set: { value, expiresAt: expiresAt as unknown as string, hits: 0 } });
    if (++this.writes % 100 === 0) await this.purgeExpired();
  }

  async purgeExpired(): Promise<number> {
    const rows = await this.db.delete(llmCache).where(sql`${llmCache.expiresAt} <= now()`).returning({ key: llmCache.key });
    return rows.length;
  }
}

/** The three gateway stores over one database. */
export function sqlLlmStores(db: Db): { ledger: SqlCostLedger; budgets: SqlBudgetStore; cache: SqlResponseCache } {
  return { ledger: new SqlCostLedger(db), budgets: new SqlBudgetStore(db), cache: new SqlResponseCache(db) };
}

function rowsOf(result: unknown): unknown[] {
  return (result as { rows?: unknown[] }).rows ?? (Array.isArray(result) ? result : []);
}
