import { Counter, Histogram, register } from 'prom-client';

/**
 * The gateway's Prometheus metrics, on prom-client's default registry (the API serves
 * `register.metrics()` at /metrics). Created once per process, however many gateways exist.
 */
export interface LlmMetrics {
  calls: Counter<'provider' | 'model' | 'feature' | 'outcome'>;
  tokens: Counter<'provider' | 'model' | 'kind'>;
  costUsd: Counter<'provider' | 'model' | 'feature'>;
  unpriced: Counter<'provider' | 'model'>;
  latency: Histogram<'provider' | 'model'>;
  ttft: Histogram<'provider' | 'model'>;
  errors: Counter<'provider' | 'code'>;
  retries: Counter<'provider' | 'reason'>;
  cache: Counter<'result'>;
  cacheErrors: Counter<'op'>;
  reasks: Counter<'feature'>;
  repairs: Counter<'repair'>;
  degraded: Counter<'reason'>;
}

let metrics: LlmMetrics | undefined;

function counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
  return (register.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames });
}

function histogram<L extends string>(name: string, help: string, labelNames: L[], buckets: number[]): Histogram<L> {
  return (register.getSingleMetric(name) as Histogram<L> | undefined) ?? new Histogram({ name, help, labelNames, buckets });
}

export function llmMetrics(): LlmMetrics {
  const seconds = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];
  metrics ??= {
    calls: counter('fitwise_llm_calls_total', 'LLM gateway calls by outcome', ['provider', 'model', 'feature', 'outcome']),
    tokens: counter('fitwise_llm_tokens_total', 'Tokens by kind (input, cached_input, output)', ['provider', 'model', 'kind']),
    costUsd: counter('fitwise_llm_cost_usd_total', 'Cost of priced LLM calls in USD', ['provider', 'model', 'feature']),
    unpriced: counter('fitwise_llm_unpriced_calls_total', 'Calls to models missing from the pricing table', ['provider', 'model']),
    latency: histogram('fitwise_llm_latency_seconds', 'Total latency of an LLM call', ['provider', 'model'], seconds),
    ttft: histogram('fitwise_llm_ttft_seconds', 'Time to first token of streamed calls', ['provider', 'model'], seconds),
    errors: counter('fitwise_llm_errors_total', 'LLM call failures by stable code', ['provider', 'code']),
    retries: counter('fitwise_llm_retries_total', 'Retried provider attempts', ['provider', 'reason']),
    cache: counter('fitwise_llm_cache_requests_total', 'Response cache lookups (hit or miss)', ['result']),
    cacheErrors: counter('fitwise_llm_cache_errors_total', 'Response cache reads and writes that failed (the call went on uncached)', ['op']),
    reasks: counter('fitwise_llm_reasks_total', 'Structured-output re-asks after an unrecoverable reply', ['feature']),
    repairs: counter('fitwise_llm_output_repairs_total', 'Defensive-parsing repairs applied to structured output', ['repair']),
    degraded: counter('fitwise_llm_degraded_total', 'Engines passed over in the fallback chain, by reason', ['reason']),
  };
  return metrics;
}
