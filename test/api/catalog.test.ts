import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { createAppContext, type AppContext } from '../../src/app/index.ts';
import { seedDatabase } from '../../src/seed/index.ts';
import { openDatabase } from '../../src/store/index.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

describe('HTTP API: health, catalogue reads and imports', () => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let base: string;
  const tokens: Record<string, string> = {};
  before(async () => {
    ctx = await createAppContext({ handle: await openDatabase({ dataDir: 'memory://' }) });
    await seedDatabase(ctx.repos, ctx.taxonomy, { members: 60, jobs: 30, companies: 5, courses: 10, seed: 1 });
    app = await buildServer(ctx, { bodyLimit: 64 * 1024 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    tokens.admin = await ctx.repos.tokens.create({ role: 'admin', name: 'ops' });
    tokens.member = await ctx.repos.tokens.create({ role: 'member', memberId: 'm-0000001', name: 'member one' });
    tokens.recruiter = await ctx.repos.tokens.create({ role: 'recruiter', companyId: 'c-0001', name: 'recruiter' });
  });
  after(async () => { await app.close(); await ctx.close(); });

  const auth = (as: string | null): Record<string, string> => (as ? { authorization: `Bearer ${tokens[as]}` } : {});
  const get = async (path: string, as: string | null = 'admin') => {
    const res = await fetch(base + path, { headers: auth(as) });
    return { status: res.status, body: await res.json() as any };
  };
  const post = async (path: string, body: unknown, raw = false, as: string | null = 'admin') => {
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(as) }, body: raw ? (body as string) : JSON.stringify(body) });
    return { status: res.status, body: await res.json() as any };
  };

  test('GET /healthz answers {"status":"ok"}', async () => {
    assert.deepEqual(await get('/healthz'), { status: 200, body: { status: 'ok' } });
  });

  test('lists are paginated with totals', async () => {
    const page = await get('/v1/jobs?limit=7&offset=0');
    assert.equal(page.status, 200);
    assert.equal(page.body.items.length, 7);
    assert.equal(page.body.total, 30);
    const last = await get('/v1/members?limit=50&offset=50');
    assert.equal(last.body.items.length, 10);
    assert.equal((await get('/v1/companies')).body.total, 5);
    assert.ok((await get('/v1/skills?q=python')).body.total >= 1);
    assert.ok((await get('/v1/occupations?limit=3')).body.items.length === 3);
  });

  test('a member reads their own full profile; recruiters see public profiles without contact data', async () => {
    const own = await get('/v1/members/m-0000001', 'member');
    assert.equal(own.status, 200);
    assert.ok(own.body.contact.name);
    const other = await get('/v1/members/m-0000002', 'member');
    assert.equal(other.status, 403);
    assert.equal(other.body.error.code, 'forbidden');
    const open = (await ctx.repos.members.list({ limit: 1, offset: 0, openToWork: true })).items[0]!;
    const asRecruiter = await get(`/v1/members/${open.id}`, 'recruiter');
    assert.equal(asRecruiter.status, 200);
    assert.equal(asRecruiter.body.contact, undefined);
    const list = await get('/v1/members?limit=5', 'recruiter');
    assert.ok(list.body.items.every((m: Record<string, unknown>) => !('contact' in m)));
  });

  test('bad query parameters and unknown ids get 400 and 404 with the standard error body', async () => {
    const bad = await get('/v1/jobs?limit=0');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'invalid_input');
    assert.match(bad.body.error.message, /limit/);
    const missing = await get('/v1/jobs/j-nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
    assert.equal((await get('/v1/nowhere')).body.error.code, 'route_not_found');
  });

  test('importing a JSON Resume creates a member with normalized skills', async () => {
    const res = await post('/v1/import/resume', fixture('resume.json'));
    assert.equal(res.status, 201);
    const member = await ctx.repos.members.require(res.body.id);
    assert.ok(member.skills.some((s) => s.skillId === 'skill:python'));
    const again = await post('/v1/import/resume', fixture('resume.json'));
    assert.equal(again.body.id, res.body.id);
  });

  test('importing a JobPosting creates the job and its company', async () => {
    const res = await post('/v1/import/job', fixture('job-posting.json'));
    assert.equal(res.status, 201);
    assert.equal(res.body.id, 'j-DE-1234');
    const job = (await get(`/v1/jobs/${res.body.id}`)).body;
    assert.equal(job.seniority, 'senior');
    assert.ok(job.required.skills.some((s: { skillId?: string }) => s.skillId === 'skill:python'));
    assert.equal((await get(`/v1/companies/${res.body.companyId}`)).body.name, 'Globex Corporation');
  });

  test('malformed imports get 400 naming the field, and change nothing', async () => {
    const before = await ctx.repos.members.count();
    const resume = fixture('resume.json');
    resume.work[0].startDate = 'yesterday';
    const r1 = await post('/v1/import/resume', resume);
    assert.equal(r1.status, 400);
    assert.match(r1.body.error.message, /work\[0\]\.startDate/);
    const posting = fixture('job-posting.json');
    posting.title = '';
    const r2 = await post('/v1/import/job', posting);
    assert.equal(r2.status, 400);
    assert.match(r2.body.error.message, /title/);
    const r3 = await post('/v1/import/resume', '{"basics": ', true);
    assert.equal(r3.status, 400);
    assert.equal(r3.body.error.code, 'invalid_json');
    assert.equal(await ctx.repos.members.count(), before);
  });

  test('an oversized body gets 413', async () => {
    const big = { basics: { summary: 'x'.repeat(100 * 1024) } };
    const res = await post('/v1/import/resume', big);
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'payload_too_large');
  });

  test('no token is 401, a wrong role is 403, a bad token is 401', async () => {
    const none = await get('/v1/members?limit=1', null);
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'unauthorized');
    assert.equal((await get('/v1/members?limit=1', 'member')).status, 403);
    const res = await fetch(`${base}/v1/members?limit=1`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(res.status, 401);
    assert.equal((await post('/v1/import/job', fixture('job-posting.json'), false, 'member')).status, 403);
  });

  test('a member sees their fit for a job and their matches; a recruiter sees their own job\'s matches and applicants only', async () => {
    const job = (await ctx.repos.jobs.list({ limit: 50, offset: 0, status: 'open' })).items.find((j) => j.companyId === 'c-0001')!;
    const otherJob = (await ctx.repos.jobs.list({ limit: 50, offset: 0, status: 'open' })).items.find((j) => j.companyId !== 'c-0001')!;
    const fit = await get(`/v1/members/m-0000001/fit/${job.id}`, 'member');
    assert.equal(fit.status, 200);
    assert.ok(['strong', 'good', 'partial', 'stretch'].includes(fit.body.level));
    assert.ok(Array.isArray(fit.body.qualifications));
    assert.equal((await get(`/v1/members/m-0000002/fit/${job.id}`, 'member')).status, 403);
    const mine = await get('/v1/members/m-0000001/matches?limit=5', 'member');
    assert.equal(mine.status, 200);
    assert.ok(Array.isArray(mine.body.items) && typeof mine.body.total === 'number');
    assert.ok(mine.body.items.every((r: { job: { status: string } }) => r.job.status === 'open'));
    assert.equal((await get(`/v1/jobs/${job.id}/matches?limit=5`, 'recruiter')).status, 200);
    assert.equal((await get(`/v1/jobs/${otherJob.id}/applicants`, 'recruiter')).status, 403);
    const applied = await post(`/v1/jobs/${job.id}/applications`, { note: 'hello' }, false, 'member');
    assert.equal(applied.status, 201);
    const applicants = await get(`/v1/jobs/${job.id}/applicants`, 'recruiter');
    assert.ok(applicants.body.items.some((a: { memberId: string }) => a.memberId === 'm-0000001'));
  });

  test('search in your own words returns the understood filters with results', async () => {
    const r = await get('/v1/search?q=remote%20jobs', 'member');
    assert.equal(r.status, 200);
    assert.equal(r.body.filters.remote, 'remote');
    assert.ok(r.body.items.every((x: { job: { remote: string } }) => x.job.remote === 'remote'));
    assert.equal((await get('/v1/search?q=', 'member')).status, 400);
  });

  test('/metrics serves Prometheus text', async () => {
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  });
});
