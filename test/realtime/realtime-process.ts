/**
 * A real-time process for the multi-process tests: `api` (HTTP with the notification routes and an
 * outbox dispatcher) or `worker` (matching worker + dispatcher). Reads DATABASE_URL, NATS_URL,
 * FITWISE_NATS_PREFIX; prints one JSON line `{"ready": true, "port": N}` when it serves.
 */
import { buildServer } from '../../src/api/index.ts';
import { notificationRoutes } from '../../src/api/routes/notifications.ts';
import { createAppContext } from '../../src/app/index.ts';
import { Job } from '../../src/domain/index.ts';
import { startRealtime } from '../../src/realtime/index.ts';
import { openDatabase } from '../../src/store/index.ts';
import { DEMO_NOW } from './support.ts';

const role = process.argv[2];
const handle = await openDatabase({ url: process.env.DATABASE_URL!, poolSize: 8, migrate: false });
const ctx = await createAppContext({ handle, clock: () => DEMO_NOW });
const rt = await startRealtime(ctx, {
  worker: role === 'worker' ? { topK: Number(process.env.TOPK ?? 100), indexRefreshMs: 1000 } : false,
  concurrency: 4, webhooks: false, dispatcher: { pollMs: Number(process.env.POLL_MS ?? 200) },
  ackWaitMs: Number(process.env.ACK_WAIT_MS ?? 10_000),
  onError: (err) => process.stderr.write(`${role}: ${(err as Error).message}\n`),
});
let port = 0;
if (role === 'api') {
  const app = await buildServer(ctx);
  await notificationRoutes(app, ctx, { feed: rt.feed, gapCheckMs: 1000, trustHeaderIdentity: true });
  // Test-only write endpoint: the lead's job routes may not exist yet.
  app.post('/test/jobs', async (req, reply) => reply.status(201).send(await ctx.repos.jobs.upsert(Job.parse(req.body))));
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
}
process.stdout.write(`${JSON.stringify({ ready: true, role, port, pid: process.pid })}\n`);
const stop = async () => { await rt.close(); await ctx.close(); process.exit(0); };
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
