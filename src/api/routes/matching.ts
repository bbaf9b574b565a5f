import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FitLevel, Job, PageQuery, parseOrThrow } from '../../domain/index.ts';
import { matchServiceOf, type AppContext } from '../../app/index.ts';
import { resolveJobSkills } from '../../taxonomy/index.ts';
import { ForbiddenError, requireIdentity, requireJobOwner, requireRole, requireSelf } from '../auth.ts';
import { doc } from '../openapi.ts';

const IdParam = z.object({ id: z.string().min(1).max(300) });
const FitParams = z.object({ id: z.string().min(1).max(300), jobId: z.string().min(1).max(300) });
const RankQuery = PageQuery.extend({ minLevel: FitLevel.optional() });
const SearchQuery = PageQuery.extend({ q: z.string().min(1, 'q must not be empty').max(500) });
const NewJob = Job.omit({ createdAt: true, updatedAt: true }).partial({ id: true, companyId: true });
const ApplyBody = z.object({ note: z.string().max(5000).default('') }).default({ note: '' });
const StatusBody = z.object({ status: z.enum(['open', 'closed']) });

/** Fit tier, two-way retrieval, applicant ranking, job search and posting — each scoped to the caller. */
export async function matchingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const match = () => matchServiceOf(ctx);

  app.get('/v1/members/:id/fit/:jobId', doc({ summary: 'Fit tier: level, score, each qualification with evidence, next steps', tags: ['matching'], roles: ['member', 'admin'], params: FitParams }), async (req) => {
    const { id, jobId } = parseOrThrow(FitParams, req.params, 'path');
    requireSelf(req, id);
    return match().assess(id, jobId);
  });

  app.get('/v1/members/:id/matches', doc({ summary: 'Open jobs that fit the member, best first', tags: ['matching'], roles: ['member', 'admin'], params: IdParam, query: RankQuery }), async (req) => {
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    requireSelf(req, id);
    const q = parseOrThrow(RankQuery, req.query, 'query');
    const page = await match().jobsForMember(id, { topK: q.limit, offset: q.offset, ...(q.minLevel ? { minLevel: q.minLevel } : {}) });
    const jobs = new Map((await ctx.repos.jobs.getMany(page.items.map((r) => r.jobId))).map((j) => [j.id, j]));
    return { ...page, items: page.items.map((r) => ({ ...r, job: jobs.get(r.jobId) })) };
  });

  app.get('/v1/jobs/:id/matches', doc({ summary: 'Open-to-work members who fit the job, best first', tags: ['matching'], roles: ['recruiter', 'admin'], params: IdParam, query: RankQuery }), async (req) => {
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    requireJobOwner(req, await ctx.repos.jobs.require(id));
    const q = parseOrThrow(RankQuery, req.query, 'query');
    const page = await match().membersForJob(id, { topK: q.limit, offset: q.offset, ...(q.minLevel ? { minLevel: q.minLevel } : {}) });
    const members = new Map((await ctx.repos.members.getMany(page.items.map((r) => r.memberId))).map((m) => [m.id, m]));
    return { ...page, items: page.items.map((r) => ({ memberId: r.memberId, headline: members.get(r.memberId)?.headline ?? '', level: r.level, score: r.score, summary: r.assessment.facts.summary, qualifications: r.assessment.qualifications })) };
  });

  app.get('/v1/jobs/:id/applicants', doc({ summary: 'Applicants ranked by fit with evidence, never by arrival time', tags: ['matching'], roles: ['recruiter', 'admin'], params: IdParam }), async (req) => {
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    requireJobOwner(req, await ctx.repos.jobs.require(id));
    const q = parseOrThrow(RankQuery.pick({ minLevel: true }), req.query, 'query');
    const ranked = await match().applicants(id, q.minLevel ? { minLevel: q.minLevel } : {});
    const members = new Map((await ctx.repos.members.getMany(ranked.map((r) => r.memberId))).map((m) => [m.id, m]));
    return {
      items: ranked.map((r) => ({ ...r, headline: members.get(r.memberId)?.headline ?? '' })),
      total: ranked.length,
    };
  });

  app.post('/v1/jobs/:id/applications', doc({ summary: 'Apply to a job (idempotent per member)', tags: ['jobs'], roles: ['member'], params: IdParam, body: ApplyBody }), async (req, reply) => {
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    const identity = requireRole(req, 'member');
    const body = parseOrThrow(ApplyBody, req.body ?? {}, 'application');
    const job = await ctx.repos.jobs.require(id);
    if (job.status !== 'open') throw new ForbiddenError('this job is closed to applications');
    const res = await ctx.repos.applications.apply({
      id: `a-${randomUUID()}`, jobId: id, memberId: identity.memberId!, status: 'applied', note: body.note, appliedAt: ctx.clock().toISOString(),
    });
    return reply.status(res.created ? 201 : 200).send(res.application);
  });

  app.get('/v1/search', doc({ summary: 'Search jobs in your own words; returns the understood filters', tags: ['matching'], query: SearchQuery }), async (req) => {
    const q = parseOrThrow(SearchQuery, req.query, 'query');
    const memberId = req.identity?.role === 'member' ? req.identity.memberId : undefined;
    const r = await match().search(q.q, { limit: q.limit, offset: q.offset, ...(memberId ? { memberId } : {}) });
    return { filters: r.filters, unparsed: r.unparsed, ...r.results };
  });

  app.post('/v1/jobs', doc({ summary: 'Post or update a job (emits job.posted)', tags: ['jobs'], roles: ['recruiter', 'admin'], body: NewJob }), async (req, reply) => {
    const identity = requireRole(req, 'recruiter', 'admin');
    const input = parseOrThrow(NewJob, req.body, 'job');
    const companyId = identity.role === 'recruiter' ? identity.companyId! : input.companyId;
    if (!companyId) throw new ForbiddenError('an admin must name the companyId');
    await ctx.repos.companies.require(companyId);
    const job = resolveJobSkills(parseOrThrow(Job, { ...input, id: input.id ?? `j-${randomUUID()}`, companyId }, 'job'), ctx.taxonomy);
    const existing = await ctx.repos.jobs.get(job.id);
    if (existing && identity.role === 'recruiter' && existing.companyId !== identity.companyId) throw new ForbiddenError('that job id belongs to another company');
    const stored = await ctx.repos.jobs.upsert(job);
    match().upsertJob(stored);
    return reply.status(existing ? 200 : 201).send(stored);
  });

  app.post('/v1/jobs/:id/status', doc({ summary: 'Open or close a job', tags: ['jobs'], roles: ['recruiter', 'admin'], params: IdParam, body: StatusBody }), async (req) => {
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    const job = await ctx.repos.jobs.require(id);
    requireJobOwner(req, job);
    const { status } = parseOrThrow(StatusBody, req.body, 'status');
    const stored = await ctx.repos.jobs.upsert({ ...job, status });
    match().upsertJob(stored);
    return stored;
  });

  app.get('/v1/companies/:id/jobs', doc({ summary: "A company's jobs, all statuses", tags: ['jobs'], roles: ['recruiter', 'admin'], params: IdParam, query: PageQuery }), async (req) => {
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    const identity = requireIdentity(req);
    if (identity.role === 'member') throw new ForbiddenError('members browse jobs with /v1/jobs');
    if (identity.role === 'recruiter' && identity.companyId !== id) throw new ForbiddenError("a recruiter may only list their own company's jobs here");
    return ctx.repos.jobs.list({ ...parseOrThrow(PageQuery, req.query, 'query'), companyId: id });
  });
}
