import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Conversation, Notification } from '../../domain/index.ts';
import type { Db, DbOrTx } from '../database.ts';
import { conversations, notifications } from '../schema.ts';

export type StoredNotification = Notification & { seq: number };

export class NotificationRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts notifications, skipping any whose (member, source event) already exists: redelivered events
   * never produce duplicates. Returns the ones actually inserted.
   */
  async insertIfAbsent(list: readonly Notification[], tx: DbOrTx = this.db): Promise<StoredNotification[]> {
    if (list.length === 0) return [];
    const rows = await tx.insert(notifications).values(list.map((n) => ({
      id: n.id, memberId: n.memberId, kind: n.kind, jobId: n.jobId ?? null, level: n.level ?? null, score: n.score ?? null,
      title: n.title, body: n.body, sourceEventId: n.sourceEventId, createdAt: n.createdAt,
    }))).onConflictDoNothing().returning();
    return rows.map(toNotification);
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
