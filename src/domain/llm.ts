/**
 * Ports shared by the LLM gateway (`src/llm`) and the store (`src/store`): the gateway writes through
 * these interfaces, the store implements them in SQL, `src/llm` ships in-memory versions.
 */

/** The engines a deployment can configure, in a fallback chain. */
export type LlmProviderKind = 'local' | 'openai' | 'azure' | 'openai-compatible' | 'gguf';

export type LlmOutcome = 'ok' | 'error' | 'degraded' | 'cache_hit' | 'stream_interrupted';

/** One row of the cost ledger: every call through the gateway, successful or not. */
export interface LlmCallRecord {
  at?: string;
  feature: string;
  tenant?: string | null;
  memberId?: string | null;
  provider: LlmProviderKind;
  model: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** True when the provider reported no usage and the counts come from a tokenizer estimate. */
  tokensEstimated: boolean;
  /** Null when the model has no price (unknown cost is never recorded as 0). */
  costUsd: number | null;
  latencyMs: number | null;
  ttftMs: number | null;
  outcome: LlmOutcome;
  errorCode?: string | null;
  cacheHit: boolean;
  reasks: number;
  degradedReason?: string | null;
}

export type CostGrouping = 'feature' | 'model' | 'day';

export interface CostSummaryRow {
  key: string;
  calls: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** Sum over calls with a known price; `unpricedCalls` counts the rest. */
  costUsd: number;
  unpricedCalls: number;
  cacheHits: number;
  errors: number;
}

export interface CostLedgerStore {
  record(call: LlmCallRecord): Promise<void>;
  summarize(by: CostGrouping, options?: { since?: string }): Promise<CostSummaryRow[]>;
}

export type BudgetUnit = 'usd' | 'tokens';

/** One counter a call draws on, e.g. scope `member:m1` period `2026-11-27` in USD. */
export interface BudgetLine {
  scope: string;
  period: string;
  unit: BudgetUnit;
  limit: number;
  amount: number;
}

export interface BudgetStore {
  /**
   * Atomically adds every line's `amount` to its counter when all of them stay within their limits;
   * otherwise changes nothing and returns the first line that would overflow.
   */
  reserve(lines: BudgetLine[]): Promise<{ ok: true } | { ok: false; line: BudgetLine; used: number }>;
  /** Adds `delta` (may be negative) to each counter, without a limit check: reconciliation after the call. */
  adjust(lines: { scope: string; period: string; unit: BudgetUnit; delta: number }[]): Promise<void>;
  used(scope: string, period: string, unit: BudgetUnit): Promise<number>;
}

export interface ResponseCacheStore {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
}

/** The three stores the gateway needs; any may be omitted (in-memory versions are used). */
export interface LlmStores {
  ledger?: CostLedgerStore;
  budgets?: BudgetStore;
  cache?: ResponseCacheStore;
}
