import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { register } from 'prom-client';
import { z } from 'zod';
import { createGateway, LlmError, MemoryBudgetStore, MemoryCostLedger, type GatewayConfig, type LlmObjectRequest, type LlmRequest } from '../../src/llm/index.ts';
import { faults, startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server.ts';

let server: OpenAITestServer;
before(async () => { server = await startOpenAITestServer(); });
after(async () => { await server.close(); });
beforeEach(() => { server.setDefault({}); });

const Intent = z.object({
  intent: z.enum(['assess_fit', 'find_jobs', 'small_talk']),
  confidence: z.number().min(0).max(1),
  tags: z.array(z.string()).default([]),
});

let counter = 0;
function ask(extra: Partial<LlmRequest> = {}): LlmRequest {
  return { feature: 'test', messages: [{ role: 'user', content: `question ${++counter}` }], ...extra };
}

function askFor<S extends z.ZodType>(schema: S): LlmObjectRequest<S> {
  return { ...ask(), schema };
}

function gateway(overrides: Partial<GatewayConfig> = {}, withLocal = false) {
  const ledger = new MemoryCostLedger();
  const warnings: string[] = [];
  const gw = createGateway({
    engines: [{ provider: 'openai-compatible', baseURL: server.baseURL, model: 'gpt-4o-mini' }, ...(withLocal ? [{ provider: 'local' as const }] : [])],
    cache: { enabled: false, ttlSeconds: 60 },
    retry: { retries: 2, minDelayMs: 5, maxDelayMs: 20 },
    onWarning: (m) => warnings.push(m),
    ...overrides,
  }, { ledger });
  return { gw, ledger, warnings };
}

function requestsSince(start: number) {
  return server.requests.slice(start);
}

describe('calls that succeed', () => {
  test('a JSON completion returns the text, provider-reported usage and its cost from the pricing table, and is recorded in the ledger', async () => {
    const { gw, ledger } = gateway();
    server.enqueue({ content: 'You are a strong fit.', usage: { promptTokens: 1000, completionTokens: 200, cachedTokens: 400 } });
    const r = await gw.generate(ask({ memberId: 'm1', tenant: 't1' }));
    await gw.flush();
    assert.equal(r.text, 'You are a strong fit.');
    assert.equal(r.engine, 'openai-compatible');
    assert.deepEqual(r.usage, { inputTokens: 1000, cachedInputTokens: 400, outputTokens: 200, estimated: false });
    // gpt-4o-mini: $0.15 in, $0.075 cached in, $0.60 out per 1M.
    assert.ok(Math.abs(r.costUsd! - (600 * 0.15 + 400 * 0.075 + 200 * 0.6) / 1e6) < 1e-12);
    assert.equal(ledger.calls.length, 1);
    assert.equal(ledger.calls[0]!.memberId, 'm1');
    assert.equal(ledger.calls[0]!.outcome, 'ok');
  });

  test('a stream yields the deltas in order, then reports usage from the final usage chunk, TTFT, time between tokens and tokens per second', async () => {
    const { gw } = gateway();
    const start = server.requests.length;
    server.enqueue({ content: 'one two three four', chunkDelayMs: 5, usage: { promptTokens: 12, completionTokens: 4 } });
    const s = gw.stream(ask());
    const deltas: string[] = [];
    for await (const d of s) deltas.push(d);
    const r = await s.result;
    assert.deepEqual(deltas, ['one ', 'two ', 'three ', 'four']);
    assert.equal(r.text, 'one two three four');
    assert.equal(r.usage.estimated, false);
    assert.equal(r.usage.outputTokens, 4);
    assert.ok(r.stats.ttftMs! > 0 && r.stats.ttftMs! <= r.latencyMs);
    assert.ok(r.stats.meanTimeBetweenTokensMs! >= 3);
    assert.ok(r.stats.tokensPerSecond! > 0);
    assert.equal((requestsSince(start)[0]!.body!.stream_options as { include_usage: boolean }).include_usage, true);
  });

  test('without provider usage the tokens are estimated with the tokenizer and flagged as estimated', async () => {
    const { gw, ledger } = gateway();
    server.enqueue({ content: 'Estimated answer here.', usage: null });
    const r = await gw.generate(ask());
    await gw.flush();
    assert.equal(r.usage.estimated, true);
    assert.ok(r.usage.inputTokens > 0 && r.usage.outputTokens > 0);
    assert.equal(ledger.calls[0]!.tokensEstimated, true);
  });

  test('tool calls come back with their parsed input', async () => {
    const { gw } = gateway();
    server.enqueue({ toolCalls: [{ name: 'search_jobs', arguments: { query: 'rust', remote: true } }] });
    const r = await gw.generate(ask({ tools: { search_jobs: { description: 'find jobs', inputSchema: z.object({ query: z.string(), remote: z.boolean() }) } } }));
    assert.deepEqual(r.toolCalls, [{ name: 'search_jobs', input: { query: 'rust', remote: true } }]);
  });

  test('a model missing from the pricing table costs null, never 0, with one warning', async () => {
    const { gw, ledger, warnings } = gateway({ engines: [{ provider: 'openai-compatible', baseURL: server.baseURL, model: 'my-llama' }] });
    await gw.generate(ask());
    await gw.generate(ask());
    await gw.flush();
    assert.equal(ledger.calls[0]!.costUsd, null);
    assert.equal(ledger.calls[1]!.costUsd, null);
    assert.equal(warnings.filter((w) => w.includes('my-llama')).length, 1);
  });

  test('the local engine answers from the composer, says engine "local" and costs nothing', async () => {
    const gw = createGateway({ engines: [{ provider: 'local' }] });
    const r = await gw.generate(ask({ localComposer: () => 'You match 4 of 5 required skills.' }));
    assert.equal(r.engine, 'local');
    assert.equal(r.text, 'You match 4 of 5 required skills.');
    assert.equal(r.costUsd, 0);
    await assert.rejects(gw.generate(ask()), (err: LlmError) => err.code === 'llm_unavailable');
  });

  test('structured output streams partial objects for early display and ends with the validated object', async () => {
    const { gw } = gateway();
    server.enqueue({ chunks: ['{"intent": "find', '_jobs", "confi', 'dence": 0.8, "tags": ["re', 'mote"]}'] });
    const s = gw.streamObject(askFor(Intent));
    const partials: unknown[] = [];
    for await (const p of s) partials.push(p);
    const r = await s.result;
    assert.ok(partials.length >= 3, `only ${partials.length} partials`);
    assert.deepEqual(partials[0], { intent: 'find' });
    assert.deepEqual(r.object, { intent: 'find_jobs', confidence: 0.8, tags: ['remote'] });
  });

  test('metrics are exposed on the default Prometheus registry', async () => {
    const text = await register.metrics();
    for (const name of ['fitwise_llm_calls_total', 'fitwise_llm_tokens_total', 'fitwise_llm_cost_usd_total', 'fitwise_llm_latency_seconds', 'fitwise_llm_ttft_seconds', 'fitwise_llm_errors_total', 'fitwise_llm_cache_requests_total', 'fitwise_llm_reasks_total']) {
      assert.ok(text.includes(name), `${name} missing`);
    }
  });
});

describe('fault matrix: each scripted fault of the test server', () => {
  test('429 with Retry-After: retried no sooner than the server asked, then answered', async () => {
    const { gw } = gateway();
    const start = server.requests.length;
    server.enqueue(faults.rateLimited(1), { content: 'after the wait' });
    const t0 = performance.now();
    const r = await gw.generate(ask());
    assert.equal(r.text, 'after the wait');
    assert.ok(performance.now() - t0 >= 1000, 'retried before Retry-After');
    assert.equal(requestsSince(start).length, 2);
  });

  test('500 then success: retried with backoff', async () => {
    const { gw } = gateway();
    const start = server.requests.length;
    server.enqueue(faults.serverError(500), { content: 'recovered' });
    const r = await gw.generate(ask());
    assert.equal(r.text, 'recovered');
    assert.equal(requestsSince(start).length, 2);
  });

  test('503 on every attempt: retries exhausted, the next engine answers with the reason', async () => {
    const { gw, ledger } = gateway({}, true);
    const start = server.requests.length;
    server.enqueue(faults.serverError(503), faults.serverError(503), faults.serverError(503));
    const r = await gw.generate(ask({ localComposer: () => 'composed' }));
    await gw.flush();
    assert.equal(r.engine, 'local');
    assert.equal(r.degraded[0]!.reason, 'provider_error');
    assert.equal(requestsSince(start).length, 3);
    assert.deepEqual(ledger.calls.map((c) => c.outcome), ['error', 'degraded']);
    assert.equal(ledger.calls[0]!.errorCode, 'llm_provider_error');
  });

  test('400 is never retried and, with no other engine, fails with the stable code llm_bad_request', async () => {
    const { gw } = gateway();
    const start = server.requests.length;
    server.enqueue(faults.badRequest());
    await assert.rejects(gw.generate(ask()), (err: LlmError) => err.code === 'llm_bad_request' && err.status === 400);
    assert.equal(requestsSince(start).length, 1);
  });

  test('slow first token: the first-token timeout aborts the attempt and a retry answers', async () => {
    const { gw } = gateway({ timeouts: { firstTokenMs: 500 } });
    const start = server.requests.length;
    server.enqueue(faults.slowFirstToken(3000, 'too late'), { content: 'in time' });
    const s = gw.stream(ask());
    let text = '';
    for await (const d of s) text += d;
    assert.equal(text, 'in time');
    assert.equal(requestsSince(start).length, 2);
  });

  test('slow response headers: the connect timeout aborts and the call fails with llm_timeout after retries', async () => {
    const { gw } = gateway({ timeouts: { connectMs: 100 }, retry: { retries: 1, minDelayMs: 5, maxDelayMs: 10 } });
    server.enqueue(faults.slowHeaders(600), faults.slowHeaders(600));
    await assert.rejects(gw.generate(ask()), (err: LlmError) => err.code === 'llm_timeout');
  });

  test('connection dropped mid-stream: reported as llm_stream_interrupted with the text already sent, never restarted', async () => {
    const { gw, ledger } = gateway({}, true);
    const start = server.requests.length;
    server.enqueue(faults.dropMidStream(2, 'one two three four'));
    const s = gw.stream(ask({ localComposer: () => 'should not be used' }));
    const seen: string[] = [];
    await assert.rejects(async () => { for await (const d of s) seen.push(d); }, (err: LlmError) => {
      assert.equal(err.code, 'llm_stream_interrupted');
      assert.equal(err.partialText, 'one two ');
      return true;
    });
    await assert.rejects(s.result);
    await gw.flush();
    assert.deepEqual(seen, ['one ', 'two ']);
    assert.equal(requestsSince(start).length, 1);
    assert.equal(ledger.calls.at(-1)!.outcome, 'stream_interrupted');
  });

  test('malformed SSE chunk after text was sent: reported as llm_stream_interrupted, not silently skipped', async () => {
    const { gw } = gateway();
    const start = server.requests.length;
    server.enqueue(faults.malformedChunk(1, 'alpha beta gamma'));
    const s = gw.stream(ask());
    await assert.rejects(async () => { for await (const _ of s) { /* drain */ } }, (err: LlmError) => err.code === 'llm_stream_interrupted' && err.partialText === 'alpha ');
    assert.equal(requestsSince(start).length, 1);
  });

  test('malformed SSE chunk before any text: the attempt is retried', async () => {
    const { gw } = gateway();
    const start = server.requests.length;
    server.enqueue(faults.malformedChunk(0, 'first try'), { content: 'second try' });
    const s = gw.stream(ask());
    let text = '';
    for await (const d of s) text += d;
    assert.equal(text, 'second try');
    assert.equal(requestsSince(start).length, 2);
  });

  test('invalid JSON in structured output (fences, prose, trailing comma, wrong enum case) is repaired without a re-ask', async () => {
    const { gw } = gateway();
    const start = server.requests.length;
    server.enqueue(faults.invalidJson('Here is the result:\n```json\n{"intent": "Find Jobs", "confidence": "0.9", "tags": "remote",}\n```\nAnything else?'));
    const r = await gw.generateObject(askFor(Intent));
    assert.deepEqual(r.object, { intent: 'find_jobs', confidence: 0.9, tags: ['remote'] });
    assert.equal(r.reasks, 0);
    assert.equal(requestsSince(start).length, 1);
    assert.match(String(requestsSince(start)[0]!.body!.messages.at(-1)!.content), /JSON Schema/);
  });

  test('truncated JSON in structured output is completed when the required fields survived', async () => {
    const { gw } = gateway();
    server.enqueue(faults.truncatedJson({ intent: 'assess_fit', confidence: 0.75, tags: ['backend', 'senior', 'remote-first'] }, 0.8));
    const r = await gw.generateObject(askFor(Intent));
    assert.equal(r.object.intent, 'assess_fit');
    assert.equal(r.object.confidence, 0.75);
    assert.ok(Intent.safeParse(r.object).success);
  });

  test('unrecoverable structured output gets exactly one re-ask, counted', async () => {
    const { gw, ledger } = gateway();
    const start = server.requests.length;
    server.enqueue({ content: 'I am not sure what you mean.' }, { content: '{"intent": "small_talk", "confidence": 1}' });
    const r = await gw.generateObject(askFor(Intent));
    await gw.flush();
    assert.equal(r.reasks, 1);
    assert.equal(r.object.intent, 'small_talk');
    assert.equal(requestsSince(start).length, 2);
    assert.equal(ledger.calls[0]!.reasks, 1);
  });

  test('unrecoverable streamed structured output: the re-ask\'s tokens count in the ledger row, the usage, the cost and the budget', async () => {
    const budgets = new MemoryBudgetStore();
    const ledger = new MemoryCostLedger();
    const gw = createGateway({
      engines: [{ provider: 'openai-compatible', baseURL: server.baseURL, model: 'gpt-4o-mini' }],
      cache: { enabled: false, ttlSeconds: 60 },
      budgets: [{ scope: 'feature', period: 'day', unit: 'tokens', limit: 1e9 }],
      retry: { retries: 0 },
    }, { ledger, budgets });
    const start = server.requests.length;
    server.enqueue(
      { content: 'Let me think about that.', usage: { promptTokens: 100, completionTokens: 20 } },
      { content: '{"intent": "find_jobs", "confidence": 0.5}', usage: { promptTokens: 140, completionTokens: 12 } },
    );
    const s = gw.streamObject({ ...askFor(Intent), feature: 'stream-reask' });
    for await (const _ of s) { /* partials */ }
    const r = await s.result;
    await gw.flush();
    assert.equal(r.reasks, 1);
    assert.equal(r.object.intent, 'find_jobs');
    assert.equal(requestsSince(start).length, 2);
    assert.equal(requestsSince(start)[0]!.body!.stream, true);
    assert.equal(ledger.calls.length, 1);
    const row = ledger.calls[0]!;
    assert.deepEqual([row.inputTokens, row.outputTokens, row.reasks, row.outcome], [240, 32, 1, 'ok']);
    assert.deepEqual(r.usage, { inputTokens: 240, cachedInputTokens: 0, outputTokens: 32, estimated: false });
    // gpt-4o-mini: $0.15 in, $0.60 out per 1M.
    assert.ok(Math.abs(r.costUsd! - (240 * 0.15 + 32 * 0.6) / 1e6) < 1e-12);
    assert.ok(Math.abs(row.costUsd! - r.costUsd!) < 1e-15);
    assert.equal(await budgets.used('feature:stream-reask', new Date().toISOString().slice(0, 10), 'tokens'), 272);
  });

  test('streamed structured output still unrecoverable after the re-ask: one error row with the tokens of both calls', async () => {
    const { gw, ledger } = gateway({ retry: { retries: 0 } });
    server.enqueue(
      { content: 'nope', usage: { promptTokens: 50, completionTokens: 5 } },
      { content: '{"intent": "dance", "confidence": 7}', usage: { promptTokens: 70, completionTokens: 9 } },
    );
    const s = gw.streamObject(askFor(Intent));
    await assert.rejects(s.result, (err: LlmError) => err.code === 'llm_unparseable_output');
    await gw.flush();
    assert.equal(ledger.calls.length, 1);
    const row = ledger.calls[0]!;
    assert.deepEqual([row.inputTokens, row.outputTokens, row.reasks, row.outcome, row.errorCode], [120, 14, 1, 'error', 'llm_unparseable_output']);
  });

  test('still unrecoverable after the re-ask: llm_unparseable_output, never a schema-violating value', async () => {
    const { gw } = gateway();
    const start = server.requests.length;
    server.enqueue({ content: 'nope' }, { content: '{"intent": "dance", "confidence": 7}' });
    await assert.rejects(gw.generateObject(askFor(Intent)), (err: LlmError) => err.code === 'llm_unparseable_output');
    assert.equal(requestsSince(start).length, 2);
  });
});

describe('failover', () => {
  test('the circuit opens after repeated failures and the engine is skipped without a request', async () => {
    const { gw } = gateway({ circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 } }, true);
    server.enqueue(faults.badRequest(), faults.badRequest());
    const composer = { localComposer: () => 'composed' };
    await gw.generate(ask(composer));
    await gw.generate(ask(composer));
    const start = server.requests.length;
    const r = await gw.generate(ask(composer));
    assert.equal(r.engine, 'local');
    assert.equal(r.degraded[0]!.reason, 'circuit_open');
    assert.equal(requestsSince(start).length, 0);
    assert.equal(gw.engines[0]!.circuit, 'open');
  });

  test('over budget with no cheaper engine left: fails with llm_budget_exceeded and the reason', async () => {
    const { gw } = gateway({ budgets: [{ scope: 'member', period: 'day', unit: 'usd', limit: 0.0000001 }] });
    await assert.rejects(gw.generate(ask({ memberId: 'big-spender' })), (err: LlmError) => err.code === 'llm_budget_exceeded' && /member:big-spender/.test(err.message));
  });

  test('over budget on the expensive model, the cheaper model of the cascade answers', async () => {
    const gw = createGateway({
      engines: [
        { provider: 'openai-compatible', baseURL: server.baseURL, model: 'gpt-4' },
        { provider: 'openai-compatible', baseURL: server.baseURL, model: 'gpt-4o-mini' },
      ],
      budgets: [{ scope: 'feature', period: 'day', unit: 'usd', limit: 0.01 }],
      cache: { enabled: false, ttlSeconds: 1 },
    });
    const r = await gw.generate(ask({ feature: 'cascade', maxOutputTokens: 500 }));
    assert.equal(r.model, 'gpt-4o-mini');
    assert.equal(r.degraded[0]!.engine, 'openai-compatible:gpt-4');
    assert.equal(r.degraded[0]!.reason, 'budget_exceeded');
  });
});
