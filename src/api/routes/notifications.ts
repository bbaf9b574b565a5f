import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FitwiseError, NotFoundError, parseOrThrow } from '../../domain/index.ts';
import type { AppContext } from '../../app/index.ts';
import {
  deadLetters, getWebhook, listDeliveries, listWebhooks, registerWebhook, type LiveFeed, type RecruiterEvent,
} from '../../realtime/index.ts';
import type { StoredNotification } from '../../store/index.ts';
import { ForbiddenError, UnauthorizedError } from '../auth.ts';

export interface NotificationRouteDeps {
  /** Live fan-out (the process's `Realtime.feed`). */
  feed: LiveFeed;
  /** Each stream re-reads the database this often for rows the live feed missed (default 5000 ms). */
  gapCheckMs?: number;
  /** SSE comment heartbeat (default 15000 ms), so proxies keep the connection open. */
  heartbeatMs?: number;
  /**
   * Tests only: without a bearer token, accept `x-member-id` / `x-company-id` headers as the identity.
   * Never set in a server: `buildServer` leaves it off, so only tokens identify callers.
   */
  trustHeaderIdentity?: boolean;
}

const IdParam = z.object({ id: z.string().min(1).max(300) });
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().min(0).optional(),
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
const WebhookBody = z.object({
  url: z.string().url().max(2000).refine((u) => /^https?:\/\//.test(u), 'must be http(s)'),
  events: z.array(z.string().min(1).max(100)).max(20).default([]),
  secret: z.string().min(16).max(200).optional(),
});
const DeliveryQuery = z.object({ status: z.enum(['pending', 'delivered', 'dead']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Who is calling: the bearer token's identity (or, in tests that opt in, the x-member-id / x-company-id headers). */
function identityReaders(trustHeaders: boolean) {
  /** The caller's member id: from the bearer token (or, in tests that opt in, the x-member-id header). */
  function memberOf(req: FastifyRequest): string {
    if (req.identity) {
      if (req.identity.role !== 'member' || !req.identity.memberId) throw new ForbiddenError('notifications belong to members: use a member token');
      return req.identity.memberId;
    }
    const id = req.headers['x-member-id'];
    if (!trustHeaders || typeof id !== 'string' || id === '') throw new UnauthorizedError();
    return id;
  }
  function companyOf(req: FastifyRequest): string {
    if (req.identity) {
      if (req.identity.role !== 'recruiter' || !req.identity.companyId) throw new ForbiddenError('requires a recruiter token');
      return req.identity.companyId;
    }
    const id = req.headers['x-company-id'];
    if (!trustHeaders || typeof id !== 'string' || id === '') throw new UnauthorizedError();
    return id;
  }
  function ownerOf(req: FastifyRequest): { kind: 'member' | 'company'; id: string } {
    if (req.identity) return req.identity.role === 'member' ? { kind: 'member', id: memberOf(req) } : { kind: 'company', id: companyOf(req) };
    if (typeof req.headers['x-member-id'] === 'string' && req.headers['x-member-id']) return { kind: 'member', id: memberOf(req) };
    return { kind: 'company', id: companyOf(req) };
  }
  return { memberOf, companyOf, ownerOf };
}

/** Opens an SSE response outside Fastify's reply cycle; returns a writer and a closed flag. */
function openSse(req: FastifyRequest, reply: FastifyReply): { write(chunk: string): void; closed(): boolean; onClose(fn: () => void): void } {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.flushHeaders?.();
  let closed = false;
  const fns: (() => void)[] = [];
  const close = () => { if (closed) return; closed = true; for (const f of fns) f(); };
  req.raw.on('close', close);
  res.on('close', close);
  return {
    write: (chunk) => { if (!closed) res.write(chunk); },
    closed: () => closed,
    onClose: (fn) => { fns.push(fn); },
  };
}

/** How far below the highest seq sent a gap check looks for late commits (seqs are global: ~2,000/s at 20 posts/s). */
const SEQ_LOOKBACK = 20_000;
/** Sent seqs a stream remembers before pruning those below the look-back. */
const SENT_MEMORY = 1000;

const sseEvent = (event: string, data: unknown, id?: number) => `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Member notifications (SSE stream resumable with Last-Event-ID = notifications.seq, list, mark read),
 * webhook registration and delivery status, and the recruiter's live matched count / applicant ranking.
 */
export async function notificationRoutes(app: FastifyInstance, ctx: AppContext, deps: NotificationRouteDeps): Promise<void> {
  const { memberOf, companyOf, ownerOf } = identityReaders(deps.trustHeaderIdentity === true);
  app.get('/v1/notifications/stream', async (req, reply) => {
    const memberId = memberOf(req);
    const header = req.headers['last-event-id'];
    const fromQuery = (req.query as Record<string, string | undefined>).lastEventId;
    const resumeFrom = Number((typeof header === 'string' ? header : undefined) ?? fromQuery ?? 0);
    // Everything up to Last-Event-ID was delivered before the reconnect; nothing at or below it is sent again.
    const floor = Number.isFinite(resumeFrom) && resumeFrom > 0 ? Math.floor(resumeFrom) : 0;
    let lastSent = floor;
    // Workers commit concurrently, so a notification can commit (and arrive) after one with a higher
    // seq: the stream remembers what it sent instead of trusting a high-water mark, and each gap
    // check looks back SEQ_LOOKBACK below the highest seq sent.
    const sent = new Set<number>();
    const sse = openSse(req, reply);
    // Listen before replaying, so nothing committed during the replay is lost; `sent` drops repeats.
    const buffered: StoredNotification[] = [];
    let replaying = true;
    const send = (n: StoredNotification) => {
      if (n.seq <= floor || sent.has(n.seq)) return;
      sent.add(n.seq);
      if (n.seq > lastSent) lastSent = n.seq;
      if (sent.size > SENT_MEMORY) for (const seq of sent) if (seq < lastSent - SEQ_LOOKBACK) sent.delete(seq);
      sse.write(sseEvent('notification', n, n.seq));
    };
    const off = deps.feed.onNotification(memberId, (n) => { if (replaying) buffered.push(n); else send(n); });
    sse.onClose(off);
    let catchingUp = false;
    const catchUp = async () => {
      if (catchingUp) return;
      catchingUp = true;
      try {
        let after = Math.max(floor, lastSent - SEQ_LOOKBACK);
        for (;;) {
          const rows = await ctx.repos.notifications.forMember(memberId, { afterSeq: after, limit: 200 });
          for (const n of rows) send(n);
          if (rows.length < 200 || sse.closed()) break;
          after = rows.at(-1)!.seq;
        }
      } finally {
        catchingUp = false;
      }
    };
    sse.write(`retry: 2000\n: connected as ${memberId}\n\n`);
    await catchUp();
    replaying = false;
    for (const n of buffered.sort((a, b) => a.seq - b.seq)) send(n);
    const gap = setInterval(() => { void catchUp().catch(() => {}); }, deps.gapCheckMs ?? 5000);
    const beat = setInterval(() => sse.write(': ping\n\n'), deps.heartbeatMs ?? 15_000);
    sse.onClose(() => { clearInterval(gap); clearInterval(beat); });
  });

  app.get('/v1/notifications', async (req) => {
    const memberId = memberOf(req);
    const q = parseOrThrow(ListQuery, req.query, 'query');
    const items = q.after !== undefined
      ? await ctx.repos.notifications.forMember(memberId, { afterSeq: q.after, limit: q.limit, unreadOnly: q.unread })
      : (await ctx.repos.notifications.latestForMember(memberId, q.limit)).filter((n) => !q.unread || !n.readAt);
    return { items, limit: q.limit };
  });

  app.post('/v1/notifications/:id/read', async (req) => {
    const memberId = memberOf(req);
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    const owner = await ctx.repos.notifications.ownerOf(id);
    if (!owner) throw new NotFoundError('notification', id);
    if (owner !== memberId) throw new ForbiddenError('this notification belongs to someone else');
    await ctx.repos.notifications.markRead(memberId, id, ctx.clock());
    return { id, read: true };
  });

  app.post('/v1/webhooks', async (req, reply) => {
    const owner = ownerOf(req);
    const body = parseOrThrow(WebhookBody, req.body, 'body');
    const hook = await registerWebhook(ctx.handle, owner, body);
    // The secret is shown once, at registration; listings omit it.
    return reply.status(201).send({ id: hook.id, url: hook.url, events: hook.events, secret: hook.secret, active: hook.active, createdAt: hook.createdAt });
  });

  app.get('/v1/webhooks', async (req) => {
    const hooks = await listWebhooks(ctx.handle, ownerOf(req));
    return { items: hooks.map(({ secret: _secret, ...h }) => h) };
  });

  app.get('/v1/webhooks/dead-letters', async (req) => {
    const hooks = await listWebhooks(ctx.handle, ownerOf(req));
    return { items: await deadLetters(ctx.handle, hooks.map((h) => h.id)) };
  });

  app.get('/v1/webhooks/:id/deliveries', async (req) => {
    const owner = ownerOf(req);
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    const hook = await getWebhook(ctx.handle, id);
    if (!hook) throw new NotFoundError('webhook', id);
    if (hook.ownerKind !== owner.kind || hook.ownerId !== owner.id) throw new ForbiddenError('this webhook belongs to someone else');
    const q = parseOrThrow(DeliveryQuery, req.query, 'query');
    return { items: await listDeliveries(ctx.handle, id, q) };
  });

  const requireOwnJob = async (req: FastifyRequest) => {
    const companyId = companyOf(req);
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    const job = await ctx.repos.jobs.get(id);
    if (!job) throw new NotFoundError('job', id);
    if (job.companyId !== companyId) throw new ForbiddenError("a recruiter may only follow their own company's jobs");
    return job;
  };

  app.get('/v1/jobs/:id/matched-count', async (req) => {
    const job = await requireOwnJob(req);
    return { jobId: job.id, matched: await ctx.repos.notifications.countForJob(job.id) };
  });

  app.get('/v1/jobs/:id/live', async (req, reply) => {
    const job = await requireOwnJob(req);
    const sse = openSse(req, reply);
    const off = deps.feed.onRecruiter(job.id, (e: RecruiterEvent) => sse.write(sseEvent(e.type, e)));
    sse.onClose(off);
    sse.write(sseEvent('matched', { type: 'matched', jobId: job.id, matched: await ctx.repos.notifications.countForJob(job.id), added: 0 }));
    const beat = setInterval(() => sse.write(': ping\n\n'), deps.heartbeatMs ?? 15_000);
    sse.onClose(() => clearInterval(beat));
  });
}
