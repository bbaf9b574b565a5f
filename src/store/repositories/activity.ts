import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { AlertPreferences, type AlertRecipient, type Conversation, type Notification } from '../../domain/index.ts';
import type { Db, DbOrTx } from '../database.ts';
import { conversations, members, notifications } from '../schema.ts';

export type StoredNotification = Notification & { seq: number };

export class NotificationRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts notifications, skipping any whose (member, source event) already exists: redelivered events
   * never produce duplicates. Returns the ones actually inserted.
   */
  async insertIfAbsent(list: readonly Notification[], tx: DbOrTx = this.db): Promise<StoredNotification[]> {
    if (list.length === 0) return [];
    // One array parameter per column (unnest) instead of one parameter per value: a matching worker
    // writes about a hundred of these per posted job, and the per-value work dominated the write.
    const col = (pick: (n: Notification) => string | number | null) => sql.param(list.map(pick));
    const res = await tx.execute(sql`
      insert into ${notifications} (id, member_id, kind, job_id, level, score, title, body, source_event_id, created_at)
      select * from unnest(${col((n) => n.id)}::text[], ${col((n) => n.memberId)}::text[], ${col((n) => n.kind)}::text[],
        ${col((n) => n.jobId ?? null)}::text[], ${col((n) => n.level ?? null)}::text[], ${col((n) => n.score ?? null)}::real[],
        ${col((n) => n.title)}::text[], ${col((n) => n.body)}::text[], ${col((n) => n.sourceEventId)}::text[], ${col((n) => n.createdAt)}::timestamptz[])
      on conflict do nothing
      returning seq, id, member_id as "memberId", kind, job_id as "jobId", level, score, title, body,
        source_event_id as "sourceEventId", created_at as "createdAt", read_at as "readAt"`);
    return (res as unknown as { rows: (typeof notifications.$inferSelect)[] }).rows.map((r) => toNotification({ ...r, seq: Number(r.seq) }));
  }

  /**
   * What routing a job-match notification needs per member, read together: open to work, alert
   * preferences, and how many job-match notifications the member got since `since` (the daily cap).
   */
  async recipients(memberIds: readonly string[], since: Date, tx: DbOrTx = this.db): Promise<Map<string, AlertRecipient & { sentSince: number }>> {
    if (memberIds.length === 0) return new Map();
    const res = await tx.execute(sql`
      select m.id, m.open_to_work as "openToWork", coalesce(m.alerts, m.data->'alerts') as alerts,
        (select count(*)::int from ${notifications} n
          where n.member_id = m.id and n.kind = 'job_match' and n.created_at > ${since.toISOString()}::timestamptz) as sent
      from ${members} m where m.id = any(${sql.param([...memberIds])}::text[])`);
    const rows = (res as unknown as { rows: { id: string; openToWork: boolean; alerts: unknown; sent: number }[] }).rows;
    return new Map(rows.map((r) => [r.id, { openToWork: r.openToWork, alerts: AlertPreferences.parse(r.alerts ?? {}), sentSince: Number(r.sent) }]));
  }

  /** A member's notifications after `afterSeq` (SSE resume), oldest first. */
  async forMember(memberId: string, opts: { afterSeq?: number; limit?: number; unreadOnly?: boolean } = {}): Promise<StoredNotification[]> {
    const conds = [eq(notifications.memberId, memberId), gt(notifications.seq, opts.afterSeq ?? 0)];
    if (opts.unreadOnly) conds.push(isNull(notifications.readAt));
    const rows = await this.db.select().from(notifications).where(and(...conds)).orderBy(asc(notifications.seq)).limit(opts.limit ?? 100);
    return rows.map(toNotification);
  }

  async latestForMember(memberId: string, limit = 50): Promise<StoredNotification[]> {
    const rows = await this.db.select().from(notifications).where(eq(notifications.memberId, memberId)).orderBy(desc(notifications.seq)).limit(limit);
    return rows.map(toNotification);
  }

  async markRead(memberId: string, id: string, at: Date): Promise<boolean> {
    const rows = await this.db.update(notifications).set({ readAt: at.toISOString() })
      .where(and(eq(notifications.memberId, memberId), eq(notifications.id, id))).returning({ id: notifications.id });
    return rows.length > 0;
  }

  /** Whose notification this is, if it exists. */
  async ownerOf(id: string): Promise<string | undefined> {
    const [row] = await this.db.select({ memberId: notifications.memberId }).from(notifications).where(eq(notifications.id, id));
    return row?.memberId;
  }

  async countForJob(jobId: string): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)` }).from(notifications).where(eq(notifications.jobId, jobId));
    return Number(row?.n ?? 0);
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)` }).from(notifications);
    return Number(row?.n ?? 0);
  }
}

function toNotification(r: typeof notifications.$inferSelect): StoredNotification {
  return {
    seq: r.seq, id: r.id, memberId: r.memberId, kind: r.kind as Notification['kind'],
    ...(r.jobId ? { jobId: r.jobId } : {}), ...(r.level ? { level: r.level as Notification['level'] } : {}),
    ...(r.score !== null ? { score: r.score } : {}),
    title: r.title, body: r.body, sourceEventId: r.sourceEventId,
    createdAt: new Date(r.createdAt).toISOString(), readAt: r.readAt ? new Date(r.readAt).toISOString() : null,
  };
}

export class ConversationRepository {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<Conversation | undefined> {
    const [row] = await this.db.select({ data: conversations.data }).from(conversations).where(eq(conversations.id, id));
    return row?.data;
  }

  async save(conversation: Conversation): Promise<void> {
    await this.db.insert(conversations).values({ id: conversation.id, memberId: conversation.memberId, data: conversation, updatedAt: conversation.updatedAt })
      .onConflictDoUpdate({ target: conversations.id, set: { data: sql`excluded.data`, updatedAt: sql`excluded.updated_at` } });
  }

  async forMember(memberId: string, limit = 20): Promise<Conversation[]> {
    const rows = await this.db.select({ data: conversations.data }).from(conversations)
      .where(eq(conversations.memberId, memberId)).orderBy(desc(conversations.updatedAt)).limit(limit);
    return rows.map((r) => r.data);
  }
}
