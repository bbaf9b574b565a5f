import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../store/index.ts';
import { tables } from '../store/index.ts';

export const SIGNATURE_HEADER = 'X-Fitwise-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (the Stripe scheme: replay-safe with a tolerance). */
export function signWebhook(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** Checks a signature header against the raw body; rejects timestamps older than `toleranceSec`. */
export function verifyWebhookSignature(secret: string, header: string | undefined, body: string, opts: { now?: Date; toleranceSec?: number } = {}): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => { const i = p.indexOf('='); return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const; }));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isFinite(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSec ?? 300)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

export type WebhookOwner = { kind: 'member' | 'company' | 'admin'; id: string };
export type WebhookRow = typeof tables.webhooks.$inferSelect;
export type WebhookDeliveryRow = typeof tables.webhookDeliveries.$inferSelect;

export async function registerWebhook(handle: DatabaseHandle, owner: WebhookOwner, input: { url: string; events?: string[]; secret?: string }): Promise<WebhookRow> {
  const [row] = await handle.db.insert(tables.webhooks).values({
    id: `wh-${randomUUID()}`, ownerKind: owner.kind, ownerId: owner.id, url: input.url,
    secret: input.secret ?? randomBytes(24).toString('hex'), events: input.events ?? [],
  }).returning();
  return row!;
}

export async function listWebhooks(handle: DatabaseHandle, owner: WebhookOwner): Promise<WebhookRow[]> {
  const w = tables.webhooks;
  return handle.db.select().from(w).where(and(eq(w.ownerKind, owner.kind), eq(w.ownerId, owner.id))).orderBy(asc(w.createdAt));
}

export async function getWebhook(handle: DatabaseHandle, id: string): Promise<WebhookRow | undefined> {
  const [row] = await handle.db.select().from(tables.webhooks).where(eq(tables.webhooks.id, id));
  return row;
}

export async function listDeliveries(handle: DatabaseHandle, webhookId: string, opts: { status?: WebhookDeliveryRow['status']; limit?: number } = {}): Promise<WebhookDeliveryRow[]> {
  const d = tables.webhookDeliveries;
  const conds = [eq(d.webhookId, webhookId)];
  if (opts.status) conds.push(eq(d.status, opts.status));
  return handle.db.select().from(d).where(and(...conds)).orderBy(desc(d.createdAt)).limit(opts.limit ?? 100);
}

/** Queues one payload for a webhook (idempotent per webhook × event id). */
export async function enqueueDelivery(handle: DatabaseHandle, webhookId: string, eventId: string, payload: Record<string, unknown>): Promise<void> {
  await handle.db.insert(tables.webhookDeliveries).values({ id: `whd-${randomUUID()}`, webhookId, eventId, payload }).onConflictDoNothing();
}

export interface WebhookDelivererOptions {
  /** Attempts before a delivery is dead-lettered (default 8). */
  maxAttempts?: number;
  /** Backoff base: retry n waits base × 2^(n-1), capped by `maxBackoffMs` (default 1000 ms, cap 1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Poll for due deliveries this often (default 500 ms). */
  pollMs?: number;
  batch?: number;
  fetch?: typeof fetch;
  clock?: () => Date;
}

/**
 * Sends due `webhook_deliveries` rows. A claim pushes `next_attempt_at` forward by a lease inside a
 * `FOR UPDATE SKIP LOCKED` transaction, so several processes never send the same attempt; a 2xx marks
 * it delivered, anything else schedules a retry with exponential backoff, and `maxAttempts` failures
 * mark it `dead` (the dead-letter list, queryable per webhook).
 */
export class WebhookDeliverer {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private loop: Promise<void> | undefined;

  constructor(private readonly handle: DatabaseHandle, private readonly options: WebhookDelivererOptions = {}) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      this.loop = this.runOnce().then(() => undefined, () => undefined).finally(() => {
        if (!this.stopped) { this.timer = setTimeout(tick, this.options.pollMs ?? 500); this.timer.unref?.(); }
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.loop;
  }

  /** Claims and sends the due deliveries once; returns how many were attempted. */
  async runOnce(): Promise<number> {
    const now = (this.options.clock ?? (() => new Date()))();
    const leaseUntil = new Date(now.getTime() + (this.options.timeoutMs ?? 10_000) * 2).toISOString();
    const d = tables.webhookDeliveries;
    const claimed = await this.handle.db.transaction(async (tx) => {
      const q = tx.select().from(d).where(and(eq(d.status, 'pending'), lte(d.nextAttemptAt, now.toISOString()))).orderBy(asc(d.nextAttemptAt)).limit(this.options.batch ?? 50);
      const rows = this.handle.kind === 'postgres' ? await q.for('update', { skipLocked: true }) : await q;
      for (const r of rows) await tx.update(d).set({ nextAttemptAt: leaseUntil }).where(eq(d.id, r.id));
      return rows;
    });
    await Promise.all(claimed.map((r) => this.attempt(r)));
    return claimed.length;
  }

  private async attempt(row: WebhookDeliveryRow): Promise<void> {
    const d = tables.webhookDeliveries;
    const hook = await getWebhook(this.handle, row.webhookId);
    const clock = this.options.clock ?? (() => new Date());
    let ok = false;
    let status: number | null = null;
    let error: string | null = null;
    if (!hook || !hook.active) {
      error = 'webhook removed or inactive';
    } else {
      const body = JSON.stringify({ id: row.id, eventId: row.eventId, ...row.payload });
      try {
        const res = await (this.options.fetch ?? fetch)(hook.url, {
          method: 'POST', body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(hook.secret, body, clock()), 'X-Fitwise-Delivery': row.id },
        });
        status = res.status;
        ok = res.ok;
        await res.arrayBuffer().catch(() => undefined);
        if (!ok) error = `HTTP ${res.status}`;
      } catch (err) {
        error = (err as Error).message;
      }
    }
    const attempts = row.attempts + 1;
    if (ok) {
      await this.handle.db.update(d).set({ status: 'delivered', attempts, lastStatus: status, lastError: null, deliveredAt: clock().toISOString() }).where(eq(d.id, row.id));
      return;
    }
    const dead = attempts >= (this.options.maxAttempts ?? 8);
    const wait = Math.min((this.options.backoffMs ?? 1000) * 2 ** (attempts - 1), this.options.maxBackoffMs ?? 3_600_000);
    await this.handle.db.update(d).set({
      status: dead ? 'dead' : 'pending', attempts, lastStatus: status, lastError: error?.slice(0, 500) ?? null,
      nextAttemptAt: new Date(clock().getTime() + wait).toISOString(),
    }).where(eq(d.id, row.id));
  }
}

/** The dead-letter list for an owner's webhooks. */
export async function deadLetters(handle: DatabaseHandle, webhookIds: string[]): Promise<WebhookDeliveryRow[]> {
  if (webhookIds.length === 0) return [];
  const d = tables.webhookDeliveries;
  return handle.db.select().from(d).where(and(eq(d.status, 'dead'), sql`${d.webhookId} in ${webhookIds}`)).orderBy(desc(d.createdAt));
}
