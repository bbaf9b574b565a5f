/** USD per 1M tokens. `cachedInput` defaults to `input` when a provider has no cached-input discount. */
export interface ModelPrice {
  input: number;
  cachedInput?: number;
  output: number;
}

export type PricingTable = Record<string, ModelPrice>;

/**
 * Prices per 1M tokens (USD). GPT-4 8K is LinkedIn's anchor ($30 in / $60 out); the rest are OpenAI's
 * list prices for current models. Override or extend with `LLM_PRICING` (JSON) or the gateway config;
 * keys are model names, optionally prefixed by the provider (`azure/my-deployment`).
 */
export const DEFAULT_PRICING: PricingTable = {
  'gpt-4': { input: 30, output: 60 },
  'gpt-4-0613': { input: 30, output: 60 },
  'gpt-4-32k': { input: 60, output: 120 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'o3': { input: 2, cachedInput: 0.5, output: 8 },
  'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
};

/** Finds a model's price: `provider/model`, then the exact name, then the name without a date suffix. */
export function findPrice(table: PricingTable, provider: string, model: string): ModelPrice | undefined {
  return table[`${provider}/${model}`] ?? table[model] ?? table[model.replace(/-(\d{4}-\d{2}-\d{2}|\d{4})$/, '')];
}

/**
 * Cost of one call in USD, or null when the model has no price (never 0 for "unknown").
 * `inputTokens` includes `cachedInputTokens`, as providers report them.
 */
export function priceCall(price: ModelPrice | undefined, usage: { inputTokens: number; cachedInputTokens: number; outputTokens: number }): number | null {
  if (!price) return null;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const usd = ((usage.inputTokens - cached) * price.input + cached * (price.cachedInput ?? price.input) + usage.outputTokens * price.output) / 1_000_000;
  return Math.round(usd * 1e8) / 1e8;
}
