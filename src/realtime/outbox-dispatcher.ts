import { sql } from 'drizzle-orm';
import type { DatabaseHandle, DomainEvent, Repositories } from '../store/index.ts';
import type { EventBus } from './bus.ts';

export interface OutboxDispatcherOptions {
  /** Rows per claim (default 100). */
  batch?: number;
  /** Poll interval when nothing woke the dispatcher (default 500 ms): catches other processes' writes. */
  pollMs?: number;
  /** Dispatch as soon as this process writes an event (default true); false = poll only (the baseline). */
  wakeOnWrite?: boolean;
  onError?: (err: unknown) => void;
}

interface OutboxRow { seq: number; event_id: string; topic: string; key: string; payload: Record<string, unknown>; created_at: string | Date }

/**
 * Moves committed outbox rows to the bus. On PostgreSQL it claims rows with `FOR UPDATE SKIP LOCKED`
 * inside a transaction that also marks them published, so several dispatchers (one per API or worker
 * process) split the rows; a crash between publish and commit republishes, which JetStream's
 * duplicate window and the consumers' `processed_events` both absorb. `wake()` starts a pass at once,
 * so an event written by this process is dispatched without waiting for the poll.
 */
export class OutboxDispatcher {
  private running = false;
  private stopped = true;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private idle: (() => void) | undefined;
  published = 0;

  constructor(private readonly handle: DatabaseHandle, private readonly repos: Repositories, private readonly bus: EventBus, private readonly options: OutboxDispatcherOptions = {}) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  /** Dispatch now (coalesces concurrent wake-ups into one more pass). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    this.running = true;
    this.loop = this.run().finally(() => {
      this.running = false;
      if (this.stopped) return;
      if (this.again) { this.again = false; this.wake(); return; }
      this.timer = setTimeout(() => { this.timer = undefined; this.wake(); }, this.options.pollMs ?? 500);
      this.timer.unref?.();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.loop;
  }

  /** One or more claim → publish → mark passes until the outbox is drained. Returns rows published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dispatchBatch();
      total += n;
      if (n < (this.options.batch ?? 100)) return total;
    }
  }

  private async run(): Promise<void> {
    try {
      await this.drain();
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  async dispatchBatch(): Promise<number> {
    const limit = this.options.batch ?? 100;
    if (this.handle.kind === 'pglite') {
      // PGlite is one process with one connection: no concurrent dispatcher to skip past.
      const rows = await this.repos.outbox.pending(limit);
      const done: number[] = [];
      try {
        for (const r of rows) { await this.bus.publish(stripSeq(r)); done.push(r.seq); }
      } finally {
        await this.repos.outbox.markPublished(done);
      }
      this.published += done.length;
      return rows.length;
    }
    return this.handle.db.transaction(async (tx) => {
      const res = await tx.execute(sql`select seq, event_id, topic, key, payload, created_at from outbox
        where published_at is null order by seq limit ${limit} for update skip locked`);
      const rows = (res as unknown as { rows: OutboxRow[] }).rows;
      if (rows.length === 0) return 0;
      const seqs: number[] = [];
      for (const r of rows) {
        await this.bus.publish({ eventId: r.event_id, topic: r.topic, key: r.key, payload: r.payload, createdAt: new Date(r.created_at).toISOString() });
        seqs.push(Number(r.seq));
      }
      await tx.execute(sql`update outbox set published_at = now(), attempts = attempts + 1 where seq in ${sql.raw(`(${seqs.join(',')})`)}`);
      this.published += seqs.length;
      return rows.length;
    });
  }
}

function stripSeq(r: DomainEvent & { seq: number }): DomainEvent {
  return { eventId: r.eventId, topic: r.topic, key: r.key, payload: r.payload, ...(r.createdAt ? { createdAt: new Date(r.createdAt).toISOString() } : {}) };
}

/**
 * Wakes `onWrite` after this process's repositories commit a change that writes an outbox row
 * (job and member upserts, applications). A thin adapter: the store has no write hook yet.
 */
export function onOutboxWrites(repos: Repositories, onWrite: () => void): () => void {
  const targets: [object, string][] = [[repos.jobs, 'upsert'], [repos.members, 'upsert'], [repos.applications, 'apply']];
  const restore: (() => void)[] = [];
  for (const [obj, name] of targets) {
    const o = obj as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const original = o[name]!;
    const hadOwn = Object.prototype.hasOwnProperty.call(o, name);
    o[name] = async function wrapped(this: unknown, ...args: unknown[]) {
      const result = await original.apply(obj, args);
      onWrite();
      return result;
    };
    restore.push(() => { if (hadOwn) o[name] = original; else delete o[name]; });
  }
  return () => { for (const r of restore) r(); };
}
