import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  EVAL_DATA_DIR, createJudge, createOfflineTarget, loadDatasets, runEvaluation, type ClaimCatalog, type EvalReport, type EvaluationTarget,
} from '../../src/eval/index.ts';
import { MemoryCostLedger } from '../../src/llm/index.ts';
import { startOpenAITestServer, type ChatCompletionBody, type OpenAITestServer, type ScriptedReply } from '../support/openai-test-server.ts';
import { runFitwise } from './support.ts';

const reply = (overall: number, extra: Record<string, unknown> = {}) => JSON.stringify({ overall, coherence: 4, hallucination: false, rai_violation: false, reasons: `graded ${overall}`, ...extra });

/** Scripted judges, by case and trial: A agrees, B has a malformed and a self-contradictory reply, C disagrees. */
function script(body: ChatCompletionBody): ScriptedReply {
  const user = String(body.messages.find((m) => m.role === 'user')?.content ?? '');
  const caseId = /Case (\S+),/.exec(user)?.[1] ?? '';
  const trial = Number(/grading (\d+) of/.exec(user)?.[1] ?? 0);
  const usage = { promptTokens: 1000, completionTokens: 100 };
  const table: Record<number, string[]> = {
    0: [reply(4), reply(4), reply(4)],
    1: [reply(5), 'Sure! This answer looks great to me, maybe a 5.', reply(5, { hallucination: true, reasons: 'invents an employer' })],
    2: [reply(5), reply(2, { hallucination: true, reasons: 'claims Spark' }), `\`\`\`json\n${reply(3)}\n\`\`\``],
  };
  const index = cases.indexOf(caseId);
  return { content: table[index]?.[trial - 1] ?? reply(3), usage };
}

let cases: string[] = [];
let server: OpenAITestServer;
let target: EvaluationTarget;
let catalog: ClaimCatalog;
let datasetFile: string;

before(async () => {
  server = await startOpenAITestServer({ default: script });
  ({ target, catalog } = await createOfflineTarget());
  const lines = readFileSync(join(EVAL_DATA_DIR, 'fit.jsonl'), 'utf8').trim().split('\n').slice(0, 3);
  cases = lines.map((l) => (JSON.parse(l) as { id: string }).id);
  datasetFile = join(mkdtempSync(join(tmpdir(), 'fw-judge-')), 'three.jsonl');
  writeFileSync(datasetFile, `${lines.join('\n')}\n`);
});
after(async () => { await server.close(); });

describe('LLM judge pathway (local OpenAI-compatible test server)', () => {
  it('grades each answer k times through the gateway: mean, spread, malformed and contradictory replies, disagreement, cost', async () => {
    const ledger = new MemoryCostLedger();
    const judge = createJudge({ baseURL: server.baseURL, model: 'judge-test', k: 3, pricing: { 'judge-test': { input: 1, output: 2 } } }, { ledger });
    const before = server.requests.length;
    const report = await runEvaluation({ suite: 'judge', datasets: loadDatasets([datasetFile]), target, catalog, judge, concurrency: 2 });
    assert.equal(server.requests.length - before, 9, 'one call per answer and repetition');
    const [a, b, c] = cases.map((id) => report.results.find((r) => r.id === id)!.judge!);
    assert.deepEqual([a!.votes, a!.overallMean, a!.overallSpread, a!.disagreement], [3, 4, 0, false]);
    assert.deepEqual([b!.votes, b!.malformed, b!.contradictory, b!.overallMean], [1, 1, 1, 5]);
    assert.equal(c!.disagreement, true);
    assert.ok(c!.overallSpread! > 1, `spread ${c!.overallSpread}`);
    assert.deepEqual(c!.reasons.length, 3);
    const m = report.metrics;
    assert.equal(m['judge.malformedRate'], 0.111111);
    assert.equal(m['judge.contradictoryRate'], 0.111111);
    assert.equal(m['judge.disagreementRate'], 0.333333);
    assert.ok(m['judge.spreadMean']! > 0.3);
    assert.equal(m['judge.overallMean'], Math.round(((4 + 5 + 10 / 3) / 3) * 1e6) / 1e6);
    // Cost-accounted: 9 calls × (1000 in × $1 + 100 out × $2) per 1M tokens.
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(ledger.calls.filter((x) => x.feature === 'eval.judge').length, 9);
    assert.ok(Math.abs(m['cost.totalUsd']! - 9 * 0.0012) < 1e-9, String(m['cost.totalUsd']));
    console.log(`judge: overall ${m['judge.overallMean']} ± spread ${m['judge.spreadMean']}, disagreement ${m['judge.disagreementRate']}, malformed ${m['judge.malformedRate']}, cost $${m['cost.totalUsd']}`);

    // Cached: grading the same answers again makes no new calls.
    const again = server.requests.length;
    await runEvaluation({ suite: 'judge', datasets: loadDatasets([datasetFile]), target, catalog, judge });
    assert.equal(server.requests.length, again);
    await judge.close();
  });

  it('`fitwise eval` uses the judge configured by FITWISE_JUDGE_* and reports it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fw-judge-')), 'report.json');
    const r = await runFitwise(['eval', '--dataset', datasetFile, '--json', out, '--no-thresholds', '--no-store', '--k', '2'], {
      env: { FITWISE_JUDGE_BASE_URL: server.baseURL, FITWISE_JUDGE_MODEL: 'judge-test', FITWISE_JUDGE_API_KEY: 'k' },
    });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(readFileSync(out, 'utf8')) as EvalReport;
    assert.deepEqual(report.judge, { model: 'judge-test', k: 2 });
    assert.ok(report.metrics['judge.overallMean'] !== undefined);
    assert.match(r.stdout, /judge: overall quality/);
  });

  it('the judge suite without a configured judge is a usage error', async () => {
    const r = await runFitwise(['eval', '--suite', 'judge', '--no-store'], { env: { FITWISE_JUDGE_BASE_URL: undefined, FITWISE_JUDGE_MODEL: undefined } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^fitwise: the judge suite needs FITWISE_JUDGE_BASE_URL/);
  });
});
