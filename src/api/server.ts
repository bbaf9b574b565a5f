import Fastify, { type FastifyInstance } from 'fastify';
import { register as metricsRegistry } from 'prom-client';
import type { AppContext } from '../app/index.ts';
import { installErrorHandling } from './errors.ts';
import { catalogRoutes } from './routes/catalog.ts';

export interface ServerOptions {
  /** Request body limit in bytes (larger → 413). */
  bodyLimit?: number;
  logger?: boolean;
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
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  });
  await catalogRoutes(app, ctx);
  return app;
}
