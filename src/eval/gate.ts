import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FitwiseError, formatPath } from '../domain/index.ts';
import { EVAL_DATA_DIR } from './load-dataset.ts';
import { METRICS, type MetricName, type Metrics } from './metrics.ts';

export const THRESHOLDS_FILE = join(EVAL_DATA_DIR, 'thresholds.json');
export const BASELINE_FILE = join(EVAL_DATA_DIR, 'baseline.json');

const Bound = z.object({ min: z.number().optional(), max: z.number().optional() }).refine((b) => b.min !== undefined || b.max !== undefined, 'give min or max');
export const Thresholds = z.object({
  version: z.literal(1),
  /** Absolute bounds per metric; a metric absent from the report is skipped (e.g. judge metrics offline). */
  metrics: z.record(z.string(), Bound),
  /** Baseline comparison: a metric that got worse by more than `tolerance` (absolute; `relative` for ms/usd) is a regression. */
  regression: z.object({
    tolerance: z.number().nonnegative().default(0.02),
    relative: z.number().nonnegative().default(0.5),
    ignore: z.array(z.string()).default([]),
    fail: z.boolean().default(true),
  }).default({ tolerance: 0.02, relative: 0.5, ignore: [], fail: true }),
});
export type Thresholds = z.infer<typeof Thresholds>;

export function loadThresholds(path = THRESHOLDS_FILE): Thresholds {
  if (!existsSync(path)) throw new FitwiseError('invalid_input', `${path}: thresholds file not found`, { status: 400 });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new FitwiseError('invalid_input', `${path}: not valid JSON (${(err as Error).message})`, { status: 400 });
  }
  const parsed = Thresholds.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new FitwiseError('invalid_input', `${path}: ${formatPath(i.path)}: ${i.message}`, { status: 400 });
  }
  for (const name of Object.keys(parsed.data.metrics)) {
    if (!(name in METRICS)) throw new FitwiseError('invalid_input', `${path}: metrics.${name}: unknown metric (known: ${Object.keys(METRICS).join(', ')})`, { status: 400 });
  }
  return parsed.data;
}

export interface ThresholdCheck { metric: string; value: number; min?: number; max?: number; passed: boolean }
export interface BaselineDelta { metric: string; baseline: number; current: number; delta: number; regression: boolean; improvement: boolean }

export function checkThresholds(metrics: Metrics, t: Thresholds): ThresholdCheck[] {
  const out: ThresholdCheck[] = [];
  for (const [metric, bound] of Object.entries(t.metrics)) {
    const value = metrics[metric as MetricName];
    if (value === undefined) continue;
    const passed = (bound.min === undefined || value >= bound.min - 1e-12) && (bound.max === undefined || value <= bound.max + 1e-12);
    out.push({ metric, value, ...(bound.min !== undefined ? { min: bound.min } : {}), ...(bound.max !== undefined ? { max: bound.max } : {}), passed });
  }
  return out;
}

/** Deltas against a baseline report's metrics; "worse" follows each metric's direction. */
export function compareWithBaseline(current: Metrics, baseline: Metrics, t: Thresholds['regression']): BaselineDelta[] {
  const out: BaselineDelta[] = [];
  for (const name of Object.keys(METRICS) as MetricName[]) {
    const c = current[name];
    const b = baseline[name];
    if (c === undefined || b === undefined) continue;
    const def = METRICS[name];
    const worse = def.better === 'higher' ? b - c : c - b;
    const allowed = def.unit === 'ms' || def.unit === 'usd' ? Math.max(Math.abs(b) * t.relative, def.unit === 'ms' ? 5 : 1e-6) : t.tolerance;
    const ignored = t.ignore.includes(name);
    out.push({ metric: name, baseline: b, current: c, delta: Math.round((c - b) * 1e6) / 1e6, regression: !ignored && worse > allowed + 1e-12, improvement: worse < -1e-12 });
  }
  return out;
}

/** Reads the metrics of a baseline report (a JSON report written by `fitwise eval --json`). */
export function loadBaselineMetrics(path: string): Metrics {
  if (!existsSync(path)) throw new FitwiseError('invalid_input', `${path}: baseline report not found`, { status: 400 });
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { metrics?: Metrics };
    if (!json.metrics || typeof json.metrics !== 'object') throw new Error('no "metrics" object');
    return json.metrics;
  } catch (err) {
    throw new FitwiseError('invalid_input', `${path}: not an evaluation report (${(err as Error).message})`, { status: 400 });
  }
}
