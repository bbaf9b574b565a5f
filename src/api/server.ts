import Fastify, { type FastifyInstance } from 'fastify';
import { register as metricsRegistry } from 'prom-client';
import { gatewayOf, type AppContext } from '../app/index.ts';
import { installErrorHandling } from './errors.ts';
import { installAuth, requireIdentity } from './auth.ts';
import { installOpenApi } from './openapi.ts';
import { annotateRoutes } from './routes/annotate.ts';
import { assistantRoutes } from './routes/assistant.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { matchingRoutes } from './routes/matching.ts';
import { mcpRoutes } from './routes/mcp.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { opsRoutes } from './routes/ops.ts';

export interface ServerOptions {
  /** Request body limit in bytes (larger → 413). */
  bodyLimit?: number;
  logger?: boolean;
  /** Allow `POST /v1/auth/demo` (sign in as a seeded demo user). Default: on unless FITWISE_DEMO_LOGIN=0. */
  demoLogin?: boolean;
  /** Start-up state shown by `/readyz` (503 until ready); `/healthz` only says the process is up. */
  readiness?: { ready: boolean; phase: string };
  corsOrigins?: string;
  /** An assistant to serve instead of the default one (tests inject a scripted router). */
  assistant?: import('../assistant/index.ts').Assistant;
  /** The process's real-time runtime: when given, notification and live recruiter routes are served. */
  realtime?: { feed: import('../realtime/index.ts').LiveFeed };
  rateLimitPerMinute?: number;
}

/** Builds the HTTP API on an app context; the caller listens and closes. */
export async function buildServer(ctx: AppContext, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  installErrorHandling(app);
  installAuth(app, ctx.repos);
  await installOpenApi(app);
  const cors = (await import('@fastify/cors')).default;
  // CORS: same-origin by default; list other origins in FITWISE_CORS_ORIGINS (comma-separated) or `*`.
  const origins = (opts.corsOrigins ?? process.env.FITWISE_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  await app.register(cors, { origin: origins.includes('*') ? true : origins.length ? origins : false });
  const rateLimit = (await import('@fastify/rate-limit')).default;
  // Per token (or per address without one): FITWISE_RATE_LIMIT requests per minute.
  await app.register(rateLimit, {
    max: opts.rateLimitPerMinute ?? Number(process.env.FITWISE_RATE_LIMIT ?? 600),
    timeWindow: 60_000,
    keyGenerator: (req) => req.headers.authorization ?? req.ip,
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
    errorResponseBuilder: (_req, context) => ({ statusCode: 429, error: { code: 'rate_limited', message: `rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s` } }),
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const r = opts.readiness ?? { ready: true, phase: 'ready' };
    return reply.status(r.ready ? 200 : 503).send({ status: r.ready ? 'ready' : 'starting', phase: r.phase });
  });
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  });
  await authRoutes(app, ctx, { demoLogin: opts.demoLogin ?? process.env.FITWISE_DEMO_LOGIN !== '0' });
  await catalogRoutes(app, ctx);
  await matchingRoutes(app, ctx);
  // The assistant and MCP act as the token's identity: a member for themself, a recruiter for one company.
  const caller = (identity: { role: 'member' | 'recruiter' | 'admin'; memberId?: string; companyId?: string }) => ({
    role: identity.role, ...(identity.memberId ? { memberId: identity.memberId } : {}), ...(identity.companyId ? { companyId: identity.companyId } : {}),
  });
  await assistantRoutes(app, ctx, { gateway: gatewayOf(ctx), ...(opts.assistant ? { assistant: opts.assistant } : {}), identityOf: (req) => caller(requireIdentity(req)) });
  if (opts.realtime) await notificationRoutes(app, ctx, { feed: opts.realtime.feed });
  await opsRoutes(app, ctx, { gateway: gatewayOf(ctx) });
  await annotateRoutes(app, ctx, { identityOf: (req) => caller(requireIdentity(req)) });
  await mcpRoutes(app, ctx, { authenticate: async (token) => { const id = await ctx.repos.tokens.resolve(token); return id ? caller(id) : null; } });
  return app;
}
