import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError, PageQuery, parseOrThrow, type Member } from '../../domain/index.ts';
import { importJobPosting, importResume, type AppContext } from '../../app/index.ts';

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
  app.get('/v1/members', async (req) => {
    const q = parseOrThrow(MemberQuery, req.query, 'query');
    const page = await ctx.repos.members.list(q);
    return { ...page, items: page.items.map(publicProfile) };
  });
  app.get('/v1/members/:id', async (req) => {
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    return publicProfile(await ctx.repos.members.require(id));
  });
  app.get('/v1/jobs', async (req) => ctx.repos.jobs.list(parseOrThrow(JobQuery, req.query, 'query')));
  app.get('/v1/jobs/:id', async (req) => ctx.repos.jobs.require(parseOrThrow(IdParam, req.params, 'path').id));
  app.get('/v1/companies', async (req) => ctx.repos.companies.list(parseOrThrow(PageQuery, req.query, 'query')));
  app.get('/v1/companies/:id', async (req) => ctx.repos.companies.require(parseOrThrow(IdParam, req.params, 'path').id));
  app.get('/v1/courses', async (req) => ctx.repos.courses.list(parseOrThrow(PageQuery, req.query, 'query')));
  for (const [path, kind] of [['/v1/skills', 'skill'], ['/v1/occupations', 'occupation']] as const) {
    app.get(path, async (req) => {
      const q = parseOrThrow(ConceptQuery, req.query, 'query');
      const page = await ctx.repos.concepts.page({ kind, ...q });
      return { ...page, limit: q.limit, offset: q.offset };
    });
    app.get(`${path}/:id`, async (req) => {
      const { id } = parseOrThrow(IdParam, req.params, 'path');
      const c = await ctx.repos.concepts.get(id);
      if (!c || c.kind !== kind) throw new NotFoundError(kind, id);
      return c;
    });
  }
  app.post('/v1/import/resume', async (req, reply) => {
    const member = await importResume(ctx, req.body);
    return reply.status(201).send({ id: member.id });
  });
  app.post('/v1/import/job', async (req, reply) => {
    const { job, company } = await importJobPosting(ctx, req.body);
    return reply.status(201).send({ id: job.id, companyId: company.id });
  });
}
