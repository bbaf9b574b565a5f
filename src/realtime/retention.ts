import { sql } from 'drizzle-orm';
import { FitwiseError } from '../domain/index.ts';
import type { DatabaseHandle } from '../store/index.ts';

/**
 * Retention of the event log's bookkeeping: published outbox rows and `processed_events` claims are
 * only needed while an event can still be dispatched or redelivered (the JetStream duplicate window
 * is 2 minutes, a redelivery follows an unacked delivery within the ack wait). Kept for `days`
 * (default 7, `FITWISE_EVENT_RETENTION_DAYS`), then deleted in batches so no statement holds locks
 * for long. Unpublished outbox rows are never deleted. Notifications and webhook deliveries are
 * members' and owners' data and are not touched.
 */
export interface RetentionOptions {
  /** Days to keep published outbox rows and processed-event claims (default 7). */
  days?: number;
  /** Rows per DELETE (default 5000). */
  batch?: number;
  /** How often `startRetention` prunes (default 1 hour); the first pass runs a minute after start. */
  intervalMs?: number;
  onError?: (err: unknown) => void;
}

export interface PruneResult { outbox: number; processedEvents: number }

export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FITWISE_EVENT_RETENTION_DAYS;
  if (raw === undefined || raw === '') return 7;
  const days = Number(raw);
  if (!Number.isFinite(days) || days < 1) {
    throw new FitwiseError('config_invalid', `FITWISE_EVENT_RETENTION_DAYS must be a number of days ≥ 1, got "${raw}"`, { status: 500 });
  }
  return days;
}

/** Deletes published outbox rows and processed-event claims older than `days`. */
export async function pruneEventLog(handle: DatabaseHandle, options: Pick<RetentionOptions, 'days' | 'batch'> = {}): Promise<PruneResult> {
  const days = options.days ?? retentionDays();
  if (!(days > 0)) throw new RangeError(`retention days must be > 0, got ${days}`);
  const batch = options.batch ?? 5000;
  const cutoff = sql`now() - make_interval(secs => ${Math.round(days * 86_400)})`;
  const result: PruneResult = { outbox: 0, processedEvents: 0 };
  for (;;) {
    const res = await handle.db.execute(sql`delete from outbox where seq in (
      select seq from outbox where published_at is not null and published_at < ${cutoff} limit ${batch})`);
    const n = affected(res);
    result.outbox += n;
    if (n < batch) break;
  }
  for (;;) {
    const res = await handle.db.execute(sql`delete from processed_events where (consumer, event_id) in (
      select consumer, event_id from processed_events where processed_at < ${cutoff} limit ${batch})`);
    const n = affected(res);
    result.processedEvents += n;
    if (n < batch) break;
  }
  return result;
}

/** Prunes on a timer (unref'd: it never keeps a process alive). */
export function startRetention(handle: DatabaseHandle, options: RetentionOptions = {}): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> | undefined;
  const pass = () => {
    if (stopped || running) return;
    running = pruneEventLog(handle, options).catch((err: unknown) => options.onError?.(err)).finally(() => { running = undefined; });
  };
  const first = setTimeout(pass, Math.min(60_000, options.intervalMs ?? 60_000));
  const every = setInterval(pass, options.intervalMs ?? 3_600_000);
  first.unref?.();
  every.unref?.();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}

/** Rows affected, from node-postgres (`rowCount`) or PGlite (`affectedRows`). */
function affected(res: unknown): number {
  const r = res as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}
