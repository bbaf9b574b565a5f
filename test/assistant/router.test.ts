import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { describe, test } from 'node:test';
import {
  createRouter, HELDOUT_PATH, INTENTS, parseRoutingAnswer, readClinc, readUtterances, routingPrompt, TRAIN_PATH,
  type RouteCandidate,
} from '../../src/assistant/router/index.ts';
import { routeLines, type RouteOptions } from '../../src/cli/commands/route.ts';
import { CliError } from '../../src/cli/context.ts';
import { SHARED_DIR } from '../support/databases.ts';

const train = readUtterances(TRAIN_PATH);
const heldout = readUtterances(HELDOUT_PATH);
const router = createRouter();
const clincPath = `${SHARED_DIR}data/benchmarks/clinc150/train_val.json`;
const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function countBy(items: { intent: string }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i.intent, (m.get(i.intent) ?? 0) + 1);
  return m;
}

describe('utterance datasets', () => {
  test('the training set has at least 40 utterances for every intent', () => {
    const counts = countBy(train);
    for (const intent of INTENTS) assert.ok((counts.get(intent) ?? 0) >= 40, `${intent}: ${counts.get(intent) ?? 0}`);
  });

  test('the held-out set has at least 15 utterances for every intent', () => {
    const counts = countBy(heldout);
    for (const intent of INTENTS) assert.ok((counts.get(intent) ?? 0) >= 15, `${intent}: ${counts.get(intent) ?? 0}`);
  });

  test('no held-out utterance appears in the training set', () => {
    const seen = new Set(train.map((u) => normalise(u.text)));
    const leaked = heldout.filter((u) => seen.has(normalise(u.text))).map((u) => u.text);
    assert.deepEqual(leaked, []);
  });
});

describe('local routing quality and speed', () => {
  test('trains at start-up in under 2 seconds of CPU time', () => {
    // CPU time, because wall-clock time on a shared 2-core machine measures the neighbours too.
    const fresh = createRouter({ fresh: true });
    assert.ok(fresh.trainingCpuMs < 2000, `${fresh.trainingCpuMs.toFixed(0)} ms CPU (${fresh.trainingMs.toFixed(0)} ms wall)`);
  });

  test('later routers in the same process reuse the trained model', () => {
    const again = createRouter();
    assert.ok(again.trainingMs < 50, `${again.trainingMs.toFixed(1)} ms`);
  });

  test('routes at least 95% of the held-out utterances to the right intent', () => {
    const wrong = heldout.filter((u) => router.route(u.text).intent !== u.intent);
    const accuracy = 1 - wrong.length / heldout.length;
    assert.ok(accuracy >= 0.95, `accuracy ${accuracy.toFixed(4)}; e.g. ${wrong.slice(0, 5).map((u) => u.text).join(' | ')}`);
  });

  test('routes at least 95% of CLINC150 validation non-career utterances to small_talk or out_of_scope as mapped', { skip: !existsSync(clincPath) && `CLINC150 not found at ${clincPath}` }, () => {
    const val = readClinc(SHARED_DIR, 'val');
    assert.ok(val.length >= 3000);
    const exact = val.filter((u) => router.route(u.text).intent === u.intent).length / val.length;
    const nonCareer = val.filter((u) => ['small_talk', 'out_of_scope'].includes(router.route(u.text).intent)).length / val.length;
    const oos = val.filter((u) => u.domain === 'oos');
    const oosRate = oos.filter((u) => router.route(u.text).intent === 'out_of_scope').length / oos.length;
    // The done-when: no career agent for them (>= 95%); the exact small_talk/out_of_scope split is a softer guard.
    assert.ok(nonCareer >= 0.95, `non-career ${nonCareer.toFixed(4)}`);
    assert.ok(exact >= 0.9, `exact ${exact.toFixed(4)}`);
    // CLINC's own out-of-scope split includes career questions ("how can i become an aerospace engineer"),
    // which this assistant rightly serves, so its bar is lower.
    assert.ok(oosRate >= 0.7, `CLINC out-of-scope split ${oosRate.toFixed(4)}`);
  });

  test('p99 of a routing decision is at most 1 ms of CPU time; the median is far below it', () => {
    const texts = [...heldout, ...train].map((u) => u.text);
    for (const t of texts) router.route(t); // warm-up: let the JIT finish before timing
    // Per-decision CPU time (getrusage) as the p99 measure: on a shared 2-core machine wall-clock p99 counts
    // the time the scheduler gives to neighbours (bench/routing.ts reports both).
    const cpu: number[] = [];
    const wall: number[] = [];
    for (const t of texts) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      router.route(t);
      wall.push(performance.now() - w0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.ceil(q * xs.length) - 1]!;
    assert.ok(p(cpu, 0.99) <= 1, `CPU p99 ${p(cpu, 0.99).toFixed(3)} ms`);
    assert.ok(p(wall, 0.5) <= 0.2, `wall-clock median ${p(wall, 0.5).toFixed(3)} ms`);
  });

  test('training is deterministic: two routers give the same probabilities', () => {
    const other = createRouter({ fresh: true });
    for (const u of heldout.slice(0, 30)) assert.deepEqual(other.route(u.text).scores, router.route(u.text).scores);
  });

  test('confidences are softmax probabilities that sum to 1', () => {
    const d = router.route('find me remote python jobs in Lisbon');
    const total = Object.values(d.scores!).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - 1) < 1e-9);
    assert.equal(d.confidence, d.scores![d.intent]);
  });

  test('below the no-route threshold a career intent becomes out_of_scope', () => {
    const strict = createRouter({ noRouteThreshold: 0.999999 });
    const d = strict.route('what about a job');
    assert.equal(d.intent, 'out_of_scope');
    assert.equal(d.source, 'threshold');
  });

  test('an utterance with no words has no route', () => {
    for (const text of ['', '   ', '?!', '👋']) assert.equal(router.route(text).intent, 'out_of_scope');
  });
});

describe('follow-ups resolve against the conversation', () => {
  const fit = [{ text: 'am I a good fit for the first job, the nurse one at Fabrikam?', intent: 'assess_fit' }];
  const ranking = [{ text: 'rank the applicants for my welder posting', intent: 'rank_applicants' }];

  test('"and for the other one?" inherits the previous intent', () => {
    const d = router.route('and for the other one?', ranking);
    assert.equal(d.intent, 'rank_applicants');
    assert.equal(d.followUp, true);
    assert.equal(d.source, 'conversation');
    assert.equal(router.route('and for the other one?', fit).intent, 'assess_fit');
  });

  test('"what about the second job?" after a fit question stays a fit question', () => {
    assert.equal(router.route('what about the second job?', fit).intent, 'assess_fit');
  });

  test('small talk in between does not break the thread', () => {
    const history = [...ranking, { text: 'thanks!', intent: 'small_talk' }];
    assert.equal(router.route('and that one?', history).intent, 'rank_applicants');
  });

  test('a follow-up with a clear new intent keeps it: "and what courses for that?" is a learning path', () => {
    const d = router.route('and what courses for that?', fit);
    assert.equal(d.intent, 'learning_path');
    assert.equal(d.followUp, true);
    assert.equal(d.source, 'classifier');
  });

  test('a clear out-of-scope request is not pulled into the thread', () => {
    assert.equal(router.route("and what's the weather in Paris tomorrow?", fit).intent, 'out_of_scope');
  });

  test('without a conversation nothing is inherited', () => {
    const d = router.route('and for the other one?');
    assert.notEqual(d.source, 'conversation');
    assert.equal(d.followUp, false);
  });
});

describe('LLM second stage', () => {
  test('asks the LLM only when local confidence is low, and uses its answer', async () => {
    const calls: Array<{ text: string; candidates: RouteCandidate[] }> = [];
    const llmFallback = async (text: string, candidates: RouteCandidate[]) => {
      calls.push({ text, candidates });
      return { intent: 'company_info', confidence: 0.8 };
    };
    const confident = await router.routeWithFallback('rank the applicants for my nurse posting', [], { llmFallback });
    assert.equal(confident.source, 'classifier');
    assert.equal(calls.length, 0);

    const low = await router.routeWithFallback('rank the applicants for my nurse posting', [], { llmFallback, threshold: 1.01 });
    assert.equal(calls.length, 1);
    assert.equal(low.intent, 'company_info');
    assert.equal(low.source, 'llm');
    assert.equal(low.confidence, 0.8);
    assert.equal(calls[0]!.candidates.length, INTENTS.length);
    assert.equal(calls[0]!.candidates[0]!.intent, 'rank_applicants');
    assert.ok(calls[0]!.candidates.every((c, i, all) => i === 0 || all[i - 1]!.score >= c.score));
  });

  test('an invalid or failing LLM answer keeps the local decision', async () => {
    const bad = await router.routeWithFallback('find me remote python jobs', [], { threshold: 1.01, llmFallback: async () => ({ intent: 'book_flight', confidence: 0.9 }) });
    assert.equal(bad.intent, 'find_jobs');
    assert.equal(bad.source, 'classifier');
    assert.match(bad.llmError ?? '', /unknown intent/);
    const failing = await router.routeWithFallback('find me remote python jobs', [], { threshold: 1.01, llmFallback: async () => { throw new Error('budget exceeded'); } });
    assert.equal(failing.intent, 'find_jobs');
    assert.equal(failing.llmError, 'budget exceeded');
  });

  test('a weak career guess refused by the no-route threshold goes to the LLM; an empty message does not', async () => {
    const strict = createRouter({ noRouteThreshold: 0.999999 });
    let calls = 0;
    const llmFallback = async () => { calls++; return { intent: 'find_jobs', confidence: 0.7 }; };
    const d = await strict.routeWithFallback('what about a job', [], { llmFallback, threshold: 0 });
    assert.equal(calls, 1);
    assert.equal(d.intent, 'find_jobs');
    await strict.routeWithFallback('   ', [], { llmFallback, threshold: 1.01 });
    assert.equal(calls, 1);
  });

  test('without a fallback routeWithFallback is the local decision', async () => {
    const d = await router.routeWithFallback('hi');
    assert.deepEqual(d, router.route('hi'));
  });

  test('the routing prompt lists the candidates and the answer parser is lenient', () => {
    const d = router.route('is my posting inclusive?');
    const candidates = INTENTS.map((intent) => ({ intent, score: d.scores![intent], description: intent }));
    const prompt = routingPrompt('is my posting inclusive?', candidates);
    for (const intent of INTENTS) assert.ok(prompt.includes(`- ${intent}:`));
    assert.deepEqual(parseRoutingAnswer('```json\n{"intent": "improve_posting", "confidence": 0.9}\n```'), { intent: 'improve_posting', confidence: 0.9 });
    assert.deepEqual(parseRoutingAnswer('I think it is find_jobs.'), { intent: 'find_jobs', confidence: 0.5 });
    assert.equal(parseRoutingAnswer('{"intent": "weather"}'), undefined);
  });
});

describe('fitwise route', () => {
  async function routeText(input: string, opts: RouteOptions = {}): Promise<Array<Record<string, unknown>>> {
    const chunks: string[] = [];
    const output = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
    await routeLines(Readable.from([input]), output, opts);
    return chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  test('writes one {"text","intent","confidence"} line per input line', async () => {
    const rows = await routeText('am I a fit for the QA lead job at Vandelay?\nthanks!\nwhat is the weather in Oslo\n');
    assert.deepEqual(rows.map((r) => Object.keys(r)), [['text', 'intent', 'confidence'], ['text', 'intent', 'confidence'], ['text', 'intent', 'confidence']]);
    assert.deepEqual(rows.map((r) => r.intent), ['assess_fit', 'small_talk', 'out_of_scope']);
    assert.equal(rows[0]!.text, 'am I a fit for the QA lead job at Vandelay?');
    for (const r of rows) assert.ok(typeof r.confidence === 'number' && r.confidence >= 0 && r.confidence <= 1);
  });

  test('--conversation resolves follow-ups against earlier lines; --scores adds every probability', async () => {
    const rows = await routeText('rank the applicants for my chef posting\nand for the other one?\n', { conversation: true, scores: true });
    assert.deepEqual(rows.map((r) => r.intent), ['rank_applicants', 'rank_applicants']);
    assert.deepEqual(Object.keys(rows[0]!.scores as object), [...INTENTS]);
    const alone = await routeText('rank the applicants for my chef posting\nand for the other one?\n');
    assert.notEqual(alone[1]!.intent, 'rank_applicants');
  });

  test('empty input is a usage error', async () => {
    await assert.rejects(routeText(''), (e: unknown) => e instanceof CliError && e.exitCode === 2 && /no input/.test(e.message));
  });

  test('binary input fails with one line on stderr and a non-zero exit from the registered command', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    // A fresh commander program with only this command, with the same error handling as src/cli/main.ts.
    const harness = `
      import { Command } from 'commander';
      import { register } from './src/cli/commands/route.ts';
      import { CliError } from './src/cli/context.ts';
      const program = new Command().exitOverride();
      register(program);
      try { await program.parseAsync(['node', 'fitwise', 'route']); }
      catch (e) { if (!(e instanceof CliError)) throw e; process.stderr.write('fitwise: ' + e.message + '\\n'); process.exitCode = e.exitCode; }`;
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', harness], { cwd: root });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => { out += d; });
      child.stderr.on('data', (d) => { err += d; });
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c ?? -1, stdout: out, stderr: err }));
      child.stdin.end('\u0000\u0001binary\nhello\n');
    });
    assert.notEqual(code, 0);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, /line 1: not text/);
    assert.equal(stdout, '');
  });
});
