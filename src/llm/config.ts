import { readFileSync } from 'node:fs';
import type { LlmProviderKind } from '../domain/index.ts';
import type { BudgetRule } from './budget-rules.ts';
import { DEFAULT_PRICING, type PricingTable } from './pricing.ts';
import { DEFAULT_REDIS_CACHE_PREFIX, type RedisResponseCacheOptions } from './redis-cache.ts';
import { LlmError } from './types.ts';

/** One engine of the fallback chain. */
export interface EngineConfig {
  provider: LlmProviderKind;
  /** Model name (for `azure`: the deployment name). Not needed for `local` and `gguf`. */
  model?: string;
  baseURL?: string;
  apiKey?: string;
  /** `openai-compatible`: the server accepts `response_format: json_schema` (vLLM, llama.cpp, LM Studio do). */
  supportsStructuredOutputs?: boolean;
  /** `azure`: resource name (or use `baseURL`) and API version. */
  azureResourceName?: string;
  azureApiVersion?: string;
  /** `gguf`: path to the model file. */
  modelPath?: string;
  /** `gguf`: context size in tokens (default 2048). */
  contextSize?: number;
}

export interface GatewayConfig {
  /** The fallback chain, tried in order. */
  engines: EngineConfig[];
  /** Overrides/extensions of DEFAULT_PRICING (USD per 1M tokens). */
  pricing?: PricingTable;
  budgets?: BudgetRule[];
  /** `redis`: keep the response cache in Redis (the app builds a `RedisResponseCache` from it; else the database). */
  cache?: { enabled: boolean; ttlSeconds: number; redis?: RedisResponseCacheOptions };
  timeouts?: { connectMs?: number; firstTokenMs?: number; totalMs?: number };
  /** Retries on 429/5xx/network errors: exponential backoff with jitter, at least the server's Retry-After. */
  retry?: { retries?: number; minDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number };
  circuitBreaker?: { failureThreshold: number; cooldownMs: number };
  /** Output tokens assumed when reserving budget for a request without `maxOutputTokens`. */
  defaultMaxOutputTokens?: number;
  /** Warnings (unknown model price, ledger write failure); default: process.emitWarning. */
  onWarning?: (message: string) => void;
  now?: () => Date;
}

const PROVIDERS: readonly LlmProviderKind[] = ['local', 'openai', 'azure', 'openai-compatible', 'gguf'];

/**
 * Reads the gateway configuration from the environment. `FITWISE_LLM` is one provider or a
 * comma-separated chain (`openai,local`); `local` always ends the chain, so nothing set = fully offline.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const kinds = (env.FITWISE_LLM ?? 'local').split(',').map((s) => s.trim()).filter(Boolean);
  const engines: EngineConfig[] = [];
  for (const kind of kinds) {
    if (!PROVIDERS.includes(kind as LlmProviderKind)) {
      throw new LlmError('llm_config_invalid', `FITWISE_LLM: unknown provider ${JSON.stringify(kind)} (expected one of ${PROVIDERS.join(', ')})`);
    }
    const provider = kind as LlmProviderKind;
    if (provider === 'local') continue;
    if (provider === 'gguf') {
      engines.push({ provider, modelPath: env.GGUF_MODEL_PATH, model: env.GGUF_MODEL_PATH?.split('/').pop() });
      continue;
    }
    if (provider === 'azure') {
      engines.push({
        provider, model: env.AZURE_OPENAI_DEPLOYMENT ?? env.LLM_MODEL, apiKey: env.AZURE_OPENAI_API_KEY ?? env.LLM_API_KEY,
        azureResourceName: env.AZURE_OPENAI_RESOURCE_NAME, baseURL: env.AZURE_OPENAI_BASE_URL, azureApiVersion: env.AZURE_OPENAI_API_VERSION,
      });
      continue;
    }
    const base = { provider, baseURL: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, supportsStructuredOutputs: env.LLM_STRUCTURED_OUTPUTS === 'true' };
    engines.push({ ...base, model: env.LLM_MODEL ?? (provider === 'openai' ? 'gpt-4o-mini' : undefined) });
    // The cascade's cheaper model on the same provider, tried when the first is over budget or failing.
    if (env.LLM_FALLBACK_MODEL) engines.push({ ...base, model: env.LLM_FALLBACK_MODEL });
  }
  engines.push({ provider: 'local' });
  for (const e of engines) {
    if (e.provider !== 'local' && e.provider !== 'gguf' && !e.model) {
      throw new LlmError('llm_config_invalid', `FITWISE_LLM=${e.provider} needs a model: set ${e.provider === 'azure' ? 'AZURE_OPENAI_DEPLOYMENT' : 'LLM_MODEL'}`);
    }
    if (e.provider === 'gguf' && !e.modelPath) throw new LlmError('llm_config_invalid', 'FITWISE_LLM=gguf needs GGUF_MODEL_PATH');
  }

  const budgets: BudgetRule[] = [];
  const rule = (name: string, scope: BudgetRule['scope'], period: BudgetRule['period']) => {
    for (const unit of ['usd', 'tokens'] as const) {
      const raw = env[`${name}_${unit.toUpperCase()}`];
      if (raw === undefined || raw === '') continue;
      const limit = Number(raw);
      if (!Number.isFinite(limit) || limit < 0) throw new LlmError('llm_config_invalid', `${name}_${unit.toUpperCase()} must be a non-negative number`);
      budgets.push({ scope, period, unit, limit });
    }
  };
  rule('LLM_BUDGET_MEMBER_DAY', 'member', 'day');
  rule('LLM_BUDGET_FEATURE_DAY', 'feature', 'day');
  rule('LLM_BUDGET_GLOBAL_MONTH', 'global', 'month');

  let pricing: PricingTable = { ...DEFAULT_PRICING };
  if (env.LLM_PRICING) {
    const text = env.LLM_PRICING.trim().startsWith('{') ? env.LLM_PRICING : readFileSync(env.LLM_PRICING, 'utf8');
    try {
      pricing = { ...pricing, ...(JSON.parse(text) as PricingTable) };
    } catch (err) {
      throw new LlmError('llm_config_invalid', `LLM_PRICING is not valid JSON: ${(err as Error).message}`);
    }
  }
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  return {
    engines,
    pricing,
    budgets,
    cache: { enabled: env.LLM_CACHE !== 'off', ttlSeconds: num(env.LLM_CACHE_TTL_SECONDS) ?? 3600, redis: redisOf(env) },
    timeouts: { connectMs: num(env.LLM_CONNECT_TIMEOUT_MS), firstTokenMs: num(env.LLM_FIRST_TOKEN_TIMEOUT_MS), totalMs: num(env.LLM_TIMEOUT_MS) },
    retry: { retries: num(env.LLM_MAX_RETRIES) },
  };
}

/** `REDIS_URL` (and `LLM_CACHE_REDIS_PREFIX`) → the Redis response cache; unset → none. */
function redisOf(env: NodeJS.ProcessEnv): RedisResponseCacheOptions | undefined {
  const url = env.REDIS_URL?.trim();
  if (!url) return undefined;
  if (!/^rediss?:\/\/[^/]/.test(url)) throw new LlmError('llm_config_invalid', 'REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)');
  return { url, keyPrefix: env.LLM_CACHE_REDIS_PREFIX || DEFAULT_REDIS_CACHE_PREFIX };
}
