/** The LLM gateway: every model call of the product goes through `createGateway(...)`. See docs/LLM.md. */
export { createGateway, type Gateway, type GatewayDependencies } from './gateway.ts';
export { loadGatewayConfig, type EngineConfig, type GatewayConfig } from './config.ts';
export type { Engine, EngineCall, EngineReply, EngineStreamPart, EngineUsage } from './engine.ts';
export { createAiSdkEngine } from './ai-sdk-engine.ts';
export { createGgufEngine } from './gguf-engine.ts';
export { createLocalEngine } from './local-engine.ts';
export { parseStructuredOutput, coerce, type ParseOutcome, type Repair } from './parse-structured-output.ts';
export { DEFAULT_PRICING, findPrice, priceCall, type ModelPrice, type PricingTable } from './pricing.ts';
export { budgetLines, type BudgetRule } from './budget-rules.ts';
export { estimateInputTokens, estimateTextTokens } from './estimate-tokens.ts';
export { CircuitBreaker } from './circuit-breaker.ts';
export { classifyError, type ErrorClass } from './classify-error.ts';
export { MemoryBudgetStore, MemoryCostLedger, MemoryResponseCache } from './memory-stores.ts';
export { RedisResponseCache, DEFAULT_REDIS_CACHE_PREFIX, type RedisResponseCacheOptions } from './redis-cache.ts';
export { llmMetrics, type LlmMetrics } from './metrics.ts';
export * from './types.ts';
// The store ports live in the domain (the SQL store implements them); re-exported for callers of the gateway.
export type {
  BudgetLine, BudgetStore, BudgetUnit, CostGrouping, CostLedgerStore, CostSummaryRow, LlmCallRecord, LlmOutcome, LlmStores, ResponseCacheStore,
} from '../domain/index.ts';
