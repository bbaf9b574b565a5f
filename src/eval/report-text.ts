import { METRICS, type MetricName } from './metrics.ts';
import type { EvalReport } from './run-evaluation.ts';

export function formatValue(name: string, v: number): string {
  const unit = (METRICS as Record<string, { unit: string }>)[name]?.unit;
  if (unit === 'ratio') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'ms') return `${v.toFixed(1)} ms`;
  if (unit === 'usd') return `$${v.toFixed(v < 0.01 ? 6 : 4)}`;
  return v.toFixed(2);
}

function pad(s: string, n: number): string { return s.length >= n ? s : s + ' '.repeat(n - s.length); }

/** The terminal summary: one row per metric with its threshold, baseline delta and status, then the failures. */
export function formatReportTable(report: EvalReport, opts: { maxFailures?: number } = {}): string {
  const checks = new Map((report.thresholds?.checks ?? []).map((c) => [c.metric, c]));
  const deltas = new Map((report.baseline?.deltas ?? []).map((d) => [d.metric, d]));
  const rows: string[][] = [['metric', 'value', 'threshold', 'vs baseline', 'status']];
  for (const name of Object.keys(METRICS) as MetricName[]) {
    const v = report.metrics[name];
    if (v === undefined) continue;
    const c = checks.get(name);
    const d = deltas.get(name);
    const threshold = c ? [c.min !== undefined ? `≥ ${formatValue(name, c.min)}` : '', c.max !== undefined ? `≤ ${formatValue(name, c.max)}` : ''].filter(Boolean).join(' ') : '';
    const delta = d ? `${d.delta >= 0 ? '+' : ''}${METRICS[name].unit === 'ratio' ? `${(d.delta * 100).toFixed(1)} pt` : formatValue(name, d.delta)}` : '';
    const status = [c && !c.passed ? 'FAIL' : '', d?.regression ? 'REGRESSED' : ''].filter(Boolean).join(', ') || (d?.improvement ? 'improved' : c ? 'ok' : '');
    rows.push([METRICS[name].label, formatValue(name, v), threshold, delta, status]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd();
  const out = [
    `Fitwise evaluation · suite ${report.suite} · ${report.cases} cases in ${report.seconds.toFixed(2)} s · target ${report.target.name}${report.judge ? ` · judge ${report.judge.model} ×${report.judge.k}` : ''}${report.resumed ? ` · ${report.resumed} resumed from checkpoint` : ''}`,
    '',
    line(rows[0]!),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    '',
  ];
  const kinds = Object.entries(report.breakdowns.byKind).map(([k, b]) => `${k} ${b.passed}/${b.cases}`).join(' · ');
  out.push(`cases passed by kind: ${kinds}`);
  const max = opts.maxFailures ?? 15;
  if (report.failures.length) {
    out.push('', `${report.failures.length} failing case(s)${report.failures.length > max ? `, first ${max}` : ''}:`);
    for (const f of report.failures.slice(0, max)) out.push(`  ${f.id}: ${f.failures.slice(0, 3).join('; ')}`);
  }
  if (report.baseline?.regressions.length) out.push('', `regressions against ${report.baseline.file}: ${report.baseline.regressions.join(', ')}`);
  const failed = report.thresholds?.checks.filter((c) => !c.passed).map((c) => c.metric) ?? [];
  if (failed.length) out.push('', `below threshold: ${failed.join(', ')}`);
  out.push('', report.passed ? 'PASSED' : 'FAILED');
  return out.join('\n');
}
