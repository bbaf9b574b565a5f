import type {
  BudgetLine, BudgetStore, BudgetUnit, CostGrouping, CostLedgerStore, CostSummaryRow, LlmCallRecord, ResponseCacheStore,
} from '../domain/index.ts';

/** In-process cost ledger (tests, benchmarks, and runs without a database). */
export class MemoryCostLedger implements CostLedgerStore {
  readonly calls: LlmCallRecord[] = [];

  async record(call: LlmCallRecord): Promise<void> {
    this.calls.push({ ...call, at: call.at ?? new Date().toISOString() });
  }

  async summarize(by: CostGrouping, options: { since?: string } = {}): Promise<CostSummaryRow[]> {
    const rows = new Map<string, CostSummaryRow>();
    for (const c of this.calls) {
      if (options.since && c.at! < options.since) continue;
      const key = by === 'feature' ? c.feature : by === 'model' ? `${c.provider}/${c.model}` : c.at!.slice(0, 10);
      const row = rows.get(key) ?? { key, calls: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0, cacheHits: 0, errors: 0 };
      row.calls++;
      row.inputTokens += c.inputTokens;
      row.cachedInputTokens += c.cachedInputTokens;
      row.outputTokens += c.outputTokens;
      if (c.costUsd === null) row.unpricedCalls++;
      else row.costUsd += c.costUsd;
      if (c.cacheHit) row.cacheHits++;
      if (c.outcome === 'error' || c.outcome === 'stream_interrupted') row.errors++;
      rows.set(key, row);
    }
    return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
  }
}

/** In-process budget counters; check-and-add runs synchronously, so it is atomic within the process. */
export class MemoryBudgetStore implements BudgetStore {
  private readonly counters = new Map<string, number>();

  private key(scope: string, period: string, unit: BudgetUnit): string {
    return `${scope}\u0000${period}\u0000${unit}`;
  }

  async reserve(lines: BudgetLine[]): Promise<{ ok: true } | { ok: false; line: BudgetLine; used: number }> {
    for (const line of lines) {
      const used = this.counters.get(this.key(line.scope, line.period, line.unit)) ?? 0;
      if (used + line.amount > line.limit) return { ok: false, line, used };
    }
    for (const line of lines) {
      const k = this.key(line.scope, line.period, line.unit);
      this.counters.set(k, (this.counters.get(k) ?? 0) + line.amount);
    }
    return { ok: true };
  }

  async adjust(lines: { scope: string; period: string; unit: BudgetUnit; delta: number }[]): Promise<void> {
    for (const l of lines) {
      const k = this.key(l.scope, l.period, l.unit);
      this.counters.set(k, (this.counters.get(k) ?? 0) + l.delta);
    }
  }

  async used(scope: string, period: string, unit: BudgetUnit): Promise<number> {
    return this.counters.get(this.key(scope, period, unit)) ?? 0;
  }
}

/** In-process response cache with TTL. */
export class MemoryResponseCache implements ResponseCacheStore {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<unknown | undefined> {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
  }
}
