import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { tables } from '../../store/index.ts';
import { FitwiseError, parseOrThrow } from '../../domain/index.ts';
import { matchServiceOf, type AppContext } from '../../app/index.ts';
import { requireIdentity } from '../auth.ts';
import { doc } from '../openapi.ts';

const DemoLogin = z.object({
  as: z.enum(['member', 'recruiter', 'admin']),
  /** A member id (for `member`) or company id (for `recruiter`); a demo one is picked when absent. */
  id: z.string().min(1).max(300).optional(),
});

/**
 * The demo member: chosen once (the best fit for the newest open job, so the demo has matches to show)
 * and remembered in the database, so every demo sign-in is the same person.
 */
async function demoMember(ctx: AppContext): Promise<string | undefined> {
  const [saved] = await ctx.handle.db.select().from(tables.kv).where(eq(tables.kv.key, 'demo.member'));
  if (saved && typeof saved.value === 'string' && await ctx.repos.members.get(saved.value)) return saved.value;
  const newest = (await ctx.repos.jobs.list({ limit: 1, offset: 0, status: 'open' })).items[0];
  const best = newest ? (await matchServiceOf(ctx).membersForJob(newest.id, { topK: 1 })).items[0]?.memberId : undefined;
  const memberId = best ?? (await ctx.repos.members.list({ limit: 1, offset: 0, openToWork: true })).items[0]?.id;
  if (memberId) {
    await ctx.handle.db.insert(tables.kv).values({ key: 'demo.member', value: memberId })
      .onConflictDoUpdate({ target: tables.kv.key, set: { value: memberId } });
  }
  return memberId;
}

/**
 * Demo sign-in for the seeded demo: pick a role and get a token. Real deployments issue tokens with
 * `fitwise tokens create` and turn this off (FITWISE_DEMO_LOGIN=0).
 */
export async function authRoutes(app: FastifyInstance, ctx: AppContext, opts: { demoLogin: boolean }): Promise<void> {
  app.get('/v1/me', async (req) => requireIdentity(req));
  app.get('/v1/auth/config', async () => ({ demoLogin: opts.demoLogin }));
  app.post('/v1/auth/demo', doc({ summary: 'Sign in as a seeded demo user (demo servers only)', tags: ['auth'], body: DemoLogin }), async (req, reply) => {
    if (!opts.demoLogin) throw new FitwiseError('demo_login_disabled', 'demo sign-in is turned off on this server', { status: 403 });
    const body = parseOrThrow(DemoLogin, req.body ?? {}, 'demo login');
    let identity;
    if (body.as === 'member') {
      const memberId = body.id ?? await demoMember(ctx);
      if (!memberId) throw new FitwiseError('no_demo_data', 'there are no members yet: run `fitwise seed`', { status: 409 });
      const member = await ctx.repos.members.require(memberId);
      identity = { role: 'member' as const, memberId, name: member.contact.name || memberId };
    } else if (body.as === 'recruiter') {
      const companyId = body.id ?? (await ctx.repos.jobs.list({ limit: 1, offset: 0, status: 'open' })).items[0]?.companyId;
      if (!companyId) throw new FitwiseError('no_demo_data', 'there are no jobs yet: run `fitwise seed`', { status: 409 });
      const company = await ctx.repos.companies.require(companyId);
      identity = { role: 'recruiter' as const, companyId, name: `Recruiter at ${company.name}` };
    } else {
      identity = { role: 'admin' as const, name: 'Operator' };
    }
    const token = await ctx.repos.tokens.create(identity);
    return reply.status(201).send({ token, identity });
  });
}
