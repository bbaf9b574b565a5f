import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { budgetLines, CircuitBreaker, classifyError, DEFAULT_PRICING, findPrice, loadGatewayConfig, LlmError, priceCall } from '../../src/llm/index.ts';
import { APICallError } from 'ai';

describe('pricing', () => {
  test('GPT-4 8K costs $30 per 1M input and $60 per 1M output tokens', () => {
    assert.equal(priceCall(findPrice(DEFAULT_PRICING, 'openai', 'gpt-4'), { inputTokens: 1_000_000, cachedInputTokens: 0, outputTokens: 1_000_000 }), 90);
  });

  test('cached input tokens are billed at the cached price; dated model names find their base price', () => {
    const price = findPrice(DEFAULT_PRICING, 'openai', 'gpt-4o-2024-08-06');
    assert.deepEqual(price, DEFAULT_PRICING['gpt-4o']);
    assert.equal(priceCall(price, { inputTokens: 2_000_000, cachedInputTokens: 1_000_000, outputTokens: 0 }), 2.5 + 1.25);
  });

  test('an unknown model has no price and costs null, not 0', () => {
    assert.equal(findPrice(DEFAULT_PRICING, 'openai-compatible', 'my-llama'), undefined);
    assert.equal(priceCall(undefined, { inputTokens: 10, cachedInputTokens: 0, outputTokens: 10 }), null);
  });
});

describe('configuration from the environment', () => {
  test('nothing set: the chain is the local engine alone', () => {
    assert.deepEqual(loadGatewayConfig({}).engines, [{ provider: 'local' }]);
  });

  test('a provider chain with a cheaper fallback model, budgets and pricing overrides', () => {
    const c = loadGatewayConfig({
      FITWISE_LLM: 'openai-compatible', LLM_BASE_URL: 'http://127.0.0.1:8000/v1', LLM_MODEL: 'big', LLM_FALLBACK_MODEL: 'small',
      LLM_BUDGET_MEMBER_DAY_USD: '0.5', LLM_BUDGET_GLOBAL_MONTH_TOKENS: '1000000', LLM_PRICING: '{"big": {"input": 1, "output": 2}}',
    });
    assert.deepEqual(c.engines.map((e) => `${e.provider}:${e.model ?? ''}`), ['openai-compatible:big', 'openai-compatible:small', 'local:']);
    assert.deepEqual(c.budgets, [{ scope: 'member', period: 'day', unit: 'usd', limit: 0.5 }, { scope: 'global', period: 'month', unit: 'tokens', limit: 1_000_000 }]);
    assert.deepEqual(c.pricing!.big, { input: 1, output: 2 });
  });

  test('an unknown provider or a missing model is a configuration error with a stable code', () => {
    assert.throws(() => loadGatewayConfig({ FITWISE_LLM: 'skynet' }), (e: LlmError) => e.code === 'llm_config_invalid');
    assert.throws(() => loadGatewayConfig({ FITWISE_LLM: 'openai-compatible' }), (e: LlmError) => e.code === 'llm_config_invalid' && /LLM_MODEL/.test(e.message));
    assert.throws(() => loadGatewayConfig({ FITWISE_LLM: 'gguf' }), (e: LlmError) => /GGUF_MODEL_PATH/.test(e.message));
  });
});

describe('budgets, retries and the circuit breaker', () => {
  test('budget lines: member per day, feature per day, global per month; no member line without a member', () => {
    const rules = [
      { scope: 'member' as const, period: 'day' as const, unit: 'usd' as const, limit: 1 },
      { scope: 'feature' as const, period: 'day' as const, unit: 'tokens' as const, limit: 100 },
      { scope: 'global' as const, period: 'month' as const, unit: 'usd' as const, limit: 50 },
    ];
    const at = new Date('2026-11-27T10:00:00Z');
    const lines = budgetLines(rules, { feature: 'ask', memberId: 'm1' }, at, { usd: 0.01, tokens: 42 });
    assert.deepEqual(lines.map((l) => `${l.scope}|${l.period}|${l.unit}|${l.amount}`), ['feature:ask|2026-11-27|tokens|42', 'global|2026-11|usd|0.01', 'member:m1|2026-11-27|usd|0.01']);
    assert.equal(budgetLines(rules, { feature: 'ask' }, at, { usd: null, tokens: 42 }).length, 1);
  });

  test('429 and 5xx are retryable with the server Retry-After; other 4xx are not', () => {
    const err = (status: number, headers: Record<string, string> = {}) => new APICallError({ message: 'x', url: 'u', requestBodyValues: {}, statusCode: status, responseHeaders: headers });
    assert.deepEqual(
      [429, 500, 503, 400, 401, 404].map((s) => classifyError(err(s)).retryable),
      [true, true, true, false, false, false],
    );
    assert.equal(classifyError(err(429, { 'retry-after': '3' })).retryAfterMs, 3000);
    assert.equal(classifyError(err(503, { 'retry-after-ms': '250' })).retryAfterMs, 250);
  });

  test('the circuit opens after the threshold, lets one trial through after the cooldown, and closes on success', () => {
    let t = 0;
    const b = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 100 }, () => t);
    b.onFailure();
    assert.equal(b.state, 'closed');
    b.onFailure();
    assert.equal(b.tryAcquire(), false);
    t = 150;
    assert.equal(b.tryAcquire(), true);
    assert.equal(b.tryAcquire(), false, 'only one trial at a time');
    b.onSuccess();
    assert.equal(b.state, 'closed');
  });
});
