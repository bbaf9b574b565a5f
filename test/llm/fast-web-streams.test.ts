import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Each case runs in its own process: the patch is process-wide and one-way.
const root = fileURLToPath(new URL('../../', import.meta.url));
const onNode20 = Number(process.versions.node.split('.')[0]) === 20;

function run(script: string, env: Record<string, string> = {}): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root, env: { ...process.env, ...env }, encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

const PROBE = `
import { useFastWebStreams } from './src/llm/fast-web-streams.ts';
const patch = process.argv.includes('--patch') || process.env.PATCH === '1';
const applied = patch ? useFastWebStreams() : false;
// CPU time to construct 5,000 TransformStreams (the AI SDK builds several per streamed call).
const cpu = process.cpuUsage();
for (let i = 0; i < 5000; i++) new TransformStream();
const used = process.cpuUsage(cpu);
// Streams still work: decode, parse, tee, and an async iteration end to end.
const source = new Blob(['data: {"a":1}\\n\\n', 'data: {"b":2}\\n\\n']).stream();
const [left, right] = source.pipeThrough(new TextDecoderStream()).tee();
let text = '';
for await (const chunk of left.pipeThrough(new TransformStream({ transform(c, ctl) { ctl.enqueue(c.toUpperCase()); } }))) text += chunk;
await right.cancel();
console.log(JSON.stringify({ applied, plainPrototype: Object.getPrototypeOf(ReadableStream.prototype) === Object.prototype, cpuUs: used.user + used.system, text }));
`;

test('on Node 20 the gateway skips makeTransferable for web streams, and streams still behave', { skip: !onNode20 && 'Node 20 only' }, () => {
  const plain = run(PROBE);
  const fast = run(PROBE, { PATCH: '1' });
  assert.equal(fast.applied, true);
  assert.equal(fast.plainPrototype, false);
  assert.equal(plain.plainPrototype, true);
  for (const r of [plain, fast]) assert.equal(r.text, 'DATA: {"A":1}\n\nDATA: {"B":2}\n\n');
  // ~49 µs → ~23 µs per TransformStream on this machine; CPU time, so neighbours' load does not skew it.
  const speedup = (plain.cpuUs as number) / (fast.cpuUs as number);
  assert.ok(speedup > 1.3, `construction ${speedup.toFixed(2)}× faster (plain ${plain.cpuUs} µs, patched ${fast.cpuUs} µs)`);
});

test('FITWISE_FAST_WEB_STREAMS=off keeps Node\'s streams untouched, even when a gateway is created', () => {
  const r = run(`
import { createGateway } from './src/llm/index.ts';
import { useFastWebStreams } from './src/llm/fast-web-streams.ts';
createGateway({ engines: [{ provider: 'local' }], cache: { enabled: false, ttlSeconds: 1 }, budgets: [] });
console.log(JSON.stringify({ applied: useFastWebStreams(), plainPrototype: Object.getPrototypeOf(ReadableStream.prototype) === Object.prototype }));
`, { FITWISE_FAST_WEB_STREAMS: 'off' });
  assert.deepEqual(r, { applied: false, plainPrototype: true });
});

test('a web stream cannot be posted to another thread once patched: it fails loudly, never silently', { skip: !onNode20 && 'Node 20 only' }, () => {
  const r = run(`
import { useFastWebStreams } from './src/llm/fast-web-streams.ts';
import { MessageChannel } from 'node:worker_threads';
useFastWebStreams();
const { port1, port2 } = new MessageChannel();
const s = new ReadableStream();
let error = '';
try { port1.postMessage(s, [s]); } catch (err) { error = err.message; }
port1.close(); port2.close();
console.log(JSON.stringify({ error }));
`);
  assert.match(r.error as string, /invalid object in transferList/);
});
