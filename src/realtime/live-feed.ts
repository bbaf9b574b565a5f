import { EventEmitter } from 'node:events';
import type { NatsConnection, Subscription as NatsSubscription } from '@nats-io/transport-node';
import type { StoredNotification } from '../store/index.ts';
import { busNames } from './bus.ts';

/** What a recruiter's live view of one job receives. */
export type RecruiterEvent =
  | { type: 'matched'; jobId: string; matched: number; added: number }
  | { type: 'applicant'; jobId: string; applicationId: string; memberId: string; level: string; score: number; rank: number; total: number };

/**
 * Live fan-out of committed notifications to SSE connections. The database stays the record: a
 * listener that misses a message catches up from `notifications.seq` (on reconnect, and by the
 * stream's periodic gap check).
 */
export interface LiveFeed {
  publishNotification(n: StoredNotification): void;
  publishRecruiter(e: RecruiterEvent): void;
  onNotification(memberId: string, cb: (n: StoredNotification) => void): () => void;
  onRecruiter(jobId: string, cb: (e: RecruiterEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: an event emitter keyed by member and job. */
export class LocalLiveFeed implements LiveFeed {
  protected readonly emitter = new EventEmitter();
  constructor() { this.emitter.setMaxListeners(0); }
  publishNotification(n: StoredNotification): void { this.emitter.emit(`m:${n.memberId}`, n); }
  publishRecruiter(e: RecruiterEvent): void { this.emitter.emit(`j:${e.jobId}`, e); }
  onNotification(memberId: string, cb: (n: StoredNotification) => void): () => void {
    this.emitter.on(`m:${memberId}`, cb);
    return () => { this.emitter.off(`m:${memberId}`, cb); };
  }
  onRecruiter(jobId: string, cb: (e: RecruiterEvent) => void): () => void {
    this.emitter.on(`j:${jobId}`, cb);
    return () => { this.emitter.off(`j:${jobId}`, cb); };
  }
  async close(): Promise<void> { this.emitter.removeAllListeners(); }
}

/**
 * Across processes: core NATS subjects `<prefix>.notify.member.<id>` and `<prefix>.recruiter.job.<id>`
 * (at-most-once, which is enough because the stream re-reads the database). Every process subscribes
 * to the wildcards and re-emits locally; a worker's own publications come back the same way.
 */
export class NatsLiveFeed extends LocalLiveFeed {
  private readonly names: ReturnType<typeof busNames>;
  private readonly subs: NatsSubscription[] = [];

  constructor(private readonly nc: NatsConnection, prefix = 'fitwise') {
    super();
    this.names = busNames(prefix);
    this.listen(this.names.notifyWildcard, (data) => { const n = data as StoredNotification; this.emitter.emit(`m:${n.memberId}`, n); });
    this.listen(this.names.jobWildcard, (data) => { const e = data as RecruiterEvent; this.emitter.emit(`j:${e.jobId}`, e); });
  }

  private listen(subject: string, emit: (data: unknown) => void): void {
    const sub = this.nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err) return;
        try { emit(msg.json()); } catch { /* ignore malformed */ }
      },
    });
    this.subs.push(sub);
  }

  override publishNotification(n: StoredNotification): void {
    this.nc.publish(this.names.notifySubject(n.memberId), JSON.stringify(n));
  }

  override publishRecruiter(e: RecruiterEvent): void {
    this.nc.publish(this.names.jobSubject(e.jobId), JSON.stringify(e));
  }

  override async close(): Promise<void> {
    for (const s of this.subs) s.unsubscribe();
    await super.close();
  }
}
