import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { WEB_DIST_DIR, registerWebApp } from '../../src/api/web.ts';
import type { tables } from '../../src/store/index.ts';
import { seedOperationsData, startWebServer, type WebServer } from './harness.ts';

type CallRow = typeof tables.llmCalls.$inferInsert;

/** percentile_cont: linear interpolation between the two nearest ranks. */
function percentile(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  const pos = (v.length - 1) * p;
  const lo = Math.floor(pos);
  return v[lo]! + (v[Math.min(lo + 1, v.length - 1)]! - v[lo]!) * (pos - lo);
}

describe('web app serving and operator API', () => {
  let server: WebServer;
  let calls: CallRow[];
  const tokens: Record<string, string> = {};
  before(async () => {
    server = await startWebServer({ members: 20, jobs: 10 });
    calls = (await seedOperationsData(server.ctx)).calls;
    tokens.admin = await server.ctx.repos.tokens.create({ role: 'admin', name: 'ops' });
    tokens.member = await server.ctx.repos.tokens.create({ role: 'member', memberId: 'm-0000001', name: 'member' });
    tokens.recruiter = await server.ctx.repos.tokens.create({ role: 'recruiter', companyId: 'c-0001', name: 'recruiter' });
  });
  after(async () => { await server?.close(); });

  const get = async (path: string, as?: string) => {
    const res = await fetch(server.base + path, { headers: as ? { authorization: `Bearer ${tokens[as]}` } : {} });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, cache: res.headers.get('cache-control') ?? '', body: type.includes('json') ? await res.json() as any : await res.text() };
  };

  test('client-side routes get the app shell; API paths keep JSON 404s', async () => {
    for (const path of ['/', '/login', '/member/jobs/j-0000001', '/ops']) {
      const r = await get(path);
      assert.equal(r.status, 200, path);
      assert.match(r.type, /text\/html/, path);
      assert.match(r.body, /<div id="root"><\/div>/, path);
      assert.match(r.cache, /no-cache/, path);
    }
    const api = await get('/v1/nowhere');
    assert.equal(api.status, 404);
    assert.equal(api.body.error.code, 'route_not_found');
    assert.deepEqual((await get('/healthz')).body, { status: 'ok' });
  });

  test('hashed assets are served with long-lived caching; unknown assets are 404', async () => {
    const js = readdirSync(join(WEB_DIST_DIR, 'assets')).find((f) => f.endsWith('.js'))!;
    const r = await get(`/assets/${js}`);
    assert.equal(r.status, 200);
    assert.match(r.type, /javascript/);
    assert.match(r.cache, /immutable/);
    assert.equal((await get('/assets/missing-0000.js')).status, 404);
    // Nothing outside web/dist is reachable, even with encoded dot segments.
    for (const path of ['/%2e%2e/package.json', '/%2e%2e/%2e%2e/package.json', '/package.json']) {
      const r = await get(path);
      assert.doesNotMatch(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), /"dependencies"/, path);
    }
  });

  test('operator endpoints: 401 without a token, 403 for members and recruiters', async () => {
    for (const path of ['/v1/ops/costs', '/v1/ops/latency', '/v1/ops/budgets', '/v1/ops/evals', '/v1/ops/engines']) {
      assert.equal((await get(path)).status, 401, path);
      assert.equal((await get(path, 'member')).status, 403, path);
      assert.equal((await get(path, 'recruiter')).status, 403, path);
      assert.equal((await get(path, 'admin')).status, 200, path);
    }
  });

  test('cost by feature, model and day adds up to the ledger', async () => {
    const byFeature = (await get('/v1/ops/costs?by=feature&days=30', 'admin')).body;
    const expected = new Map<string, { calls: number; input: number; cost: number }>();
    for (const c of calls) {
      const e = expected.get(c.feature) ?? { calls: 0, input: 0, cost: 0 };
      expected.set(c.feature, { calls: e.calls + 1, input: e.input + (c.inputTokens ?? 0), cost: e.cost + (c.costUsd ?? 0) });
    }
    assert.equal(byFeature.items.length, expected.size);
    for (const row of byFeature.items) {
      const e = expected.get(row.key)!;
      assert.equal(row.calls, e.calls, row.key);
      assert.equal(row.inputTokens, e.input, row.key);
      assert.ok(Math.abs(row.costUsd - e.cost) < 1e-5, `${row.key}: ${row.costUsd} vs ${e.cost}`);
    }
    assert.equal(byFeature.total.calls, calls.length);
    const byModel = (await get('/v1/ops/costs?by=model', 'admin')).body;
    assert.deepEqual(byModel.items.map((r: { key: string }) => r.key).sort(), [...new Set(calls.map((c) => `${c.provider}/${c.model}`))].sort());
    const byDay = (await get('/v1/ops/costs?by=day', 'admin')).body;
    const days = byDay.items.map((r: { key: string }) => r.key);
    assert.deepEqual(days, [...new Set(calls.map((c) => String(c.at).slice(0, 10)))].sort());
    const bad = await get('/v1/ops/costs?by=colour', 'admin');
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /by/);
  });

  test('latency per hour gives TTFT and total p50/p95 as percentile_cont over the calls', async () => {
    const r = (await get('/v1/ops/latency?hours=200', 'admin')).body;
    const byHour = new Map<string, CallRow[]>();
    for (const c of calls) {
      const h = `${String(c.at).slice(0, 13)}:00:00Z`;
      byHour.set(h, [...(byHour.get(h) ?? []), c]);
    }
    assert.equal(r.items.length, byHour.size);
    for (const row of r.items) {
      const rows = byHour.get(row.hour)!;
      assert.ok(rows, row.hour);
      assert.equal(row.calls, rows.length);
      assert.ok(Math.abs(row.ttftP50Ms - percentile(rows.map((x) => x.ttftMs!), 0.5)) < 0.11);
      assert.ok(Math.abs(row.latencyP95Ms - percentile(rows.map((x) => x.latencyMs!), 0.95)) < 0.11);
      assert.ok(row.ttftP50Ms <= row.ttftP95Ms);
    }
  });

  test('budgets show the fraction used; evaluations read oldest first with their metrics; engines list the chain', async () => {
    const budgets = (await get('/v1/ops/budgets', 'admin')).body;
    assert.ok(budgets.items.length >= 1);
    for (const b of budgets.items) assert.ok(Math.abs(b.fraction - b.used / b.limit) < 1e-4);
    const evals = (await get('/v1/ops/evals', 'admin')).body;
    const times = evals.items.map((e: { createdAt: string }) => Date.parse(e.createdAt));
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    assert.ok(evals.items.every((e: { metrics: Record<string, number> }) => typeof e.metrics.routingAccuracy === 'number'));
    assert.equal(evals.items.filter((e: { passed: boolean }) => !e.passed).length, 1);
    const engines = (await get('/v1/ops/engines', 'admin')).body;
    const local = engines.engines.find((e: { provider: string }) => e.provider === 'local');
    assert.ok(local, 'the local engine ends the chain');
    assert.equal(local.calls24h, calls.filter((c) => c.provider === 'local' && Date.parse(String(c.at)) >= Date.now() - 86_400_000).length);
  });
});

describe('web app serving without a build', () => {
  test('app routes answer 503 naming the build command; API paths still 404 as JSON', async () => {
    const app = Fastify();
    await registerWebApp(app, { distDir: join(WEB_DIST_DIR, 'no-such-build') });
    try {
      const page = await app.inject({ url: '/member' });
      assert.equal(page.statusCode, 503);
      assert.match(page.body, /vite build web/);
      const api = await app.inject({ url: '/v1/anything' });
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().error.code, 'route_not_found');
    } finally {
      await app.close();
    }
  });
});
