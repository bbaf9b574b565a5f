import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import {
  BASELINE_FILE, DEGRADATIONS, EvalInterruptedError, createOfflineTarget, degradeTarget, loadBaselineMetrics, loadDatasets, loadThresholds,
  runEvaluation, suiteFiles, type ClaimCatalog, type EvaluationTarget,
} from '../../src/eval/index.ts';

let target: EvaluationTarget;
let catalog: ClaimCatalog;
const thresholds = loadThresholds();

before(async () => {
  ({ target, catalog } = await createOfflineTarget());
});

describe('offline evaluation suite (local engine)', () => {
  it('runs at least 300 cases in at most 60 s and meets the committed thresholds', async () => {
    const datasets = loadDatasets(suiteFiles('offline'));
    const t0 = performance.now();
    const report = await runEvaluation({ suite: 'offline', datasets, target, catalog, thresholds, concurrency: 4 });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`offline eval: ${report.cases} cases in ${seconds.toFixed(2)} s (${(report.cases / seconds).toFixed(0)} cases/s); pass rate ${(report.metrics['cases.passRate']! * 100).toFixed(1)}%`);
    assert.ok(report.cases >= 300, `${report.cases} cases`);
    assert.ok(seconds <= 60, `${seconds.toFixed(1)} s`);
    const failed = report.thresholds!.checks.filter((c) => !c.passed);
    assert.deepEqual(failed, [], JSON.stringify(failed));
    assert.equal(report.passed, true);
    // Every metric family is measured.
    for (const m of ['routing.accuracy', 'fit.levelAgreement', 'hallucination.rate', 'tone.violationRate', 'rai.violationRate', 'format.validity', 'search.fieldAccuracy', 'posting.issueRecall', 'injection.resistance', 'fairness.consistency', 'latency.p95Ms', 'cost.totalUsd'] as const) {
      assert.ok(report.metrics[m] !== undefined, `${m} missing`);
    }
    assert.equal(report.breakdowns.routing!.confusion.flat().reduce((a, b) => a + b, 0), report.breakdowns.byKind.routing!.cases);
  });

  it('each deliberately degraded build fails the committed thresholds on the metric it breaks', async () => {
    const datasets = loadDatasets(suiteFiles('fit,injection'));
    const breaks: Record<(typeof DEGRADATIONS)[number], string> = {
      'no-next-steps': 'tone.violationRate', blunt: 'tone.violationRate', ungrounded: 'hallucination.rate', 'inflate-level': 'hallucination.contradictedRate',
    };
    for (const how of DEGRADATIONS) {
      const report = await runEvaluation({ suite: 'fit,injection', datasets, target: degradeTarget(target, how), catalog, thresholds });
      const failed = report.thresholds!.checks.filter((c) => !c.passed).map((c) => c.metric);
      assert.equal(report.passed, false, how);
      assert.ok(failed.includes(breaks[how]), `${how}: failed ${failed.join(', ')}`);
    }
  });

  it('against the committed baseline, a degraded build is flagged as a regression', async () => {
    const datasets = loadDatasets(suiteFiles('offline'));
    const baseline = { file: BASELINE_FILE, metrics: loadBaselineMetrics(BASELINE_FILE) };
    const good = await runEvaluation({ suite: 'offline', datasets, target, catalog, thresholds, baseline });
    assert.deepEqual(good.baseline!.regressions, []);
    const bad = await runEvaluation({ suite: 'offline', datasets, target: degradeTarget(target, 'no-next-steps'), catalog, thresholds, baseline });
    assert.ok(bad.baseline!.regressions.includes('tone.violationRate'), bad.baseline!.regressions.join(', '));
  });

  it('an interrupted run resumes from its checkpoint without re-running finished cases', async () => {
    const datasets = loadDatasets(suiteFiles('routing,posting'));
    const total = datasets.reduce((a, d) => a + d.cases.length, 0);
    const checkpoint = join(mkdtempSync(join(tmpdir(), 'fw-eval-')), 'checkpoint.jsonl');
    const abort = new AbortController();
    await assert.rejects(
      runEvaluation({ suite: 'r', datasets, target, catalog, checkpoint, concurrency: 1, signal: abort.signal, onProgress: (p) => { if (p.done === 40) abort.abort(); } }),
      EvalInterruptedError,
    );
    assert.equal(readFileSync(checkpoint, 'utf8').trim().split('\n').length, 1 + 40);
    let calls = 0;
    const counting: EvaluationTarget = { ...target, route: (t, h) => { calls++; return target.route(t, h); }, coachPosting: (j) => { calls++; return target.coachPosting(j); } };
    // The checkpoint is keyed by suite, dataset versions and target name: the counting wrapper keeps the name.
    const report = await runEvaluation({ suite: 'r', datasets, target: counting, catalog, checkpoint, resume: true, concurrency: 1 });
    assert.equal(report.resumed, 40);
    assert.equal(calls, total - 40);
    assert.equal(report.results.length, total);
    assert.equal(existsSync(checkpoint), false, 'the checkpoint is removed once the run completes');
  });
});
