import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { FitwiseError } from '../domain/index.ts';
import type { EvalCase } from './cases.ts';
import type { ClaimCatalog } from './claims.ts';
import { evaluateCase, type CaseResult } from './evaluate-case.ts';
import { checkThresholds, compareWithBaseline, type BaselineDelta, type ThresholdCheck, type Thresholds } from './gate.ts';
import type { Judge } from './judge.ts';
import type { Dataset } from './load-dataset.ts';
import { computeMetrics, type Breakdowns, type Metrics } from './metrics.ts';
import type { EvaluationTarget } from './target.ts';

export interface EvalReport {
  version: 1;
  suite: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  target: { name: string; engine: string };
  judge?: { model: string; k: number };
  datasets: { file: string; sha256: string; cases: number }[];
  cases: number;
  /** Cases taken from a checkpoint instead of being run again. */
  resumed: number;
  metrics: Metrics;
  breakdowns: Breakdowns;
  thresholds?: { file?: string; checks: ThresholdCheck[]; passed: boolean };
  baseline?: { file: string; deltas: BaselineDelta[]; regressions: string[] };
  failures: { id: string; kind: string; failures: string[] }[];
  results: CaseResult[];
  passed: boolean;
}

export interface RunOptions {
  suite: string;
  datasets: readonly Dataset[];
  target: EvaluationTarget;
  catalog: ClaimCatalog;
  judge?: Judge;
  concurrency?: number;
  /** JSONL file where each finished case is appended; with `resume`, cases already in it are not run again. */
  checkpoint?: string;
  resume?: boolean;
  thresholds?: Thresholds;
  thresholdsFile?: string;
  baseline?: { file: string; metrics: Metrics };
  onProgress?: (p: { done: number; total: number; id: string; passed: boolean }) => void;
  /** Stops scheduling new cases; the run then throws `eval_interrupted` (resume with the checkpoint). */
  signal?: AbortSignal;
  clock?: () => Date;
}

export class EvalInterruptedError extends FitwiseError {
  constructor(done: number, total: number, checkpoint?: string) {
    super('eval_interrupted', `evaluation interrupted after ${done} of ${total} cases${checkpoint ? `; run again with --resume to continue from ${checkpoint}` : ''}`, { status: 503 });
    this.name = 'EvalInterruptedError';
  }
}

function checkpointKey(suite: string, datasets: readonly Dataset[], target: EvaluationTarget, judge?: Judge): string {
  const h = createHash('sha256').update(JSON.stringify([suite, datasets.map((d) => d.sha256), target.name, judge ? `${judge.model}/${judge.k}` : '']));
  return h.digest('hex').slice(0, 16);
}

function readCheckpoint(path: string, key: string): Map<string, CaseResult> {
  const done = new Map<string, CaseResult>();
  if (!existsSync(path)) return done;
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const head = lines.length ? (JSON.parse(lines[0]!) as { checkpoint?: string }) : {};
  if (head.checkpoint !== key) return done; // another suite, dataset version or target: start over
  for (const line of lines.slice(1)) {
    try {
      const r = JSON.parse(line) as CaseResult;
      done.set(r.id, r);
    } catch { /* a line cut short by the interruption: that case runs again */ }
  }
  return done;
}

/** Runs every case of the datasets against the target with bounded concurrency and builds the report. */
export async function runEvaluation(o: RunOptions): Promise<EvalReport> {
  const clock = o.clock ?? (() => new Date());
  const startedAt = clock();
  const t0 = performance.now();
  const cases: EvalCase[] = o.datasets.flatMap((d) => d.cases);
  const key = checkpointKey(o.suite, o.datasets, o.target, o.judge);
  const previous = o.checkpoint && o.resume ? readCheckpoint(o.checkpoint, key) : new Map<string, CaseResult>();
  if (o.checkpoint && previous.size === 0) {
    mkdirSync(dirname(o.checkpoint), { recursive: true });
    writeFileSync(o.checkpoint, `${JSON.stringify({ checkpoint: key, suite: o.suite, startedAt: startedAt.toISOString() })}\n`);
  }
  const results = new Map<string, CaseResult>();
  for (const c of cases) { const r = previous.get(c.id); if (r) results.set(c.id, r); }
  const resumed = results.size;
  const todo = cases.filter((c) => !results.has(c.id));
  const total = cases.length;
  let done = results.size;
  let next = 0;
  const catalog = o.catalog;
  const worker = async () => {
    while (next < todo.length && !o.signal?.aborted) {
      const c = todo[next++]!;
      let r: CaseResult;
      try {
        r = await evaluateCase(c, { target: o.target, catalog, judge: o.judge });
      } catch (err) {
        r = { id: c.id, kind: c.kind, passed: false, failures: [`error: ${(err as Error).message}`], latencyMs: 0, costUsd: 0 };
      }
      results.set(c.id, r);
      if (o.checkpoint) appendFileSync(o.checkpoint, `${JSON.stringify(r)}\n`);
      done++;
      o.onProgress?.({ done, total, id: c.id, passed: r.passed });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 4, todo.length || 1)) }, worker));
  if (o.signal?.aborted && results.size < total) throw new EvalInterruptedError(results.size, total, o.checkpoint);

  const ordered = cases.map((c) => results.get(c.id)!);
  const { metrics, breakdowns } = computeMetrics(ordered);
  const checks = o.thresholds ? checkThresholds(metrics, o.thresholds) : [];
  const deltas = o.baseline && o.thresholds ? compareWithBaseline(metrics, o.baseline.metrics, o.thresholds.regression) : o.baseline ? compareWithBaseline(metrics, o.baseline.metrics, { tolerance: 0.02, relative: 0.5, ignore: [], fail: true }) : [];
  const regressions = deltas.filter((d) => d.regression).map((d) => d.metric);
  const thresholdsPassed = checks.every((c) => c.passed);
  const regressionFails = o.thresholds?.regression.fail ?? true;
  const report: EvalReport = {
    version: 1, suite: o.suite, startedAt: startedAt.toISOString(), finishedAt: clock().toISOString(),
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    target: { name: o.target.name, engine: o.target.engine },
    ...(o.judge ? { judge: { model: o.judge.model, k: o.judge.k } } : {}),
    datasets: o.datasets.map((d) => ({ file: relative(process.cwd(), d.file) || d.file, sha256: d.sha256, cases: d.cases.length })),
    cases: total, resumed, metrics, breakdowns,
    ...(o.thresholds ? { thresholds: { ...(o.thresholdsFile ? { file: relative(process.cwd(), o.thresholdsFile) } : {}), checks, passed: thresholdsPassed } } : {}),
    ...(o.baseline ? { baseline: { file: relative(process.cwd(), o.baseline.file), deltas, regressions } } : {}),
    failures: ordered.filter((r) => !r.passed).map((r) => ({ id: r.id, kind: r.kind, failures: r.failures })),
    results: ordered,
    passed: thresholdsPassed && (regressions.length === 0 || !regressionFails),
  };
  if (o.checkpoint) rmSync(o.checkpoint, { force: true });
  return report;
}
