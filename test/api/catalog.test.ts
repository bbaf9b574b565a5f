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
  before(async () => {
    ctx = await createAppContext({ handle: await openDatabase({ dataDir: 'memory://' }) });
    await seedDatabase(ctx.repos, ctx.taxonomy, { members: 60, jobs: 30, companies: 5, courses: 10, seed: 1 });
    app = await buildServer(ctx, { bodyLimit: 64 * 1024 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  after(async () => { await app.close(); await ctx.close(); });

  const get = async (path: string) => {
    const res = await fetch(base + path);
    return { status: res.status, body: await res.json() as any };
  };
  const post = async (path: string, body: unknown, raw = false) => {
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });
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

  test('member reads never include contact data', async () => {
    const one = await get('/v1/members/m-0000001');
    assert.equal(one.status, 200);
    assert.equal(one.body.contact, undefined);
    const list = await get('/v1/members?limit=5');
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

  test('/metrics serves Prometheus text', async () => {
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  });
});
