import {
  FIT_LEVEL_RANK, InvalidInputError, type Company, type FitLevel, type Job, type Member, type Page,
} from '../domain/index.ts';
import {
  MatchIndex, assessFit, buildCourseIndex, filterJobs, parseJobSearch, rankApplicants,
  type FitAssessment, type MatchContext, type ParsedJobSearch, type RankedApplicant, type RankedJob, type RankedMember,
} from '../matching/index.ts';
import type { AppContext } from './context.ts';

export interface SearchResult extends ParsedJobSearch {
  /** Open jobs satisfying the filters; fit-ranked when a member is given, newest first otherwise. */
  results: Page<{ job: Job; level?: FitLevel; score?: number }>;
}

/**
 * The matching use cases over the database: an in-memory candidate index of open-to-work members and open
 * jobs, built from the store on first use and kept current by `upsertMember` / `upsertJob`.
 */
export class MatchService {
  private index?: MatchIndex;
  private loading?: Promise<MatchIndex>;
  private readonly openJobs = new Map<string, Job>();
  private companyNames = new Map<string, string>();

  constructor(private readonly ctx: AppContext) {}

  matchContext(): MatchContext {
    return { taxonomy: this.ctx.taxonomy, courses: buildCourseIndexCached(this.ctx), now: this.ctx.clock() };
  }

  /** Builds the index once; concurrent callers share the same load. */
  async ready(): Promise<MatchIndex> {
    if (this.index) return this.index;
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<MatchIndex> {
    const index = new MatchIndex(this.ctx.taxonomy);
    for await (const batch of this.ctx.repos.members.scan({ openToWork: true })) for (const m of batch) index.upsertMember(m);
    for await (const batch of this.ctx.repos.jobs.scan({ status: 'open' })) {
      for (const j of batch) { index.upsertJob(j); this.openJobs.set(j.id, j); }
    }
    for (let offset = 0; ; offset += 200) {
      const page = await this.ctx.repos.companies.list({ limit: 200, offset });
      for (const c of page.items) this.companyNames.set(c.id, c.name);
      if (page.items.length < 200) break;
    }
    this.index = index;
    return index;
  }

  /** Keeps the index current after a write in this process (events do the same across processes). */
  upsertMember(member: Member): void {
    if (!this.index) return;
    if (member.openToWork) this.index.upsertMember(member);
    else this.index.removeMember(member.id);
  }

  upsertJob(job: Job, company?: Company): void {
    if (company) this.companyNames.set(company.id, company.name);
    if (!this.index) return;
    if (job.status === 'open') { this.index.upsertJob(job); this.openJobs.set(job.id, job); } else { this.index.removeJob(job.id); this.openJobs.delete(job.id); }
  }

  async assess(memberId: string, jobId: string): Promise<FitAssessment> {
    const [member, job] = await Promise.all([this.ctx.repos.members.require(memberId), this.ctx.repos.jobs.require(jobId)]);
    return assessFit(member, job, this.matchContext());
  }

  /** Open-to-work members who fit a job, best first. */
  async membersForJob(jobId: string, opts: { topK?: number; offset?: number; minLevel?: FitLevel } = {}): Promise<Page<RankedMember>> {
    const [job, index] = await Promise.all([this.ctx.repos.jobs.require(jobId), this.ready()]);
    return index.rankMembersForJob(job, this.matchContext(), opts);
  }

  /** Open jobs that fit a member, best first. */
  async jobsForMember(memberId: string, opts: { topK?: number; offset?: number; minLevel?: FitLevel } = {}): Promise<Page<RankedJob>> {
    const [member, index] = await Promise.all([this.ctx.repos.members.require(memberId), this.ready()]);
    return index.rankJobsForMember(member, this.matchContext(), opts);
  }

  /** A job's applicants by fit with evidence — never by arrival time. */
  async applicants(jobId: string, opts: { minLevel?: FitLevel } = {}): Promise<RankedApplicant[]> {
    const job = await this.ctx.repos.jobs.require(jobId);
    const apps = await this.ctx.repos.applications.forJob(jobId);
    const members = new Map((await this.ctx.repos.members.getMany(apps.map((a) => a.memberId))).map((m) => [m.id, m]));
    const pairs = apps.flatMap((application) => {
      const member = members.get(application.memberId);
      return member ? [{ application, member }] : [];
    });
    return rankApplicants(job, pairs, this.matchContext(), opts);
  }

  /** Search in your own words: the parsed filters come back so the user can correct them. */
  async search(text: string, opts: { memberId?: string; limit?: number; offset?: number } = {}): Promise<SearchResult> {
    if (!text.trim()) throw new InvalidInputError('search text is empty', [{ path: 'q', message: 'must not be empty' }]);
    await this.ready();
    const parsed = parseJobSearch(text, this.ctx.taxonomy);
    const matches = filterJobs([...this.openJobs.values()], parsed.filters, { companyName: (id) => this.companyNames.get(id) });
    const limit = opts.limit ?? 20;
    const offset = opts.offset ?? 0;
    let ranked: { job: Job; level?: FitLevel; score?: number }[];
    if (opts.memberId) {
      const member = await this.ctx.repos.members.require(opts.memberId);
      const mctx = this.matchContext();
      ranked = matches.map((job) => {
        const a = assessFit(member, job, mctx);
        return { job, level: a.level, score: a.score };
      }).sort((x, y) => FIT_LEVEL_RANK[y.level!] - FIT_LEVEL_RANK[x.level!] || y.score! - x.score! || (x.job.id < y.job.id ? -1 : 1));
    } else {
      ranked = matches.sort((x, y) => (y.postedAt ?? '').localeCompare(x.postedAt ?? '') || (x.id < y.id ? -1 : 1)).map((job) => ({ job }));
    }
    return { ...parsed, results: { items: ranked.slice(offset, offset + limit), total: ranked.length, limit, offset } };
  }
}

const courseIndexes = new WeakMap<object, { courses: unknown; index: ReturnType<typeof buildCourseIndex> }>();

/** The course index is rebuilt only when the catalogue array changes (after a seed or refresh). */
function buildCourseIndexCached(ctx: AppContext): ReturnType<typeof buildCourseIndex> {
  const cached = courseIndexes.get(ctx);
  if (cached && cached.courses === ctx.courses) return cached.index;
  const index = buildCourseIndex(ctx.courses);
  courseIndexes.set(ctx, { courses: ctx.courses, index });
  return index;
}

const services = new WeakMap<AppContext, MatchService>();

/** One match service per app context. */
export function matchServiceOf(ctx: AppContext): MatchService {
  let s = services.get(ctx);
  if (!s) { s = new MatchService(ctx); services.set(ctx, s); }
  return s;
}
