/**
 * Gateway overhead: the same request to the local OpenAI-compatible test server, directly over HTTP
 * (fetch, the baseline) and through the gateway (AI SDK provider, retries wrapper, budget reservation,
 * ledger, metrics, spans; cache off so every call reaches the server), interleaved in one run.
 * Overhead = gateway − direct, for total latency (non-streaming) and for time to first token (streaming).
 * Target (issue #4): p50 ≤ 0.5 ms, p99 ≤ 2 ms. Prints JSON; `--json FILE` also writes it; `--quick` (or BENCH_N) shrinks the run.
 * The test server runs in a child process, as a model server would: its own work and garbage
 * collection then land on its own event loop, not inside the calls being timed (`--same-process`
 * keeps it in this process, as before).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { benchArgs, report } from './_args.ts';
import { createGateway, MemoryBudgetStore, MemoryCostLedger, MemoryResponseCache, type Engine } from '../src/llm/index.ts';
import { startOpenAITestServer } from '../test/support/openai-test-server.ts';

const args = benchArgs();
const N = Number(process.env.BENCH_N ?? (args.quick ? 300 : 4000));
const WARMUP = args.quick ? 50 : 300;
const REPLY = { content: 'You match 4 of the 5 required skills; the gap is Kubernetes.', usage: { promptTokens: 40, completionTokens: 14 } };

/** `--role server`: the test server alone; prints its base URL and serves until killed. */
if (args.get('role') === 'server') {
  const s = await startOpenAITestServer({ default: REPLY });
  s.recordRequests = false;
  process.send!({ baseURL: s.baseURL, chatCompletionsURL: s.chatCompletionsURL });
  await new Promise(() => {});
}

const sameProcess = process.argv.includes('--same-process');
let child: ChildProcess | undefined;
const server: { baseURL: string; chatCompletionsURL: string; close(): Promise<void> } = sameProcess
  ? await startOpenAITestServer({ default: REPLY }).then((s) => { s.recordRequests = false; return s; })
  : await new Promise((resolve, reject) => {
    child = fork(new URL(import.meta.url).pathname, ['--role', 'server'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`test server exited with ${code}`)));
    child.once('message', (m) => {
      const { baseURL, chatCompletionsURL } = m as { baseURL: string; chatCompletionsURL: string };
      resolve({ baseURL, chatCompletionsURL, close: async () => { child!.removeAllListeners('exit'); child!.kill(); } });
    });
  });

const messages = [
  { role: 'system' as const, content: 'You explain job fit to members, factually and kindly.' },
  { role: 'user' as const, content: 'Am I a fit for the backend engineer role?' },
];
const gateway = createGateway({
  engines: [{ provider: 'openai-compatible', baseURL: server.baseURL, model: 'gpt-4o-mini' }],
  cache: { enabled: false, ttlSeconds: 60 },
  budgets: [{ scope: 'feature', period: 'day', unit: 'usd', limit: 1e9 }, { scope: 'member', period: 'day', unit: 'tokens', limit: 1e12 }],
}, { ledger: new MemoryCostLedger(), budgets: new MemoryBudgetStore(), cache: new MemoryResponseCache() });

const body = (stream: boolean) => JSON.stringify({ model: 'gpt-4o-mini', messages, ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) });

async function directGenerate(): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(server.chatCompletionsURL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(false) });
  const json = (await res.json()) as { choices: { message: { content: string } }[] };
  if (!json.choices[0]!.message.content) throw new Error('empty');
  return performance.now() - t0;
}

/** Direct TTFT: until the first SSE chunk with non-empty content; then drains the stream. */
async function directTtft(): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(server.chatCompletionsURL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(true) });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let ttft = -1;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    if (ttft < 0) {
      let i: number;
      while (ttft < 0 && (i = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (!event.startsWith('data: {')) continue;
        const chunk = JSON.parse(event.slice(6)) as { choices: { delta?: { content?: string } }[] };
        if (chunk.choices[0]?.delta?.content) ttft = performance.now() - t0;
      }
    }
  }
  return ttft;
}

async function gatewayGenerate(): Promise<number> {
  const t0 = performance.now();
  const r = await gateway.generate({ feature: 'bench', memberId: 'm1', messages, cache: false });
  if (!r.text) throw new Error('empty');
  return performance.now() - t0;
}

async function gatewayTtft(): Promise<number> {
  const t0 = performance.now();
  const s = gateway.stream({ feature: 'bench', memberId: 'm1', messages, cache: false });
  let ttft = -1;
  for await (const _ of s) if (ttft < 0) ttft = performance.now() - t0;
  await s.result;
  return ttft;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function measure(direct: () => Promise<number>, viaGateway: () => Promise<number>) {
  for (let i = 0; i < WARMUP; i++) { await direct(); await viaGateway(); }
  const d: number[] = [];
  const g: number[] = [];
  for (let i = 0; i < N; i++) {
    // Alternate the order so neither side always runs on a warmer connection.
    if (i % 2 === 0) { d.push(await direct()); g.push(await viaGateway()); }
    else { g.push(await viaGateway()); d.push(await direct()); }
    if (i % 100 === 0) await gateway.flush();
  }
  // CPU time per call (this process: client and test server), which the neighbours' load does not inflate.
  const cpuPerCall = async (fn: () => Promise<number>) => {
    const n = Math.min(N, 500);
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) await fn();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / n;
  };
  const cpuDirect = await cpuPerCall(direct);
  const cpuGateway = await cpuPerCall(viaGateway);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  // Per-pair differences: each gateway call against the direct call made right next to it.
  const diffs = g.map((x, i) => x - d[i]!);
  const out = {
    n: N,
    directMs: { p50: r3(pct(d, 50)), p95: r3(pct(d, 95)), p99: r3(pct(d, 99)) },
    gatewayMs: { p50: r3(pct(g, 50)), p95: r3(pct(g, 95)), p99: r3(pct(g, 99)) },
    overheadMs: { p50: r3(pct(g, 50) - pct(d, 50)), p95: r3(pct(g, 95) - pct(d, 95)), p99: r3(pct(g, 99) - pct(d, 99)) },
    cpuMsPerCall: { direct: r3(cpuDirect), gateway: r3(cpuGateway), overhead: r3(cpuGateway - cpuDirect) },
    pairedDifferenceMs: { p50: r3(pct(diffs, 50)), p95: r3(pct(diffs, 95)), p99: r3(pct(diffs, 99)) },
    ratioP50: r3(pct(g, 50) / pct(d, 50)),
  };
  return { ...out, pass: out.overheadMs.p50 <= 0.5 && out.overheadMs.p99 <= 2 };
}

const loadBefore = loadavg()[0];
const nonStreaming = await measure(directGenerate, gatewayGenerate);
const streamingTtft = await measure(directTtft, gatewayTtft);
await gateway.close();

/**
 * The gateway's own work without any network: the same gateway over an engine that answers at once.
 * Separates our code (chain, budget, ledger, metrics, spans, retry wrapper) from the SDK provider and
 * the HTTP stack, which the end-to-end overhead above also contains.
 */
const instant: Engine = {
  id: 'openai:gpt-4o-mini', provider: 'openai', model: 'gpt-4o-mini', supportsJsonSchema: true,
  generate: async () => ({ text: 'ok', usage: { inputTokens: 40, cachedInputTokens: 0, outputTokens: 14 }, finishReason: 'stop', toolCalls: [] }),
  async *stream() {
    yield { type: 'delta' as const, text: 'ok' };
    yield { type: 'finish' as const, usage: { inputTokens: 40, cachedInputTokens: 0, outputTokens: 14 }, finishReason: 'stop' };
  },
};
const logicOnly = createGateway({ engines: [], cache: { enabled: false, ttlSeconds: 60 }, budgets: [{ scope: 'feature', period: 'day', unit: 'usd', limit: 1e9 }] }, { engines: [instant] });
async function logic(stream: boolean) {
  const xs: number[] = [];
  for (let i = 0; i < N + WARMUP; i++) {
    const t0 = performance.now();
    if (stream) {
      const s = logicOnly.stream({ feature: 'bench', memberId: 'm1', messages });
      for await (const _ of s) { /* drain */ }
      await s.result;
    } else await logicOnly.generate({ feature: 'bench', memberId: 'm1', messages });
    if (i >= WARMUP) xs.push(performance.now() - t0);
  }
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return { p50: r3(pct(xs, 50)), p95: r3(pct(xs, 95)), p99: r3(pct(xs, 99)) };
}
const gatewayLogicOnlyMs = { generate: await logic(false), stream: await logic(true) };
await logicOnly.close();
await server.close();
const result = {
  benchmark: 'gateway-overhead',
  target: { p50Ms: 0.5, p99Ms: 2 },
  anchor: 'LiteLLM proxy overhead: median 2 ms, p95 8 ms, p99 13 ms',
  server: sameProcess ? 'same process' : 'child process',
  // Node 20's web-stream construction shortcut (src/llm/fast-web-streams.ts), applied by createGateway; off with FITWISE_FAST_WEB_STREAMS=off
  fastWebStreams: Object.getPrototypeOf(ReadableStream.prototype) !== Object.prototype,
  nonStreaming,
  streamingTtft,
  gatewayLogicOnlyMs,
  // 1-minute load average: on a shared 2-core machine the tails (p95/p99) mostly measure the neighbours.
  loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0] * 100) / 100 },
  node: process.version,
};
report(result, args.json);
