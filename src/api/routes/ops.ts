import type { FastifyInstance } from 'fastify';
import { desc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { parseOrThrow } from '../../domain/index.ts';
import type { AppContext } from '../../app/index.ts';
import { loadGatewayConfig, type Gateway } from '../../llm/index.ts';
import { tables } from '../../store/index.ts';
import { requireRole } from '../auth.ts';

const { evalRuns, llmBudgets, llmCalls } = tables;

export interface OpsRouteDependencies {
  /** The process's gateway, for live circuit-breaker state; without it the configured chain is shown. */
  gateway?: Pick<Gateway, 'engines'>;
  /** Environment the configured engine chain is read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

const Window = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });
const CostQuery = Window.extend({ by: z.enum(['feature', 'model', 'day']).default('feature') });
const LatencyQuery = z.object({ hours: z.coerce.number().int().min(1).max(24 * 31).default(48) });
const EvalQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), suite: z.string().min(1).max(100).optional() });

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const maybe = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
const since = (ms: number) => new Date(ms).toISOString();

/** Rows of `db.execute` on PGlite (`{rows}`) and node-postgres (`{rows}`) alike. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  const r = result as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

/**
 * Operator dashboards' data, admin only: tokens and cost by feature / model / day, TTFT and latency
 * percentiles per hour, budget use, evaluation history and the engine chain's status.
 */
export async function opsRoutes(app: FastifyInstance, ctx: AppContext, deps: OpsRouteDependencies = {}): Promise<void> {
  const db = ctx.handle.db;
  const now = () => ctx.clock().getTime();

  app.get('/v1/ops/costs', async (req) => {
    requireRole(req, 'admin');
    const q = parseOrThrow(CostQuery, req.query, 'query');
    const key = q.by === 'feature' ? llmCalls.feature
      : q.by === 'model' ? sql<string>`${llmCalls.provider} || '/' || ${llmCalls.model}`
        : sql<string>`to_char(${llmCalls.at} at time zone 'UTC', 'YYYY-MM-DD')`;
    const rows = await db.select({
      key: sql<string>`${key}`.as('key'),
      calls: sql<number>`count(*)`,
      inputTokens: sql<number>`coalesce(sum(${llmCalls.inputTokens}), 0)`,
      cachedInputTokens: sql<number>`coalesce(sum(${llmCalls.cachedInputTokens}), 0)`,
      outputTokens: sql<number>`coalesce(sum(${llmCalls.outputTokens}), 0)`,
      costUsd: sql<number>`coalesce(sum(${llmCalls.costUsd}), 0)`,
      unpricedCalls: sql<number>`count(*) filter (where ${llmCalls.costUsd} is null)`,
      errors: sql<number>`count(*) filter (where ${llmCalls.outcome} = 'error')`,
    }).from(llmCalls)
      .where(sql`${llmCalls.at} >= ${since(now() - q.days * 86_400_000)}`)
      .groupBy(sql`1`)
      .orderBy(q.by === 'day' ? sql`1` : sql`6 desc, 2 desc`);
    const items = rows.map((r) => ({
      key: String(r.key), calls: num(r.calls), inputTokens: num(r.inputTokens), cachedInputTokens: num(r.cachedInputTokens),
      outputTokens: num(r.outputTokens), costUsd: Math.round(num(r.costUsd) * 1e6) / 1e6, unpricedCalls: num(r.unpricedCalls), errors: num(r.errors),
    }));
    const total = items.reduce((t, i) => ({
      calls: t.calls + i.calls, inputTokens: t.inputTokens + i.inputTokens, outputTokens: t.outputTokens + i.outputTokens, costUsd: t.costUsd + i.costUsd,
    }), { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
    return { by: q.by, days: q.days, items, total: { ...total, costUsd: Math.round(total.costUsd * 1e6) / 1e6 } };
  });

  app.get('/v1/ops/latency', async (req) => {
    requireRole(req, 'admin');
    const q = parseOrThrow(LatencyQuery, req.query, 'query');
    const result = await db.execute(sql`
      select to_char(date_trunc('hour', ${llmCalls.at} at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"') as hour,
             count(*) as calls,
             percentile_cont(0.5) within group (order by ${llmCalls.ttftMs}) as ttft_p50,
             percentile_cont(0.95) within group (order by ${llmCalls.ttftMs}) as ttft_p95,
             percentile_cont(0.5) within group (order by ${llmCalls.latencyMs}) as latency_p50,
             percentile_cont(0.95) within group (order by ${llmCalls.latencyMs}) as latency_p95
      from ${llmCalls}
      where ${llmCalls.at} >= ${since(now() - q.hours * 3_600_000)}
      group by 1 order by 1`);
    const items = rowsOf(result).map((r) => ({
      hour: String(r.hour), calls: num(r.calls),
      ttftP50Ms: maybe(r.ttft_p50), ttftP95Ms: maybe(r.ttft_p95), latencyP50Ms: maybe(r.latency_p50), latencyP95Ms: maybe(r.latency_p95),
    }));
    return { hours: q.hours, items };
  });

  app.get('/v1/ops/budgets', async (req) => {
    requireRole(req, 'admin');
    const rows = await db.select().from(llmBudgets).orderBy(desc(llmBudgets.period), llmBudgets.scope);
    const configured = safeConfig(deps.env)?.budgets ?? [];
    return {
      items: rows.map((r) => ({
        scope: r.scope, period: r.period, unit: r.unit, limit: num(r.limitAmount), used: num(r.used),
        fraction: num(r.limitAmount) > 0 ? Math.round((num(r.used) / num(r.limitAmount)) * 10_000) / 10_000 : null,
        updatedAt: r.updatedAt,
      })),
      configured,
    };
  });

  app.get('/v1/ops/evals', async (req) => {
    requireRole(req, 'admin');
    const q = parseOrThrow(EvalQuery, req.query, 'query');
    const rows = await db.select().from(evalRuns)
      .where(q.suite ? sql`${evalRuns.suite} = ${q.suite}` : undefined)
      .orderBy(desc(evalRuns.createdAt)).limit(q.limit);
    return {
      // Oldest first, so the history reads left to right; per-case results stay out (they can be large).
      items: rows.reverse().map((r) => {
        const report = r.report as { metrics?: Record<string, unknown>; cases?: unknown; seconds?: unknown; target?: { engine?: unknown } };
        const metrics = Object.fromEntries(Object.entries(report.metrics ?? {}).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
        return {
          id: r.id, suite: r.suite, passed: r.passed, createdAt: r.createdAt,
          cases: typeof report.cases === 'number' ? report.cases : null,
          seconds: typeof report.seconds === 'number' ? report.seconds : null,
          engine: typeof report.target?.engine === 'string' ? report.target.engine : null,
          metrics,
        };
      }),
    };
  });

  app.get('/v1/ops/engines', async (req) => {
    requireRole(req, 'admin');
    const config = safeConfig(deps.env);
    const chain = deps.gateway?.engines
      ?? (config?.engines ?? [{ provider: 'local' as const }]).map((e, i) => ({
        id: `${i}:${e.provider}${e.model ? `/${e.model}` : ''}`, provider: e.provider, model: e.model ?? e.provider, circuit: 'unknown' as const,
      }));
    const stats = rowsOf(await db.execute(sql`
      select ${llmCalls.provider} as provider, ${llmCalls.model} as model, count(*) as calls,
             count(*) filter (where ${llmCalls.outcome} = 'error') as errors,
             percentile_cont(0.95) within group (order by ${llmCalls.latencyMs}) as latency_p95,
             max(${llmCalls.at}) as last_call_at
      from ${llmCalls}
      where ${llmCalls.at} >= ${since(now() - 86_400_000)}
      group by 1, 2 order by 3 desc`)).map((r) => ({
      provider: String(r.provider), model: String(r.model), calls: num(r.calls), errors: num(r.errors),
      errorRate: num(r.calls) ? Math.round((num(r.errors) / num(r.calls)) * 10_000) / 10_000 : 0,
      latencyP95Ms: maybe(r.latency_p95), lastCallAt: r.last_call_at ? new Date(String(r.last_call_at)).toISOString() : null,
    }));
    return {
      source: deps.gateway ? 'gateway' : 'configuration',
      configError: config ? null : 'the LLM configuration in the environment is invalid',
      engines: chain.map((e) => {
        const s = stats.filter((x) => x.provider === e.provider && (x.model === e.model || e.provider === 'local'));
        const calls = s.reduce((n, x) => n + x.calls, 0);
        const errors = s.reduce((n, x) => n + x.errors, 0);
        return { ...e, calls24h: calls, errors24h: errors, errorRate24h: calls ? Math.round((errors / calls) * 10_000) / 10_000 : 0 };
      }),
      models24h: stats,
    };
  });
}

function safeConfig(env: NodeJS.ProcessEnv | undefined): ReturnType<typeof loadGatewayConfig> | undefined {
  try {
    return loadGatewayConfig(env ?? process.env);
  } catch {
    return undefined;
  }
}
