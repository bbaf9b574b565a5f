import { METRICS, percentile, type MetricName } from './metrics.ts';
import { formatValue } from './report-text.ts';
import type { EvalReport } from './run-evaluation.ts';

/**
 * A self-contained HTML report: no script, no stylesheet or font from the network; every chart is inline
 * SVG drawn here (score distributions, routing confusion matrix, latency and cost per case kind).
 */
const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PALETTE = { strong: '#1b7f3b', good: '#58a55c', partial: '#e0a526', stretch: '#c8553d', bar: '#3b6ea5', bar2: '#9bb7d4', grid: '#ddd', text: '#222' };

interface Bar { label: string; value: number; color?: string; title?: string }

/** A vertical bar chart; bars may be stacked by passing several series. */
function barChart(id: string, title: string, bars: Bar[], opts: { unit?: (v: number) => string; width?: number; height?: number } = {}): string {
  const w = opts.width ?? 520;
  const h = opts.height ?? 240;
  const left = 48; const bottom = 48; const top = 28;
  const max = Math.max(1e-9, ...bars.map((b) => b.value));
  const bw = (w - left - 10) / Math.max(1, bars.length);
  const fmt = opts.unit ?? ((v: number) => String(Math.round(v * 100) / 100));
  const y = (v: number) => top + (h - top - bottom) * (1 - v / max);
  const ticks = [0, 0.5, 1].map((f) => max * f);
  const empty = bars.every((b) => b.value === 0);
  return `<figure><svg class="chart" data-chart="${esc(id)}" role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">
<text x="${w / 2}" y="16" text-anchor="middle" font-size="13" font-weight="600" fill="${PALETTE.text}">${esc(title)}</text>
${empty ? `<text x="${w / 2}" y="${h / 2}" text-anchor="middle" font-size="12" fill="#777">all zero${id === 'cost' ? ' (no paid model was called)' : ''}</text>` : ''}
${(empty ? [0] : ticks).map((t) => `<line x1="${left}" x2="${w - 5}" y1="${y(t)}" y2="${y(t)}" stroke="${PALETTE.grid}"/><text x="${left - 4}" y="${y(t) + 4}" font-size="10" text-anchor="end" fill="#555">${esc(fmt(t))}</text>`).join('\n')}
${bars.map((b, i) => {
    const x = left + i * bw + bw * 0.1;
    const bh = (h - top - bottom) * (b.value / max);
    return `<rect x="${x.toFixed(1)}" y="${y(b.value).toFixed(1)}" width="${(bw * 0.8).toFixed(1)}" height="${bh.toFixed(1)}" fill="${b.color ?? PALETTE.bar}"><title>${esc(b.title ?? `${b.label}: ${fmt(b.value)}`)}</title></rect>
<text x="${(x + bw * 0.4).toFixed(1)}" y="${h - bottom + 14}" font-size="10" text-anchor="end" transform="rotate(-35 ${(x + bw * 0.4).toFixed(1)} ${h - bottom + 14})" fill="#333">${esc(b.label)}</text>`;
  }).join('\n')}
</svg></figure>`;
}

function confusionMatrix(report: EvalReport): string {
  const r = report.breakdowns.routing;
  if (!r) return '';
  const used = r.labels.filter((_, i) => r.confusion[i]!.some((v) => v > 0) || r.confusion.some((row) => row[i]! > 0));
  const idx = used.map((l) => r.labels.indexOf(l));
  const cell = 30; const left = 120; const top = 120;
  const size = used.length * cell;
  const max = Math.max(1, ...r.confusion.flat());
  const cells: string[] = [];
  idx.forEach((ri, a) => idx.forEach((ci, b) => {
    const v = r.confusion[ri]![ci]!;
    const alpha = v === 0 ? 0.04 : 0.15 + 0.85 * (v / max);
    const color = ri === ci ? `rgba(27,127,59,${alpha.toFixed(2)})` : `rgba(200,85,61,${alpha.toFixed(2)})`;
    cells.push(`<rect x="${left + b * cell}" y="${top + a * cell}" width="${cell - 1}" height="${cell - 1}" fill="${color}"><title>${esc(`${used[a]} → ${used[b]}: ${v}`)}</title></rect>${v ? `<text x="${left + b * cell + cell / 2}" y="${top + a * cell + cell / 2 + 4}" font-size="10" text-anchor="middle">${v}</text>` : ''}`);
  }));
  const w = left + size + 70; const h = top + size + 30;
  return `<figure><svg class="chart" data-chart="confusion" role="img" aria-label="routing confusion matrix" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">
<text x="${w / 2}" y="16" text-anchor="middle" font-size="13" font-weight="600">Routing confusion matrix (rows: expected, columns: routed)</text>
${used.map((l, i) => `<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" font-size="10" text-anchor="end">${esc(l)}</text><text x="${left + i * cell + cell / 2}" y="${top - 6}" font-size="10" transform="rotate(-55 ${left + i * cell + cell / 2} ${top - 6})">${esc(l)}</text>`).join('\n')}
${cells.join('\n')}
</svg></figure>`;
}

function histogram(values: number[], bins: number, lo: number, hi: number): number[] {
  const out = new Array<number>(bins).fill(0);
  for (const v of values) out[Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)))]!++;
  return out;
}

export function renderHtmlReport(report: EvalReport): string {
  const checks = new Map((report.thresholds?.checks ?? []).map((c) => [c.metric, c]));
  const deltas = new Map((report.baseline?.deltas ?? []).map((d) => [d.metric, d]));
  const metricRows = (Object.keys(METRICS) as MetricName[]).filter((n) => report.metrics[n] !== undefined).map((n) => {
    const c = checks.get(n);
    const d = deltas.get(n);
    const status = c && !c.passed ? 'fail' : d?.regression ? 'regressed' : 'ok';
    return `<tr class="${status}"><td>${esc(METRICS[n].label)}<br><code>${esc(n)}</code></td><td>${esc(formatValue(n, report.metrics[n]!))}</td><td>${c ? esc([c.min !== undefined ? `≥ ${formatValue(n, c.min)}` : '', c.max !== undefined ? `≤ ${formatValue(n, c.max)}` : ''].join(' ')) : ''}</td><td>${d ? esc(`${formatValue(n, d.baseline)} → ${d.delta >= 0 ? '+' : ''}${METRICS[n].unit === 'ratio' ? `${(d.delta * 100).toFixed(1)} pt` : formatValue(n, d.delta)}`) : ''}</td><td>${status === 'ok' ? '✓' : esc(status.toUpperCase())}</td></tr>`;
  }).join('\n');

  const fits = report.results.filter((r) => r.fit);
  const levels = ['strong', 'good', 'partial', 'stretch'] as const;
  const scoreBins = histogram(fits.map((r) => r.fit!.score), 10, 0, 1);
  const scoreChart = barChart('fit-scores', 'Fit score distribution (fit cases)', scoreBins.map((v, i) => ({ label: `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`, value: v })), { unit: (v) => String(Math.round(v)) });
  const levelChart = barChart('fit-levels', 'Fit levels computed', levels.map((l) => ({ label: l, value: report.breakdowns.fitLevels?.counts[l] ?? 0, color: PALETTE[l] })), { unit: (v) => String(Math.round(v)), width: 320 });
  const judged = report.results.filter((r) => r.judge && r.judge.overallMean !== null);
  const judgeChart = judged.length ? barChart('judge-overall', `Judge overall quality (mean of k=${report.judge?.k ?? '?'})`, [1, 2, 3, 4, 5].map((s) => ({ label: String(s), value: judged.filter((r) => Math.round(r.judge!.overallMean!) === s).length })), { unit: (v) => String(Math.round(v)), width: 320 }) : '';
  const spreadChart = judged.length ? barChart('judge-spread', 'Judge spread (std. dev. of k grades)', [['0', 0, 0.01], ['≤0.5', 0.01, 0.51], ['≤1', 0.51, 1.01], ['>1', 1.01, 99]].map(([l, lo, hi]) => ({ label: String(l), value: judged.filter((r) => r.judge!.overallSpread! >= (lo as number) && r.judge!.overallSpread! < (hi as number)).length })), { unit: (v) => String(Math.round(v)), width: 320 }) : '';
  const kinds = Object.entries(report.breakdowns.byKind);
  const passChart = barChart('pass-by-kind', 'Cases passed by kind (%)', kinds.map(([k, b]) => ({ label: k, value: (100 * b.passed) / b.cases, color: b.passed === b.cases ? PALETTE.strong : PALETTE.partial })), { unit: (v) => `${Math.round(v)}%` });
  const latencyChart = barChart('latency', 'Latency per case, p50 and p95 by kind (ms)', kinds.flatMap(([k]) => {
    const xs = report.results.filter((r) => r.kind === k).map((r) => r.latencyMs).sort((a, b) => a - b);
    return [{ label: `${k} p50`, value: percentile(xs, 50), color: PALETTE.bar2 }, { label: `${k} p95`, value: percentile(xs, 95) }];
  }), { unit: (v) => `${v.toFixed(1)}`, width: 640 });
  const costChart = barChart('cost', 'Cost by kind (USD)', kinds.map(([k, b]) => ({ label: k, value: b.costUsd })), { unit: (v) => `$${v.toFixed(4)}` });

  const failures = report.failures.slice(0, 300).map((f) => `<tr><td><code>${esc(f.id)}</code></td><td>${esc(f.kind)}</td><td>${f.failures.map(esc).join('<br>')}</td></tr>`).join('\n');
  const datasets = report.datasets.map((d) => `<li><code>${esc(d.file)}</code>: ${d.cases} cases (sha256 ${esc(d.sha256)})</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fitwise evaluation: ${esc(report.suite)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px;margin:0 0 4px} .verdict{font-weight:700;padding:2px 8px;border-radius:4px;color:#fff}
.passed{background:#1b7f3b} .failed{background:#c8553d}
table{border-collapse:collapse;margin:12px 0;font-size:13px} td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
tr.fail td,tr.regressed td{background:#fbe9e5} code{font-size:11px;color:#555}
.charts{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start} figure{margin:0;border:1px solid #eee;padding:6px;border-radius:6px}
</style></head><body>
<h1>Fitwise evaluation · ${esc(report.suite)} <span class="verdict ${report.passed ? 'passed' : 'failed'}">${report.passed ? 'PASSED' : 'FAILED'}</span></h1>
<p>${report.cases} cases in ${report.seconds.toFixed(2)} s · target <b>${esc(report.target.name)}</b>${report.judge ? ` · judge ${esc(report.judge.model)} ×${report.judge.k}` : ' · no judge configured'} · ${esc(report.startedAt)}${report.baseline ? ` · baseline <code>${esc(report.baseline.file)}</code>` : ''}</p>
<ul>${datasets}</ul>
<h2>Metrics</h2>
<table><tr><th>metric</th><th>value</th><th>threshold</th><th>baseline → Δ</th><th>status</th></tr>
${metricRows}</table>
<h2>Charts</h2>
<div class="charts">
${scoreChart}
${levelChart}
${judgeChart}
${spreadChart}
${passChart}
${confusionMatrix(report)}
${latencyChart}
${costChart}
</div>
<h2>Failing cases (${report.failures.length})</h2>
<table><tr><th>case</th><th>kind</th><th>why</th></tr>
${failures}</table>
</body></html>
`;
}
