import { useState, type ReactNode } from 'react';
import {
  Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from 'recharts';
import { api } from '../api.ts';
import { useAsync, type Async } from '../hooks.ts';
import { Empty, ErrorState, Loading, PageHeader } from '../ui.tsx';

interface CostRow { key: string; calls: number; inputTokens: number; outputTokens: number; costUsd: number; unpricedCalls: number; errors: number }
interface Costs { by: string; days: number; items: CostRow[]; total: { calls: number; inputTokens: number; outputTokens: number; costUsd: number } }
interface LatencyRow { hour: string; calls: number; ttftP50Ms: number | null; ttftP95Ms: number | null; latencyP50Ms: number | null; latencyP95Ms: number | null }
interface Budget { scope: string; period: string; unit: 'usd' | 'tokens'; limit: number; used: number; fraction: number | null }
interface EvalRun { id: string; suite: string; passed: boolean; createdAt: string; cases: number | null; seconds: number | null; engine: string | null; metrics: Record<string, number> }
interface Engine { id: string; provider: string; model: string; circuit: string; calls24h: number; errors24h: number; errorRate24h: number }
interface ModelStats { provider: string; model: string; calls: number; errors: number; errorRate: number; latencyP95Ms: number | null; lastCallAt: string | null }

const CIRCUIT_TEXT: Record<string, string> = { closed: 'healthy', open: 'circuit open', 'half-open': 'recovering', unknown: 'configured' };
const COLORS = ['#1d4ed8', '#0f766e', '#b45309', '#7c3aed', '#be123c', '#0369a1'];
const usd = (v: number) => (v >= 1 ? `$${v.toFixed(2)}` : `$${v.toFixed(4)}`);
const compact = (v: number) => Intl.NumberFormat('en', { notation: 'compact' }).format(v);

function Panel<T>({ title, state, empty, children, wide, testId }: { title: string; state: Async<T>; empty: (d: T) => boolean; children: (d: T) => ReactNode; wide?: boolean; testId: string }) {
  return (
    <section className={`card chart-card${wide ? ' wide' : ''}`} aria-labelledby={`${testId}-h`} data-testid={testId}>
      <h2 id={`${testId}-h`}>{title}</h2>
      {state.loading && !state.data && <Loading />}
      {state.error !== undefined && <ErrorState error={state.error} retry={state.reload} />}
      {state.data && (empty(state.data) ? <Empty title="No data yet">It appears once the product makes model calls.</Empty> : children(state.data))}
    </section>
  );
}

export function OpsPage() {
  const [days, setDays] = useState(30);
  const byFeature = useAsync((s) => api<Costs>(`/v1/ops/costs?by=feature&days=${days}`, { signal: s }), [days]);
  const byModel = useAsync((s) => api<Costs>(`/v1/ops/costs?by=model&days=${days}`, { signal: s }), [days]);
  const byDay = useAsync((s) => api<Costs>(`/v1/ops/costs?by=day&days=${days}`, { signal: s }), [days]);
  const latency = useAsync((s) => api<{ items: LatencyRow[] }>(`/v1/ops/latency?hours=${Math.min(days * 24, 744)}`, { signal: s }), [days]);
  const budgets = useAsync((s) => api<{ items: Budget[] }>('/v1/ops/budgets', { signal: s }), []);
  const evals = useAsync((s) => api<{ items: EvalRun[] }>('/v1/ops/evals?limit=30', { signal: s }), []);
  const engines = useAsync((s) => api<{ engines: Engine[]; source: string; models24h: ModelStats[] }>('/v1/ops/engines', { signal: s }), []);
  const total = byDay.data?.total;

  return (
    <>
      <PageHeader
        title="Operations"
        subtitle="Cost, latency and quality of every model call, from the gateway's ledger."
        actions={(
          <label className="inline-field">
            <span>Window</span>
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              <option value={1}>Last day</option><option value={7}>Last 7 days</option><option value={30}>Last 30 days</option><option value={90}>Last 90 days</option>
            </select>
          </label>
        )}
      />
      <div className="stats">
        <div className="stat"><span className="stat-label">Model calls</span><strong className="stat-value">{total ? compact(total.calls) : '—'}</strong></div>
        <div className="stat"><span className="stat-label">Tokens in / out</span><strong className="stat-value">{total ? `${compact(total.inputTokens)} / ${compact(total.outputTokens)}` : '—'}</strong></div>
        <div className="stat"><span className="stat-label">Cost</span><strong className="stat-value">{total ? usd(total.costUsd) : '—'}</strong></div>
        <div className="stat"><span className="stat-label">Engines</span><strong className="stat-value">{engines.data ? engines.data.engines.length : '—'}</strong></div>
      </div>
      <div className="chart-grid">
        <Panel title="Tokens and cost per day" state={byDay} empty={(d) => d.items.length === 0} wide testId="chart-day">
          {(d) => (
            <ResponsiveContainer width="100%" height={260}>
              <AreaChart data={d.items} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
                <XAxis dataKey="key" tick={{ fontSize: 12 }} />
                <YAxis yAxisId="t" tickFormatter={compact} tick={{ fontSize: 12 }} />
                <YAxis yAxisId="c" orientation="right" tickFormatter={(v: number) => usd(v)} tick={{ fontSize: 12 }} />
                <Tooltip formatter={(v, name) => (name === 'Cost (USD)' ? usd(Number(v)) : compact(Number(v)))} />
                <Legend />
                <Area yAxisId="t" type="monotone" dataKey="inputTokens" name="Input tokens" stackId="1" stroke={COLORS[0]} fill={COLORS[0]} fillOpacity={0.25} />
                <Area yAxisId="t" type="monotone" dataKey="outputTokens" name="Output tokens" stackId="1" stroke={COLORS[1]} fill={COLORS[1]} fillOpacity={0.25} />
                <Area yAxisId="c" type="monotone" dataKey="costUsd" name="Cost (USD)" stroke={COLORS[2]} fill="none" strokeWidth={2} />
              </AreaChart>
            </ResponsiveContainer>
          )}
        </Panel>
        <Panel title="Cost by feature" state={byFeature} empty={(d) => d.items.length === 0} testId="chart-feature">
          {(d) => (
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={d.items} layout="vertical" margin={{ left: 24, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
                <XAxis type="number" tickFormatter={(v: number) => usd(v)} tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="key" width={110} tick={{ fontSize: 12 }} />
                <Tooltip formatter={(v) => usd(Number(v))} />
                <Bar dataKey="costUsd" name="Cost (USD)" fill={COLORS[0]} radius={[0, 4, 4, 0]} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </Panel>
        <Panel title="Tokens by model" state={byModel} empty={(d) => d.items.length === 0} testId="chart-model">
          {(d) => (
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={d.items} margin={{ right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
                <XAxis dataKey="key" tick={{ fontSize: 11 }} />
                <YAxis tickFormatter={compact} tick={{ fontSize: 12 }} />
                <Tooltip formatter={(v) => compact(Number(v))} />
                <Legend />
                <Bar dataKey="inputTokens" name="Input" stackId="t" fill={COLORS[0]} />
                <Bar dataKey="outputTokens" name="Output" stackId="t" fill={COLORS[1]} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </Panel>
        <Panel title="Latency per hour (TTFT and total, p50 / p95)" state={latency} empty={(d) => d.items.length === 0} wide testId="chart-latency">
          {(d) => (
            <ResponsiveContainer width="100%" height={260}>
              <LineChart data={d.items.map((r) => ({ ...r, label: r.hour.slice(5, 13).replace('T', ' ') + 'h' }))} margin={{ top: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
                <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                <YAxis unit=" ms" tick={{ fontSize: 12 }} width={70} />
                <Tooltip formatter={(v) => `${Math.round(Number(v))} ms`} />
                <Legend />
                <Line type="monotone" dataKey="ttftP50Ms" name="TTFT p50" stroke={COLORS[0]} dot={false} strokeWidth={2} connectNulls />
                <Line type="monotone" dataKey="ttftP95Ms" name="TTFT p95" stroke={COLORS[0]} strokeDasharray="5 4" dot={false} connectNulls />
                <Line type="monotone" dataKey="latencyP50Ms" name="Latency p50" stroke={COLORS[2]} dot={false} strokeWidth={2} connectNulls />
                <Line type="monotone" dataKey="latencyP95Ms" name="Latency p95" stroke={COLORS[2]} strokeDasharray="5 4" dot={false} connectNulls />
              </LineChart>
            </ResponsiveContainer>
          )}
        </Panel>
        <Panel title="Budget use" state={budgets} empty={(d) => d.items.length === 0} testId="chart-budgets">
          {(d) => (
            <ResponsiveContainer width="100%" height={Math.max(120, d.items.length * 44)}>
              <BarChart data={d.items.map((b) => ({ ...b, label: `${b.scope} (${b.period})`, pct: Math.round((b.fraction ?? 0) * 1000) / 10 }))} layout="vertical" margin={{ left: 24, right: 24 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
                <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} />
                <Tooltip formatter={(v, _n, item) => { const b = item.payload as Budget; return `${v}% (${b.unit === 'usd' ? usd(b.used) : compact(b.used)} of ${b.unit === 'usd' ? usd(b.limit) : compact(b.limit)})`; }} />
                <Bar dataKey="pct" name="Used" fill={COLORS[3]} radius={[0, 4, 4, 0]} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </Panel>
        <Panel title="Evaluation history" state={evals} empty={(d) => d.items.length === 0} testId="chart-evals">
          {(d) => {
            const names = [...new Set(d.items.flatMap((r) => Object.keys(r.metrics)))].filter((n) => d.items.every((r) => r.metrics[n] === undefined || r.metrics[n]! <= 1)).slice(0, 4);
            return (
              <>
                <ResponsiveContainer width="100%" height={200}>
                  <LineChart data={d.items.map((r) => ({ ...r.metrics, label: r.createdAt.slice(5, 16).replace('T', ' ') }))} margin={{ right: 16 }}>
                    <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
                    <XAxis dataKey="label" tick={{ fontSize: 11 }} />
                    <YAxis domain={[0, 1]} tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Legend />
                    {names.map((n, i) => <Line key={n} type="monotone" dataKey={n} stroke={COLORS[i % COLORS.length]} dot strokeWidth={2} />)}
                  </LineChart>
                </ResponsiveContainer>
                <table className="table">
                  <caption className="sr-only">Latest evaluation runs</caption>
                  <thead><tr><th scope="col">Run</th><th scope="col">Suite</th><th scope="col">Cases</th><th scope="col">Result</th></tr></thead>
                  <tbody>
                    {d.items.slice(-5).reverse().map((r) => (
                      <tr key={r.id}><td>{r.createdAt.slice(0, 16).replace('T', ' ')}</td><td>{r.suite}</td><td>{r.cases ?? '—'}</td><td><span className={`badge ${r.passed ? 'pass' : 'fail'}`}>{r.passed ? 'passed' : 'failed'}</span></td></tr>
                    ))}
                  </tbody>
                </table>
              </>
            );
          }}
        </Panel>
        <Panel title="Providers and engines" state={engines} empty={(d) => d.engines.length === 0} wide testId="engines">
          {(d) => (
            <>
              <ul className="engine-list">
                {d.engines.map((e) => (
                  <li key={e.id} className="engine">
                    <span className={`circuit circuit-${e.circuit}`} title={`circuit breaker: ${e.circuit}`}>{CIRCUIT_TEXT[e.circuit] ?? e.circuit}</span>
                    <strong>{e.provider}</strong> <span className="muted">{e.model}</span>
                    <span className="engine-stats">{e.calls24h} calls / 24 h · {(e.errorRate24h * 100).toFixed(1)}% errors</span>
                  </li>
                ))}
              </ul>
              {d.models24h.length > 0 && (
                <table className="table">
                  <caption className="sr-only">Models called in the last 24 hours</caption>
                  <thead><tr><th scope="col">Provider / model (24 h)</th><th scope="col">Calls</th><th scope="col">Errors</th><th scope="col">Latency p95</th><th scope="col">Last call</th></tr></thead>
                  <tbody>
                    {d.models24h.map((m) => (
                      <tr key={`${m.provider}/${m.model}`}>
                        <td>{m.provider} / {m.model}</td><td>{m.calls}</td><td>{(m.errorRate * 100).toFixed(1)}%</td>
                        <td>{m.latencyP95Ms !== null ? `${Math.round(m.latencyP95Ms)} ms` : '—'}</td><td>{m.lastCallAt ? new Date(m.lastCallAt).toLocaleTimeString() : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p className="fine">Engine chain from {d.source === 'gateway' ? 'the running gateway (live circuit-breaker state)' : 'the configuration (FITWISE_LLM)'}.</p>
            </>
          )}
        </Panel>
      </div>
    </>
  );
}
