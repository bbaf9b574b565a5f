import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { gatewayOf } from '../../src/app/index.ts';
import { createAppContext } from '../../src/app/context.ts';
import {
  createGateway, DEFAULT_REDIS_CACHE_PREFIX, llmMetrics, loadGatewayConfig, LlmError, MemoryCostLedger, RedisResponseCache, type LlmRequest,
} from '../../src/llm/index.ts';
import { openDatabase } from '../../src/store/index.ts';
import { llmCache, llmCalls } from '../../src/store/schema.ts';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server.ts';

// The real Redis of this machine (.ci/run starts it); each run writes under its own key prefix.
const REDIS_URL = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';
const PREFIX = `fitwise-test:${process.pid}:${Date.now()}:`;
const redisUp = await reachable(REDIS_URL);
const why = `Redis is unreachable at ${REDIS_URL} (set REDIS_URL_TEST or start redis-server)`;
// CI starts Redis (.ci/run), so there a missing Redis fails the suite instead of skipping it.
const unreachable = redisUp || process.env.CI ? false : why;

let server: OpenAITestServer;
let raw: ReturnType<typeof rawClient>;
const caches: RedisResponseCache[] = [];

before(async () => {
  server = await startOpenAITestServer();
  if (!redisUp) return;
  raw = rawClient();
  raw.on('error', () => {});
  await raw.connect();
});

after(async () => {
  await Promise.all(caches.map((c) => c.close()));
  await server.close();
  if (raw) {
    const keys = await raw.keys(`${PREFIX}*`);
    if (keys.length) await raw.del(keys);
    await raw.close();
  }
});

/** A plain client, to look at what the cache stored and to clean up. */
function rawClient() {
  return createClient({ url: REDIS_URL });
}

function redisCache(url = REDIS_URL, keyPrefix = PREFIX): RedisResponseCache {
  const cache = new RedisResponseCache({ url, keyPrefix });
  caches.push(cache);
  return cache;
}

let counter = 0;
function ask(): LlmRequest {
  return { feature: 'redis-cache-test', messages: [{ role: 'user', content: `question ${PREFIX}${++counter}` }] };
}

function gatewayWith(cache: RedisResponseCache) {
  const ledger = new MemoryCostLedger();
  const warnings: string[] = [];
  const gw = createGateway({
    engines: [{ provider: 'openai-compatible', baseURL: server.baseURL, model: 'gpt-4o-mini' }],
    cache: { enabled: true, ttlSeconds: 60 },
    retry: { retries: 0 },
    onWarning: (m) => warnings.push(m),
  }, { ledger, cache });
  return { gw, ledger, warnings };
}

async function counterValue(metric: 'cache' | 'cacheErrors', label: string): Promise<number> {
  const { values } = await llmMetrics()[metric].get();
  return values.filter((v) => Object.values(v.labels).includes(label)).reduce((n, v) => n + v.value, 0);
}

describe('REDIS_URL in the configuration', () => {
  test('REDIS_URL selects the Redis cache, with the default or LLM_CACHE_REDIS_PREFIX key prefix; unset means none', () => {
    assert.equal(loadGatewayConfig({}).cache?.redis, undefined);
    assert.deepEqual(loadGatewayConfig({ REDIS_URL: 'redis://cache.internal:6380/2' }).cache?.redis, { url: 'redis://cache.internal:6380/2', keyPrefix: DEFAULT_REDIS_CACHE_PREFIX });
    assert.equal(DEFAULT_REDIS_CACHE_PREFIX, 'fitwise:llm:cache:');
    assert.equal(loadGatewayConfig({ REDIS_URL: 'rediss://h', LLM_CACHE_REDIS_PREFIX: 'tenant-a:' }).cache?.redis?.keyPrefix, 'tenant-a:');
  });

  test('a REDIS_URL that is not a redis:// URL is a configuration error', () => {
    assert.throws(() => loadGatewayConfig({ REDIS_URL: 'localhost:6379' }), (err: LlmError) => err.code === 'llm_config_invalid' && /REDIS_URL/.test(err.message));
  });
});

describe('RedisResponseCache against a real Redis', { skip: unreachable }, () => {
  before(() => {
    if (!redisUp) throw new Error(why);
  });

  test('a value round-trips as JSON under the key prefix, with a native Redis TTL; a missing key is undefined', async () => {
    const cache = redisCache();
    const value = { text: 'You fit.', finishReason: 'stop', toolCalls: [{ name: 'lookup', input: { id: 'j-1', tags: ['a', 'b'] } }] };
    await cache.set('round-trip', value, 60);
    assert.deepEqual(await cache.get('round-trip'), value);
    assert.equal(await cache.get('never-set'), undefined);
    assert.deepEqual(JSON.parse((await raw.get(`${PREFIX}round-trip`))!), value);
    const pttl = await raw.pTTL(`${PREFIX}round-trip`);
    assert.ok(pttl > 55_000 && pttl <= 60_000, `PTTL ${pttl}`);
  });

  test('an entry expires after its TTL', async () => {
    const cache = redisCache();
    await cache.set('short-lived', { text: 'soon gone' }, 0.3);
    assert.deepEqual(await cache.get('short-lived'), { text: 'soon gone' });
    await sleep(450);
    assert.equal(await cache.get('short-lived'), undefined);
    assert.equal(await raw.exists(`${PREFIX}short-lived`), 0);
  });

  test('a bad TTL is refused with a clear error', async () => {
    await assert.rejects(redisCache().set('k', 1, 0), /TTL must be positive/);
  });

  test('the same gateway call twice: the second is a cache hit served from Redis, without a request to the model', async () => {
    const prefix = `${PREFIX}gateway:`;
    const { gw, ledger } = gatewayWith(redisCache(REDIS_URL, prefix));
    const request = ask();
    const start = server.requests.length;
    const hitsBefore = await counterValue('cache', 'hit');
    server.enqueue({ content: 'cached answer', usage: { promptTokens: 30, completionTokens: 3 } });
    const first = await gw.generate(request);
    await gw.flush(); // the cache write happens in the background
    assert.equal(first.cacheHit, false);
    assert.equal((await raw.keys(`${prefix}*`)).length, 1);

    const second = await gw.generate(request);
    await gw.flush();
    assert.equal(second.cacheHit, true);
    assert.equal(second.text, 'cached answer');
    assert.equal(second.costUsd, 0);
    assert.equal(server.requests.length - start, 1);
    assert.deepEqual(ledger.calls.map((c) => [c.outcome, c.cacheHit]), [['ok', false], ['cache_hit', true]]);
    assert.equal(await counterValue('cache', 'hit') - hitsBefore, 1);
  });
});

describe('the app with REDIS_URL set', { skip: unreachable }, () => {
  const saved = { ...process.env };
  after(() => {
    for (const name of ['FITWISE_LLM', 'LLM_BASE_URL', 'LLM_MODEL', 'REDIS_URL', 'LLM_CACHE_REDIS_PREFIX']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  test('gatewayOf keeps the response cache in Redis, not in the database, and closing the app closes the connection', async () => {
    const prefix = `${PREFIX}app:`;
    Object.assign(process.env, { FITWISE_LLM: 'openai-compatible', LLM_BASE_URL: server.baseURL, LLM_MODEL: 'gpt-4o-mini', REDIS_URL: REDIS_URL, LLM_CACHE_REDIS_PREFIX: prefix });
    const clientsBefore = await connectedClients();
    const ctx = await createAppContext({ handle: await openDatabase({ dataDir: 'memory://' }) });
    try {
      const gw = gatewayOf(ctx);
      const request = ask();
      server.enqueue({ content: 'from the model' });
      assert.equal((await gw.generate(request)).cacheHit, false);
      await gw.flush();
      const again = await gw.generate(request);
      await gw.flush();
      assert.deepEqual([again.cacheHit, again.text], [true, 'from the model']);
      assert.equal((await raw.keys(`${prefix}*`)).length, 1);
      assert.equal((await ctx.handle.db.select().from(llmCache)).length, 0);
      assert.deepEqual((await ctx.handle.db.select().from(llmCalls)).map((c) => c.cacheHit).sort(), [false, true]);
      assert.equal(await connectedClients(), clientsBefore + 1);
    } finally {
      await ctx.close();
    }
    await waitUntil(async () => await connectedClients() === clientsBefore);
  });
});

describe('RedisResponseCache when Redis is down', () => {
  test('a closed port: calls succeed uncached and fast, the cache errors are counted and warned about once', async () => {
    const port = await closedPort();
    const { gw, ledger, warnings } = gatewayWith(redisCache(`redis://127.0.0.1:${port}`));
    const request = ask();
    const start = server.requests.length;
    const errorsBefore = await counterValue('cacheErrors', 'get');
    server.enqueue({ content: 'first' }, { content: 'second' });
    const t0 = performance.now();
    const first = await gw.generate(request);
    const second = await gw.generate(request);
    await gw.flush();
    assert.ok(performance.now() - t0 < 3000, `took ${Math.round(performance.now() - t0)} ms`);
    assert.deepEqual([first.text, first.cacheHit, second.text, second.cacheHit], ['first', false, 'second', false]);
    assert.equal(server.requests.length - start, 2);
    assert.deepEqual(ledger.calls.map((c) => c.outcome), ['ok', 'ok']);
    assert.equal(await counterValue('cacheErrors', 'get') - errorsBefore, 2);
    assert.equal(warnings.filter((w) => /response cache (get|set) failed/.test(w)).length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /ECONNREFUSED/);
  });

  const redisServer = spawnSync('redis-server', ['--version']).status === 0 ? false : 'redis-server is not installed';
  test('Redis stopping mid-run: lookups fail at once instead of queueing, and calls go on uncached', { skip: redisServer }, async () => {
    const port = await closedPort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      await waitUntil(() => reachable(`redis://127.0.0.1:${port}`));
      const { gw, warnings } = gatewayWith(redisCache(`redis://127.0.0.1:${port}`));
      const request = ask();
      server.enqueue({ content: 'before' }, { content: 'after' });
      assert.equal((await gw.generate(request)).text, 'before');
      await gw.flush();
      assert.equal((await gw.generate(request)).cacheHit, true);
      await stop(child);
      const t0 = performance.now();
      const r = await gw.generate(request);
      assert.ok(performance.now() - t0 < 2000, `took ${Math.round(performance.now() - t0)} ms`);
      assert.deepEqual([r.text, r.cacheHit], ['after', false]);
      await gw.flush();
      assert.equal(warnings.length, 1, warnings.join('\n'));
    } finally {
      await stop(child);
    }
  });
});

/** Response-cache connections to the test Redis (this file's other caches included, so compare before and after). */
async function connectedClients(): Promise<number> {
  return (await raw.clientList()).filter((c) => c.name === 'fitwise-llm-cache').length;
}

/** A TCP connect to the URL's host and port, within one second. */
async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379), timeout: 1000 });
  try {
    await Promise.race([once(socket, 'connect'), once(socket, 'timeout').then(() => { throw new Error('timeout'); })]);
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

/** A port that nothing listens on (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as { port: number };
  s.close();
  await once(s, 'close');
  return port;
}

async function waitUntil(ready: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}
