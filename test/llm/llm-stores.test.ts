import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createGateway, estimateInputTokens, type LlmRequest } from '../../src/llm/index.ts';
import { sqlLlmStores } from '../../src/store/llm-repository.ts';
import { postgresAvailable, testBackends } from '../support/databases.ts';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server.ts';

const postgresUp = await postgresAvailable();

let server: OpenAITestServer;
before(async () => { server = await startOpenAITestServer(); });
after(async () => { await server.close(); });

for (const backend of testBackends()) {
  describe(`LLM stores on ${backend.name}`, { skip: backend.name === 'postgres' && !postgresUp ? 'PostgreSQL at 127.0.0.1:5432 is not reachable' : false }, () => {
    let handle: Awaited<ReturnType<typeof backend.open>>;
    before(async () => { handle = await backend.open(); });
    after(async () => { await handle?.dispose(); });

    test('50 concurrent calls against a budget that fits 10: at most 10 are charged, the rest degrade to local with the reason', async () => {
      const stores = sqlLlmStores(handle.db);
      const messages = [{ role: 'user' as const, content: `Summarise my fit for job ${backend.name}` }];
      const maxOutputTokens = 50;
      const perCall = estimateInputTokens(messages) + maxOutputTokens;
      // The server reports exactly the reserved amount, so reconciliation frees nothing.
      server.setDefault({ content: 'A fine answer.', usage: { promptTokens: perCall - maxOutputTokens, completionTokens: maxOutputTokens }, headerDelayMs: 20 });
      const gateway = createGateway({
        engines: [{ provider: 'openai-compatible', baseURL: server.baseURL, model: 'gpt-4o-mini' }, { provider: 'local' }],
        budgets: [{ scope: 'feature', period: 'day', unit: 'tokens', limit: perCall * 10 }],
        cache: { enabled: false, ttlSeconds: 60 },
      }, stores);
      const request: LlmRequest = { feature: `race-${backend.name}`, messages, maxOutputTokens, localComposer: () => 'Composed from facts.' };
      const results = await Promise.all(Array.from({ length: 50 }, () => gateway.generate(request)));
      await gateway.flush();
      const charged = results.filter((r) => r.engine === 'openai-compatible');
      const degraded = results.filter((r) => r.engine === 'local');
      assert.ok(charged.length <= 10, `${charged.length} calls were charged`);
      assert.ok(charged.length >= 1);
      assert.equal(degraded.length, 50 - charged.length);
      for (const r of degraded) {
        assert.equal(r.degraded[0]?.reason, 'budget_exceeded');
        assert.match(r.degraded[0]!.detail, /feature:race-/);
      }
      const day = new Date().toISOString().slice(0, 10);
      const used = await stores.budgets.used(`feature:race-${backend.name}`, day, 'tokens');
      assert.ok(used <= perCall * 10, `used ${used} > limit ${perCall * 10}`);
      assert.equal(used, charged.length * perCall);
      server.setDefault({});
    });

    test('the ledger records every call and sums cost by feature, model and day; unknown prices stay null', async () => {
      const { ledger } = sqlLlmStores(handle.db);
      const base = { tenant: 't1', memberId: 'm1', provider: 'openai' as const, cachedInputTokens: 0, tokensEstimated: false, latencyMs: 10, ttftMs: null, outcome: 'ok' as const, cacheHit: false, reasks: 0 };
      await ledger.record({ ...base, feature: 'ledger.a', model: 'gpt-4', inputTokens: 1000, outputTokens: 500, costUsd: 0.06 });
      await ledger.record({ ...base, feature: 'ledger.a', model: 'gpt-4', inputTokens: 1000, outputTokens: 500, costUsd: 0.06 });
      await ledger.record({ ...base, feature: 'ledger.b', model: 'mystery', inputTokens: 10, outputTokens: 5, costUsd: null });
      const byFeature = await ledger.summarize('feature');
      const a = byFeature.find((r) => r.key === 'ledger.a')!;
      assert.equal(a.calls, 2);
      assert.equal(a.inputTokens, 2000);
      assert.ok(Math.abs(a.costUsd - 0.12) < 1e-9);
      const b = byFeature.find((r) => r.key === 'ledger.b')!;
      assert.equal(b.costUsd, 0);
      assert.equal(b.unpricedCalls, 1);
      const byModel = await ledger.summarize('model');
      assert.ok(byModel.some((r) => r.key === 'openai/gpt-4' && r.calls === 2));
      const byDay = await ledger.summarize('day');
      assert.ok(byDay.some((r) => r.key === new Date().toISOString().slice(0, 10)));
    });

    test('the response cache serves a repeated request from the database until its TTL passes', async () => {
      const { cache } = sqlLlmStores(handle.db);
      await cache.set('k1', { text: 'cached' }, 60);
      assert.deepEqual(await cache.get('k1'), { text: 'cached' });
      await cache.set('k2', { text: 'short' }, 0.05);
      await new Promise((r) => setTimeout(r, 120));
      assert.equal(await cache.get('k2'), undefined);
      assert.equal(await cache.get('missing'), undefined);

      const stores = sqlLlmStores(handle.db);
      const gateway = createGateway({ engines: [{ provider: 'openai-compatible', baseURL: server.baseURL, model: 'gpt-4o-mini' }], cache: { enabled: true, ttlSeconds: 60 } }, stores);
      const request: LlmRequest = { feature: 'cache', messages: [{ role: 'user', content: `cache me ${backend.name} ${Date.now()}` }] };
      const before = server.requests.length;
      const first = await gateway.generate(request);
      await gateway.flush();
      const second = await gateway.generate(request);
      await gateway.flush();
      assert.equal(first.cacheHit, false);
      assert.equal(second.cacheHit, true);
      assert.equal(second.text, first.text);
      assert.equal(second.costUsd, 0);
      assert.equal(server.requests.length - before, 1);
    });
  });
}
