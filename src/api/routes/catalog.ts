import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError, PageQuery, parseOrThrow, type Member } from '../../domain/index.ts';
import { importJobPosting, importResume, matchServiceOf, parsed, type AppContext } from '../../app/index.ts';
import { jobFromJobPosting, memberFromJsonResume } from '../../domain/index.ts';
import { ForbiddenError, requireIdentity, requireRole } from '../auth.ts';
import { doc } from '../openapi.ts';
import { JsonResume, JobPostingLd } from '../../domain/index.ts';

/** What other users may see of a member: no contact data. */
export function publicProfile(m: Member): Omit<Member, 'contact'> {
  const { contact: _contact, ...rest } = m;
  return rest;
}

const IdParam = z.object({ id: z.string().min(1).max(300) });
const ConceptQuery = PageQuery.extend({ q: z.string().max(100).optional() });
const JobQuery = PageQuery.extend({ status: z.enum(['draft', 'open', 'closed']).optional(), companyId: z.string().max(300).optional() });
const MemberQuery = PageQuery.extend({ openToWork: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });

/** Paginated read endpoints and the import endpoints for JSON Resume and JobPosting. */
export async function catalogRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/v1/members', doc({ summary: 'List members (public profiles)', tags: ['members'], roles: ['recruiter', 'admin'], query: MemberQuery }), async (req) => {
    requireRole(req, 'recruiter', 'admin');
    const q = parseOrThrow(MemberQuery, req.query, 'query');
    const page = await ctx.repos.members.list(q);
    return { ...page, items: page.items.map(publicProfile) };
  });
  app.get('/v1/members/:id', doc({ summary: 'A member: full profile for themself or an admin, public profile for recruiters', tags: ['members'], roles: ['member', 'recruiter', 'admin'], params: IdParam }), async (req) => {
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    const identity = requireIdentity(req);
    if (identity.role === 'member' && identity.memberId !== id) throw new ForbiddenError('a member may only read their own profile');
    const member = await ctx.repos.members.require(id);
    if (identity.role !== 'recruiter') return member; // the member themself, or an admin
    // Recruiters see public profiles of members who are open to work or applied to their company.
    if (!member.openToWork) {
      const apps = await ctx.repos.applications.forMember(id);
      const jobs = await ctx.repos.jobs.getMany(apps.map((a) => a.jobId));
      if (!jobs.some((j) => j.companyId === identity.companyId)) throw new ForbiddenError('this member is not open to work and has not applied to your company');
    }
    return publicProfile(member);
  });
  app.get('/v1/jobs', doc({ summary: 'List jobs', tags: ['jobs'], query: JobQuery }), async (req) => ctx.repos.jobs.list(parseOrThrow(JobQuery, req.query, 'query')));
  app.get('/v1/jobs/:id', doc({ summary: 'A job', tags: ['jobs'], params: IdParam }), async (req) => ctx.repos.jobs.require(parseOrThrow(IdParam, req.params, 'path').id));
  app.get('/v1/companies', doc({ summary: 'List companies', tags: ['companies'], query: PageQuery }), async (req) => ctx.repos.companies.list(parseOrThrow(PageQuery, req.query, 'query')));
  app.get('/v1/companies/:id', doc({ summary: 'A company', tags: ['companies'], params: IdParam }), async (req) => ctx.repos.companies.require(parseOrThrow(IdParam, req.params, 'path').id));
  app.get('/v1/courses', doc({ summary: 'List courses', tags: ['courses'], query: PageQuery }), async (req) => ctx.repos.courses.list(parseOrThrow(PageQuery, req.query, 'query')));
  for (const [path, kind] of [['/v1/skills', 'skill'], ['/v1/occupations', 'occupation']] as const) {
    app.get(path, doc({ summary: `List ${kind} concepts`, tags: ['taxonomy'], query: ConceptQuery }), async (req) => {
      const q = parseOrThrow(ConceptQuery, req.query, 'query');
      const page = await ctx.repos.concepts.page({ kind, ...q });
      return { ...page, limit: q.limit, offset: q.offset };
    });
    app.get(`${path}/:id`, doc({ summary: `A ${kind} concept`, tags: ['taxonomy'], params: IdParam }), async (req) => {
      const { id } = parseOrThrow(IdParam, req.params, 'path');
      const c = await ctx.repos.concepts.get(id);
      if (!c || c.kind !== kind) throw new NotFoundError(kind, id);
      return c;
    });
  }
  app.post('/v1/import/resume', doc({ summary: 'Import a JSON Resume as a member (a member imports their own)', tags: ['imports'], roles: ['member', 'admin'], body: JsonResume }), async (req, reply) => {
    const identity = requireRole(req, 'member', 'admin');
    // A member imports their own resume; only admins create other members.
    const member = memberFromJsonResume(req.body, identity.role === 'member' ? { id: identity.memberId! } : {});
    const stored = await importResume(ctx, parsed(member));
    matchServiceOf(ctx).upsertMember(stored);
    return reply.status(201).send({ id: stored.id });
  });
  app.post('/v1/import/job', doc({ summary: 'Import a schema.org JobPosting (JSON-LD) as a job', tags: ['imports'], roles: ['recruiter', 'admin'], body: JobPostingLd }), async (req, reply) => {
    const identity = requireRole(req, 'recruiter', 'admin');
    const posting = jobFromJobPosting(req.body);
    if (identity.role === 'recruiter') {
      // A recruiter posts for their own company, whatever hiringOrganization says.
      const company = await ctx.repos.companies.require(identity.companyId!);
      posting.company = company;
      posting.job = { ...posting.job, companyId: company.id };
      const existing = await ctx.repos.jobs.get(posting.job.id);
      if (existing && existing.companyId !== company.id) throw new ForbiddenError('that job id belongs to another company');
    }
    const { job, company } = await importJobPosting(ctx, parsed(posting));
    matchServiceOf(ctx).upsertJob(job, company);
    return reply.status(201).send({ id: job.id, companyId: company.id });
  });
}
