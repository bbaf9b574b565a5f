import { createHash } from 'node:crypto';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../app/index.ts';
import { FIT_LEVEL_RANK, type AlertRecipient, type FitLevel, type Job, type Notification } from '../domain/index.ts';
import { MatchIndex, buildCourseIndex, rankApplicants, type MatchContext, type RankedJob, type RankedMember } from '../matching/index.ts';
import { tables, TOPICS, type DomainEvent, type StoredNotification } from '../store/index.ts';
import type { EventBus, Subscription } from './bus.ts';
import type { LiveFeed } from './live-feed.ts';

export interface MatchingWorkerOptions {
  /** Name in `processed_events` and the durable consumer name (default `matcher`). */
  consumer?: string;
  /** Members notified per posted job at most (default 100). */
  topK?: number;
  /** `member.updated` re-matches jobs posted within this many days (default 14)… */
  recentJobDays?: number;
  /** …at most this many of them, newest first (default 1000). */
  recentJobLimit?: number;
  /** Re-read members changed by other processes into the index this often (default 2000 ms; 0 = never). */
  indexRefreshMs?: number;
  feed?: LiveFeed;
  onError?: (err: unknown, event: DomainEvent) => void;
}

export type HandleResult =
  | { status: 'processed'; notified: StoredNotification[] }
  | { status: 'duplicate' }
  | { status: 'ignored'; reason: string };

/** A member the fit tier picked for a job, before preferences and caps. */
export interface MatchCandidate { memberId: string; jobId: string; level: FitLevel; score: number }

/**
 * Whom to notify among ranked candidates: open to work, alerts on, at or above both the job's
 * `notifyMinLevel` and the member's `alerts.minLevel`, and under the member's daily cap.
 * Pure: `sentToday` counts the member's job-match notifications in the last 24 h.
 */
export function selectRecipients(job: Job, candidates: readonly MatchCandidate[], members: ReadonlyMap<string, AlertRecipient>, sentToday: ReadonlyMap<string, number> = new Map()): MatchCandidate[] {
  return candidates.filter((c) => {
    const m = members.get(c.memberId);
    if (!m || !m.openToWork || !m.alerts.enabled) return false;
    if (FIT_LEVEL_RANK[c.level] < FIT_LEVEL_RANK[job.notifyMinLevel]) return false;
    if (FIT_LEVEL_RANK[c.level] < FIT_LEVEL_RANK[m.alerts.minLevel]) return false;
    return (sentToday.get(c.memberId) ?? 0) < m.alerts.maxPerDay;
  });
}

/** One notification per member per job, whatever event caused it (posting or a profile change). */
export function matchCause(jobId: string): string {
  return `job-match:${jobId}`;
}

export function notificationId(memberId: string, cause: string): string {
  return `ntf-${createHash('sha256').update(`${memberId}\n${cause}`).digest('hex').slice(0, 24)}`;
}

export function matchNotification(c: MatchCandidate, job: Job, now: Date): Notification {
  const cause = matchCause(job.id);
  return {
    id: notificationId(c.memberId, cause), memberId: c.memberId, kind: 'job_match', jobId: job.id, level: c.level,
    score: Math.round(c.score * 1000) / 1000, title: `New ${c.level} fit: ${job.title}`.slice(0, 300),
    body: `A job that fits your profile was just posted (${c.level} fit).`, sourceEventId: cause, createdAt: now.toISOString(), readAt: null,
  };
}

/**
 * Consumes `job.posted` (rank open-to-work members, notify the fitting ones), `member.updated`
 * (refresh the index, re-match recent open jobs for that member), `job.closed`/`job.updated` (index
 * upkeep) and `application.created` (recruiter live ranking). Notifications, webhook deliveries and
 * the `processed_events` row commit in one transaction; the delivery is acked after commit, so a
 * crash anywhere means redelivery, and redelivery finds the event processed.
 */
export class MatchingWorker {
  readonly consumer: string;
  readonly index: MatchIndex;
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshedAt: string | undefined;
  private readonly courseIndex;
  stats = { processed: 0, duplicates: 0, notified: 0, failed: 0 };

  private constructor(private readonly ctx: AppContext, private readonly options: MatchingWorkerOptions) {
    this.consumer = options.consumer ?? 'matcher';
    this.index = new MatchIndex(ctx.taxonomy);
    this.courseIndex = buildCourseIndex(ctx.courses);
  }

  /** Builds the worker and loads every open-to-work member into its index. */
  static async create(ctx: AppContext, options: MatchingWorkerOptions = {}): Promise<MatchingWorker> {
    const w = new MatchingWorker(ctx, options);
    w.refreshedAt = await w.dbNow();
    for await (const batch of ctx.repos.members.scan({ openToWork: true, batch: 5000 })) for (const m of batch) w.index.upsertMember(m);
    const every = options.indexRefreshMs ?? 2000;
    if (every > 0) {
      const tick = () => {
        w.refreshIndex().catch(() => {}).finally(() => {
          if (w.refreshTimer) { w.refreshTimer = setTimeout(tick, every); w.refreshTimer.unref?.(); }
        });
      };
      w.refreshTimer = setTimeout(tick, every);
      w.refreshTimer.unref?.();
    }
    return w;
  }

  private matchContext(): MatchContext {
    return { taxonomy: this.ctx.taxonomy, courses: this.courseIndex, now: this.ctx.clock() };
  }

  private async dbNow(): Promise<string> {
    const res = await this.ctx.handle.db.execute(sql`select now()::text as now`);
    return (res as unknown as { rows: { now: string }[] }).rows[0]!.now;
  }

  /** Picks up members changed by other processes since the last refresh (a few seconds of overlap). */
  async refreshIndex(): Promise<number> {
    const since = this.refreshedAt;
    const now = await this.dbNow();
    const m = tables.members;
    const rows = await this.ctx.handle.db.select({ data: m.data }).from(m)
      .where(since ? gt(m.updatedAt, sql`${since}::timestamptz - interval '5 seconds'`) : undefined);
    for (const r of rows) this.index.upsertMember(r.data);
    this.refreshedAt = now;
    return rows.length;
  }

  /** Subscribes to the bus: handle, then ack; a failure naks for redelivery. */
  async start(bus: EventBus, opts: { concurrency?: number } = {}): Promise<Subscription> {
    return bus.consume(async (d) => {
      try {
        await this.handle(d.event);
      } catch (err) {
        this.stats.failed++;
        this.options.onError?.(err, d.event);
        await d.nak(Math.min(5000, 100 * 2 ** Math.min(d.deliveryCount, 6)));
        return;
      }
      await d.ack();
    }, { durable: this.consumer, concurrency: opts.concurrency ?? 4 });
  }

  stop(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  async handle(event: DomainEvent): Promise<HandleResult> {
    let result: HandleResult;
    switch (event.topic) {
      case TOPICS.jobPosted: result = await this.onJobPosted(event); break;
      case TOPICS.memberUpdated: result = await this.onMemberUpdated(event); break;
      case TOPICS.applicationCreated: result = await this.onApplicationCreated(event); break;
      // Nothing new to notify; claimed anyway so every consumed event is accounted for.
      case TOPICS.jobClosed: case TOPICS.jobUpdated: result = await this.commitMany(event, []); break;
      default: result = { status: 'ignored', reason: `unknown topic ${event.topic}` };
    }
    if (result.status === 'processed') { this.stats.processed++; this.stats.notified += result.notified.length; }
    if (result.status === 'duplicate') this.stats.duplicates++;
    return result;
  }

  /** Ranked candidates for a job from the index (retrieval + fit tier), at or above the job's threshold. */
  rankForJob(job: Job): RankedMember[] {
    return this.index.rankMembersForJob(job, this.matchContext(), { topK: this.options.topK ?? 100, minLevel: job.notifyMinLevel }).items;
  }

  private async onJobPosted(event: DomainEvent): Promise<HandleResult> {
    const jobId = String(event.payload.jobId ?? event.key);
    const job = await this.ctx.repos.jobs.get(jobId);
    if (!job || job.status !== 'open') return this.commit(event, undefined, []);
    const ranked = this.rankForJob(job);
    const result = await this.commit(event, job, ranked.map((r) => ({ memberId: r.memberId, jobId: job.id, level: r.level, score: r.score })));
    if (result.status === 'processed' && this.options.feed) {
      const matched = await this.ctx.repos.notifications.countForJob(job.id);
      this.options.feed.publishRecruiter({ type: 'matched', jobId: job.id, matched, added: result.notified.length });
    }
    return result;
  }

  private async onMemberUpdated(event: DomainEvent): Promise<HandleResult> {
    const memberId = String(event.payload.memberId ?? event.key);
    const member = await this.ctx.repos.members.get(memberId);
    if (!member) { this.index.removeMember(memberId); return this.commitMany(event, []); }
    this.index.upsertMember(member);
    if (!member.openToWork || !member.alerts.enabled) return this.commitMany(event, []);
    const recent = await this.recentOpenJobs();
    const jobIndex = new MatchIndex(this.ctx.taxonomy, { jobs: recent });
    const byId = new Map(recent.map((j) => [j.id, j]));
    const ranked: RankedJob[] = jobIndex.rankJobsForMember(member, this.matchContext(), { topK: recent.length || 1, minLevel: 'partial' }).items;
    const pairs = ranked.map((r) => ({ job: byId.get(r.jobId)!, candidate: { memberId, jobId: r.jobId, level: r.level, score: r.score } }));
    return this.commitMany(event, pairs);
  }

  private async recentOpenJobs(): Promise<Job[]> {
    const j = tables.jobs;
    const days = this.options.recentJobDays ?? 14;
    const rows = await this.ctx.handle.db.select({ data: j.data }).from(j)
      .where(and(eq(j.status, 'open'), gt(j.postedAt, sql`${this.ctx.clock().toISOString()}::timestamptz - make_interval(days => ${days})`)))
      .orderBy(desc(j.postedAt)).limit(this.options.recentJobLimit ?? 1000);
    return rows.map((r) => r.data);
  }

  private async onApplicationCreated(event: DomainEvent): Promise<HandleResult> {
    const jobId = String(event.payload.jobId ?? event.key);
    const applicationId = String(event.payload.applicationId ?? '');
    const job = await this.ctx.repos.jobs.get(jobId);
    if (!job || !this.options.feed) return { status: 'ignored', reason: 'no job or no live feed' };
    const apps = await this.ctx.repos.applications.forJob(jobId);
    const members = new Map((await this.ctx.repos.members.getMany(apps.map((a) => a.memberId))).map((m) => [m.id, m]));
    const ranked = rankApplicants(job, apps.filter((a) => members.has(a.memberId)).map((a) => ({ application: a, member: members.get(a.memberId)! })), this.matchContext());
    const mine = ranked.find((r) => r.applicationId === applicationId);
    if (mine) {
      this.options.feed.publishRecruiter({
        type: 'applicant', jobId, applicationId, memberId: mine.memberId, level: mine.level, score: mine.score, rank: mine.rank, total: ranked.length,
      });
    }
    return { status: 'processed', notified: [] };
  }

  private commit(event: DomainEvent, job: Job | undefined, candidates: MatchCandidate[]): Promise<HandleResult> {
    return this.commitMany(event, job ? candidates.map((candidate) => ({ job, candidate })) : []);
  }

  /**
   * The one write: claim the event in `processed_events`, apply preferences and daily caps against
   * fresh member rows, insert notifications (idempotent per member × job) and their webhook deliveries.
   */
  private async commitMany(event: DomainEvent, pairs: { job: Job; candidate: MatchCandidate }[]): Promise<HandleResult> {
    const db = this.ctx.handle.db;
    const now = this.ctx.clock();
    const memberIds = [...new Set(pairs.map((p) => p.candidate.memberId))];
    const notified = await db.transaction(async (tx) => {
      const claimed = await tx.insert(tables.processedEvents).values({ consumer: this.consumer, eventId: event.eventId }).onConflictDoNothing().returning();
      if (claimed.length === 0) return undefined;
      if (pairs.length === 0) return [];
      // Workers on PostgreSQL run concurrently: serialise per member, so the daily count read below
      // includes what another worker just committed for the same member.
      if (this.ctx.handle.kind === 'postgres') await lockMembers(tx, memberIds);
      // Fresh preferences and today's counts, read in the transaction that writes.
      const recipients = await this.ctx.repos.notifications.recipients(memberIds, new Date(now.getTime() - DAY_MS), tx);
      const sentToday = new Map([...recipients].map(([id, r]) => [id, r.sentSince]));
      const chosen: Notification[] = [];
      for (const { job, candidate } of pairs) {
        const ok = selectRecipients(job, [candidate], recipients, sentToday);
        if (ok.length === 0) continue;
        sentToday.set(candidate.memberId, (sentToday.get(candidate.memberId) ?? 0) + 1);
        chosen.push(matchNotification(candidate, job, now));
      }
      const inserted = await this.ctx.repos.notifications.insertIfAbsent(chosen, tx);
      await enqueueWebhookDeliveries(tx, inserted);
      return inserted;
    });
    if (notified === undefined) return { status: 'duplicate' };
    for (const n of notified) this.options.feed?.publishNotification(n);
    return { status: 'processed', notified };
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Namespace ("FWRC") of the workers' per-member advisory locks: pg_advisory_xact_lock(namespace, hashtext(member id)). */
const MEMBER_LOCKS = 0x46575243;

/**
 * Transaction-scoped advisory locks on these members, taken in one global order (sorted hashes) so two
 * transactions can never wait on each other in a cycle; released at commit or rollback.
 */
async function lockMembers(tx: Tx, memberIds: readonly string[]): Promise<void> {
  if (memberIds.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${MEMBER_LOCKS}::int, k)
    from (select distinct hashtext(m) as k from unnest(${sql.param([...memberIds])}::text[]) as m order by k) as locks`);
}

type Tx = Parameters<Parameters<AppContext['handle']['db']['transaction']>[0]>[0];

/** Webhook deliveries for members' `notification.created` hooks, in the notifications' transaction. */
async function enqueueWebhookDeliveries(tx: Tx, inserted: StoredNotification[]): Promise<void> {
  if (inserted.length === 0) return;
  const w = tables.webhooks;
  const hooks = await tx.select().from(w).where(and(eq(w.ownerKind, 'member'), inArray(w.ownerId, [...new Set(inserted.map((n) => n.memberId))]), eq(w.active, true)));
  if (hooks.length === 0) return;
  const rows = [];
  for (const n of inserted) {
    for (const h of hooks) {
      if (h.ownerId !== n.memberId) continue;
      if (h.events.length > 0 && !h.events.includes('notification.created')) continue;
      rows.push({
        id: `whd-${createHash('sha256').update(`${h.id}\n${n.id}`).digest('hex').slice(0, 24)}`, webhookId: h.id, eventId: n.id,
        payload: { type: 'notification.created', notification: n } as Record<string, unknown>,
      });
    }
  }
  if (rows.length > 0) await tx.insert(tables.webhookDeliveries).values(rows).onConflictDoNothing();
}
