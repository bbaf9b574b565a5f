import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  Company, Course, Job, Member, NotFoundError, type Application, type Page,
} from '../../domain/index.ts';
import type { Db, DbOrTx } from '../database.ts';
import { applications, companies, courses, jobs, members } from '../schema.ts';
import { jobColumns, memberColumns } from './derive.ts';
import { appendEvent, TOPICS } from './outbox.ts';

const BATCH = 500;
export type Clock = () => Date;

async function pageOf<T>(db: DbOrTx, table: typeof members | typeof jobs | typeof companies | typeof courses,
  where: SQL | undefined, limit: number, offset: number, order: SQL, map: (row: { data: unknown }) => T): Promise<Page<T>> {
  const rows = await db.select().from(table as typeof members).where(where).orderBy(order).limit(limit).offset(offset);
  const [{ n }] = await db.select({ n: count() }).from(table as typeof members).where(where) as [{ n: number }];
  return { items: rows.map(map), total: Number(n), limit, offset };
}

export class CompanyRepository {
  constructor(private readonly db: Db) {}

  async upsertMany(list: readonly Company[], tx: DbOrTx = this.db): Promise<void> {
    for (let i = 0; i < list.length; i += BATCH) {
      await tx.insert(companies).values(list.slice(i, i + BATCH).map((c) => ({ id: c.id, name: c.name, data: c })))
        .onConflictDoUpdate({ target: companies.id, set: { name: sql`excluded.name`, data: sql`excluded.data`, updatedAt: sql`now()` } });
    }
  }

  async get(id: string): Promise<Company | undefined> {
    const [row] = await this.db.select().from(companies).where(eq(companies.id, id));
    return row?.data;
  }

  async require(id: string): Promise<Company> {
    const c = await this.get(id);
    if (!c) throw new NotFoundError('company', id);
    return c;
  }

  list(opts: { limit: number; offset: number }): Promise<Page<Company>> {
    return pageOf(this.db, companies, undefined, opts.limit, opts.offset, asc(companies.id), (r) => r.data as Company);
  }
}

export class MemberRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = () => new Date()) {}

  /** Creates or replaces a member; emits `member.updated` in the same transaction. */
  async upsert(member: Member, opts: { emitEvent?: boolean } = {}): Promise<Member> {
    const now = this.clock();
    const stamped = { ...member, createdAt: member.createdAt ?? now.toISOString(), updatedAt: now.toISOString() };
    await this.db.transaction(async (tx) => {
      await this.write(tx, [stamped], now);
      if (opts.emitEvent !== false) {
        await appendEvent(tx, { topic: TOPICS.memberUpdated, key: stamped.id, payload: { memberId: stamped.id, openToWork: stamped.openToWork } });
      }
    });
    return stamped;
  }

  /** Bulk load without events (seeding, imports of many records). */
  async upsertMany(list: readonly Member[], tx: DbOrTx = this.db): Promise<void> {
    await this.write(tx, list, this.clock());
  }

  private async write(tx: DbOrTx, list: readonly Member[], now: Date): Promise<void> {
    for (let i = 0; i < list.length; i += BATCH) {
      const rows = list.slice(i, i + BATCH).map((m) => ({ id: m.id, data: m, ...memberColumns(m, now) }));
      await tx.insert(members).values(rows).onConflictDoUpdate({
        target: members.id,
        set: {
          data: sql`excluded.data`, openToWork: sql`excluded.open_to_work`, country: sql`excluded.country`,
          city: sql`excluded.city`, seniority: sql`excluded.seniority`, yearsExperience: sql`excluded.years_experience`,
          skillIds: sql`excluded.skill_ids`, occupationIds: sql`excluded.occupation_ids`, remotePrefs: sql`excluded.remote_prefs`, alerts: sql`excluded.alerts`,
          updatedAt: sql`now()`,
        },
      });
    }
  }

  async get(id: string): Promise<Member | undefined> {
    const [row] = await this.db.select({ data: members.data }).from(members).where(eq(members.id, id));
    return row?.data;
  }

  async require(id: string): Promise<Member> {
    const m = await this.get(id);
    if (!m) throw new NotFoundError('member', id);
    return m;
  }

  async getMany(ids: readonly string[]): Promise<Member[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.select({ data: members.data }).from(members).where(inArray(members.id, [...ids]));
    return rows.map((r) => r.data);
  }

  list(opts: { limit: number; offset: number; openToWork?: boolean }): Promise<Page<Member>> {
    const where = opts.openToWork === undefined ? undefined : eq(members.openToWork, opts.openToWork);
    return pageOf(this.db, members, where, opts.limit, opts.offset, asc(members.id), (r) => r.data as Member);
  }

  /** Streams members in id order, in batches (building in-memory indexes at start-up). */
  async *scan(opts: { openToWork?: boolean; batch?: number } = {}): AsyncGenerator<Member[]> {
    const batch = opts.batch ?? 2000;
    let after = '';
    for (;;) {
      const conds = [sql`${members.id} > ${after}`];
      if (opts.openToWork !== undefined) conds.push(eq(members.openToWork, opts.openToWork));
      const rows = await this.db.select({ id: members.id, data: members.data }).from(members)
        .where(and(...conds)).orderBy(asc(members.id)).limit(batch);
      if (rows.length === 0) return;
      yield rows.map((r) => r.data);
      after = rows[rows.length - 1]!.id;
    }
  }

  async count(opts: { openToWork?: boolean } = {}): Promise<number> {
    const q = this.db.select({ n: count() }).from(members);
    const [{ n }] = (opts.openToWork === undefined ? await q : await q.where(eq(members.openToWork, opts.openToWork))) as [{ n: number }];
    return Number(n);
  }
}

export class JobRepository {
  constructor(private readonly db: Db, private readonly clock: Clock = () => new Date()) {}

  /**
   * Creates or updates a job and writes its event (`job.posted` when it becomes open, `job.updated`,
   * `job.closed`) in the same transaction.
   */
  async upsert(job: Job, opts: { emitEvent?: boolean } = {}): Promise<Job> {
    const now = this.clock().toISOString();
    return this.db.transaction(async (tx) => {
      const [prev] = await tx.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, job.id)).for('update');
      const stamped: Job = {
        ...job,
        createdAt: job.createdAt ?? now,
        updatedAt: now,
        postedAt: job.postedAt ?? (job.status === 'open' ? now : undefined),
      };
      await this.write(tx, [stamped]);
      if (opts.emitEvent !== false) {
        const topic = stamped.status === 'closed' ? TOPICS.jobClosed
          : stamped.status === 'open' && prev?.status !== 'open' ? TOPICS.jobPosted : TOPICS.jobUpdated;
        await appendEvent(tx, { topic, key: stamped.id, payload: { jobId: stamped.id, companyId: stamped.companyId, status: stamped.status } });
      }
      return stamped;
    });
  }

  async upsertMany(list: readonly Job[], tx: DbOrTx = this.db): Promise<void> {
    await this.write(tx, list);
  }

  private async write(tx: DbOrTx, list: readonly Job[]): Promise<void> {
    for (let i = 0; i < list.length; i += BATCH) {
      const rows = list.slice(i, i + BATCH).map((j) => ({ id: j.id, data: j, ...jobColumns(j) }));
      await tx.insert(jobs).values(rows).onConflictDoUpdate({
        target: jobs.id,
        set: {
          data: sql`excluded.data`, companyId: sql`excluded.company_id`, title: sql`excluded.title`, status: sql`excluded.status`,
          occupationId: sql`excluded.occupation_id`, country: sql`excluded.country`, city: sql`excluded.city`,
          remote: sql`excluded.remote`, seniority: sql`excluded.seniority`, skillIds: sql`excluded.skill_ids`,
          salaryMinYear: sql`excluded.salary_min_year`, salaryMaxYear: sql`excluded.salary_max_year`,
          postedAt: sql`excluded.posted_at`, updatedAt: sql`now()`,
        },
      });
    }
  }

  async get(id: string): Promise<Job | undefined> {
    const [row] = await this.db.select({ data: jobs.data }).from(jobs).where(eq(jobs.id, id));
    return row?.data;
  }

  async require(id: string): Promise<Job> {
    const j = await this.get(id);
    if (!j) throw new NotFoundError('job', id);
    return j;
  }

  async getMany(ids: readonly string[]): Promise<Job[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.select({ data: jobs.data }).from(jobs).where(inArray(jobs.id, [...ids]));
    return rows.map((r) => r.data);
  }

  list(opts: { limit: number; offset: number; status?: Job['status']; companyId?: string }): Promise<Page<Job>> {
    const conds = [];
    if (opts.status) conds.push(eq(jobs.status, opts.status));
    if (opts.companyId) conds.push(eq(jobs.companyId, opts.companyId));
    return pageOf(this.db, jobs, conds.length ? and(...conds) : undefined, opts.limit, opts.offset,
      desc(jobs.postedAt), (r) => r.data as Job);
  }

  async *scan(opts: { status?: Job['status']; batch?: number } = {}): AsyncGenerator<Job[]> {
    const batch = opts.batch ?? 2000;
    let after = '';
    for (;;) {
      const conds = [sql`${jobs.id} > ${after}`];
      if (opts.status) conds.push(eq(jobs.status, opts.status));
      const rows = await this.db.select({ id: jobs.id, data: jobs.data }).from(jobs).where(and(...conds)).orderBy(asc(jobs.id)).limit(batch);
      if (rows.length === 0) return;
      yield rows.map((r) => r.data);
      after = rows[rows.length - 1]!.id;
    }
  }

  async count(opts: { status?: Job['status'] } = {}): Promise<number> {
    const q = this.db.select({ n: count() }).from(jobs);
    const [{ n }] = (opts.status ? await q.where(eq(jobs.status, opts.status)) : await q) as [{ n: number }];
    return Number(n);
  }
}

export class CourseRepository {
  constructor(private readonly db: Db) {}

  async upsertMany(list: readonly Course[], tx: DbOrTx = this.db): Promise<void> {
    for (let i = 0; i < list.length; i += BATCH) {
      await tx.insert(courses).values(list.slice(i, i + BATCH).map((c) => ({ id: c.id, data: c, skillIds: c.skills })))
        .onConflictDoUpdate({ target: courses.id, set: { data: sql`excluded.data`, skillIds: sql`excluded.skill_ids`, updatedAt: sql`now()` } });
    }
  }

  async all(): Promise<Course[]> {
    const rows = await this.db.select({ data: courses.data }).from(courses).orderBy(asc(courses.id));
    return rows.map((r) => r.data);
  }

  list(opts: { limit: number; offset: number }): Promise<Page<Course>> {
    return pageOf(this.db, courses, undefined, opts.limit, opts.offset, asc(courses.id), (r) => r.data as Course);
  }

  /** Courses teaching any of the given skills. */
  async teaching(skillIds: readonly string[]): Promise<Course[]> {
    if (skillIds.length === 0) return [];
    const rows = await this.db.select({ data: courses.data }).from(courses)
      .where(sql`${courses.skillIds} && ${sql.param([...skillIds])}::text[]`);
    return rows.map((r) => r.data);
  }
}

export class ApplicationRepository {
  constructor(private readonly db: Db) {}

  /** Applying twice to the same job returns the first application (unique job × member). */
  async apply(app: Application): Promise<{ application: Application; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.insert(applications).values({
        id: app.id, jobId: app.jobId, memberId: app.memberId, status: app.status, note: app.note, appliedAt: app.appliedAt,
      }).onConflictDoNothing().returning();
      if (inserted.length > 0) {
        await appendEvent(tx, { topic: TOPICS.applicationCreated, key: app.jobId, payload: { jobId: app.jobId, memberId: app.memberId, applicationId: app.id } });
        return { application: app, created: true };
      }
      const [existing] = await tx.select().from(applications).where(and(eq(applications.jobId, app.jobId), eq(applications.memberId, app.memberId)));
      return { application: toApplication(existing!), created: false };
    });
  }

  async insertMany(list: readonly Application[], tx: DbOrTx = this.db): Promise<void> {
    for (let i = 0; i < list.length; i += BATCH) {
      await tx.insert(applications).values(list.slice(i, i + BATCH).map((a) => ({ ...a }))).onConflictDoNothing();
    }
  }

  async forJob(jobId: string): Promise<Application[]> {
    const rows = await this.db.select().from(applications).where(eq(applications.jobId, jobId)).orderBy(asc(applications.appliedAt));
    return rows.map(toApplication);
  }

  async forMember(memberId: string): Promise<Application[]> {
    const rows = await this.db.select().from(applications).where(eq(applications.memberId, memberId)).orderBy(desc(applications.appliedAt));
    return rows.map(toApplication);
  }

  async count(): Promise<number> {
    const [{ n }] = await this.db.select({ n: count() }).from(applications) as [{ n: number }];
    return Number(n);
  }
}

function toApplication(r: typeof applications.$inferSelect): Application {
  return { id: r.id, jobId: r.jobId, memberId: r.memberId, status: r.status as Application['status'], note: r.note, appliedAt: new Date(r.appliedAt).toISOString() };
}
