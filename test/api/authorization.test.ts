import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildServer } from '../../src/api/index.ts';
import { createAppContext, refreshAppContext, type AppContext } from '../../src/app/index.ts';
import { startRealtime, type Realtime } from '../../src/realtime/index.ts';
import { seedDatabase } from '../../src/seed/index.ts';
import { openDatabase } from '../../src/store/index.ts';

/**
 * Every route that acts on someone's data, tried as every other role and tenant: 403 every time
 * (401 without a token), malformed bodies 400 naming the field, oversized 413 — and no refused request
 * changes a single row.
 */
type Who = 'memberA' | 'memberB' | 'recruiterX' | 'recruiterY' | 'admin';
const EVERYONE: Who[] = ['memberA', 'memberB', 'recruiterX', 'recruiterY', 'admin'];

describe('authorization across roles and tenants', () => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let rt: Realtime;
  let base: string;
  const token: Record<Who, string> = {} as Record<Who, string>;
  const ids = { memberA: '', memberB: '', companyX: '', companyY: '', jobX: '', jobY: '', conversationA: '', notificationA: '', webhookA: '', webhookX: '' };

  const call = async (method: string, path: string, who: Who | null, body?: unknown, raw?: string) => {
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${token[who]}`;
    if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, { method, headers, ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    let json: any;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, body: json };
  };

  /** Row counts of every table a request could change. */
  const snapshot = async () => {
    const tables = ['members', 'jobs', 'companies', 'applications', 'notifications', 'conversations', 'webhooks', 'outbox', 'annotations', 'api_tokens'];
    const out: Record<string, unknown> = {};
    for (const t of tables) {
      const r = await ctx.handle.db.execute(sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${t} t`));
      out[t] = (r as unknown as { rows: unknown[] }).rows[0];
    }
    return out;
  };

  before(async () => {
    ctx = await createAppContext({ handle: await openDatabase({ dataDir: 'memory://' }) });
    await seedDatabase(ctx.repos, ctx.taxonomy, { members: 80, jobs: 30, companies: 4, courses: 20, seed: 5 });
    await refreshAppContext(ctx);
    rt = await startRealtime(ctx, { natsUrl: '', onError: () => {} });
    app = await buildServer(ctx, { realtime: rt, bodyLimit: 256 * 1024 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

    const open = (await ctx.repos.members.list({ limit: 2, offset: 0, openToWork: true })).items;
    ids.memberA = open[0]!.id;
    ids.memberB = open[1]!.id;
    const jobs = (await ctx.repos.jobs.list({ limit: 30, offset: 0, status: 'open' })).items;
    const jobX = jobs[0]!;
    const jobY = jobs.find((j) => j.companyId !== jobX.companyId)!;
    Object.assign(ids, { jobX: jobX.id, jobY: jobY.id, companyX: jobX.companyId, companyY: jobY.companyId });
    token.memberA = await ctx.repos.tokens.create({ role: 'member', memberId: ids.memberA, name: 'A' });
    token.memberB = await ctx.repos.tokens.create({ role: 'member', memberId: ids.memberB, name: 'B' });
    token.recruiterX = await ctx.repos.tokens.create({ role: 'recruiter', companyId: ids.companyX, name: 'X' });
    token.recruiterY = await ctx.repos.tokens.create({ role: 'recruiter', companyId: ids.companyY, name: 'Y' });
    token.admin = await ctx.repos.tokens.create({ role: 'admin', name: 'ops' });

    // Data owned by A and X: an application, a conversation, a notification, webhooks.
    assert.equal((await call('POST', `/v1/jobs/${ids.jobX}/applications`, 'memberA', { note: 'hi' })).status, 201);
    const conv = await call('POST', '/v1/assistant/messages', 'memberA', { text: `am I a fit for ${ids.jobX}?` });
    assert.equal(conv.status, 200);
    ids.conversationA = conv.body.conversationId;
    await ctx.repos.notifications.insertIfAbsent([{ id: 'n-auth-A', memberId: ids.memberA, kind: 'job_match', jobId: ids.jobX, title: 'match', body: '', sourceEventId: 'auth-test', createdAt: new Date().toISOString() }]);
    ids.notificationA = 'n-auth-A';
    ids.webhookA = (await call('POST', '/v1/webhooks', 'memberA', { url: 'http://127.0.0.1:9/hook', events: [] })).body.id;
    ids.webhookX = (await call('POST', '/v1/webhooks', 'recruiterX', { url: 'http://127.0.0.1:9/hook', events: [] })).body.id;
    assert.ok(ids.webhookA && ids.webhookX);
  });
  after(async () => { await app?.close(); await rt?.close(); await ctx?.close(); });

  // [method, path, allowed identities, body] — everyone else must get 403.
  const table = (): [string, string, Who[], unknown?][] => [
    ['GET', `/v1/members/${ids.memberA}/fit/${ids.jobX}`, ['memberA', 'admin']],
    ['GET', `/v1/members/${ids.memberA}/matches`, ['memberA', 'admin']],
    ['GET', `/v1/members`, ['recruiterX', 'recruiterY', 'admin']],
    ['GET', `/v1/jobs/${ids.jobX}/matches`, ['recruiterX', 'admin']],
    ['GET', `/v1/jobs/${ids.jobX}/applicants`, ['recruiterX', 'admin']],
    ['GET', `/v1/companies/${ids.companyX}/jobs`, ['recruiterX', 'admin']],
    ['POST', `/v1/jobs/${ids.jobX}/status`, ['recruiterX', 'admin'], { status: 'open' }],
    ['POST', `/v1/jobs/${ids.jobX}/applications`, ['memberA', 'memberB'], { note: '' }],
    ['POST', '/v1/jobs', ['recruiterX', 'recruiterY', 'admin'], { id: ids.jobX, title: 'Hijack', companyId: ids.companyX }],
    ['POST', '/v1/import/job', ['recruiterX', 'recruiterY', 'admin'], { '@type': 'JobPosting', title: 'T', identifier: { value: ids.jobX.slice(2) }, hiringOrganization: { name: 'Z' } }],
    ['GET', `/v1/assistant/conversations/${ids.conversationA}`, ['memberA']],
    ['POST', `/v1/notifications/${ids.notificationA}/read`, ['memberA']],
    ['GET', `/v1/webhooks/${ids.webhookA}/deliveries`, ['memberA']],
    ['GET', `/v1/webhooks/${ids.webhookX}/deliveries`, ['recruiterX']],
    ['GET', `/v1/jobs/${ids.jobX}/matched-count`, ['recruiterX']],
    ['GET', '/v1/ops/costs?by=feature', ['admin']],
    ['GET', '/v1/ops/latency', ['admin']],
    ['GET', '/v1/ops/budgets', ['admin']],
    ['GET', '/v1/ops/evals', ['admin']],
    ['GET', '/v1/ops/engines', ['admin']],
    ['GET', '/v1/eval/annotation-cases', ['admin']],
    ['GET', '/v1/notifications', ['memberA', 'memberB']],
  ];

  test('every route refuses every other role and tenant with 403, and anyone without a token with 401', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const [method, path, allowed, body] of table()) {
      for (const who of EVERYONE.filter((w) => !allowed.includes(w))) {
        // Importing job "X" as recruiter Y would overwrite X's job: refused as another company's job.
        const r = await call(method, path, who, body);
        if (r.status !== 403) failures.push(`${who} ${method} ${path} → ${r.status} ${JSON.stringify(r.body)?.slice(0, 120)}`);
        else assert.equal(r.body.error.code, 'forbidden');
      }
      const anon = await call(method, path, null, body);
      if (anon.status !== 401) failures.push(`anonymous ${method} ${path} → ${anon.status}`);
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(await snapshot(), before, 'no refused request changed any data');
  });

  test('a member cannot read another member\'s profile; a recruiter sees only open or applied members', async () => {
    assert.equal((await call('GET', `/v1/members/${ids.memberB}`, 'memberA')).status, 403);
    const closed = await ctx.repos.members.upsert({ ...(await ctx.repos.members.require(ids.memberB)), id: 'm-private', openToWork: false });
    assert.equal((await call('GET', `/v1/members/${closed.id}`, 'recruiterY')).status, 403);
    const visible = await call('GET', `/v1/members/${ids.memberA}`, 'recruiterX');
    assert.equal(visible.status, 200);
    assert.equal(visible.body.contact, undefined);
  });

  test('a recruiter posting for another company\'s job id is refused; their own post lands in their company', async () => {
    const before = await snapshot();
    const hijack = await call('POST', '/v1/jobs', 'recruiterY', { id: ids.jobX, title: 'Hijack', companyId: ids.companyY });
    assert.equal(hijack.status, 403);
    assert.deepEqual(await snapshot(), before);
    const own = await call('POST', '/v1/jobs', 'recruiterY', { title: 'Warehouse Associate', companyId: ids.companyX });
    assert.equal(own.status, 201);
    assert.equal(own.body.companyId, ids.companyY);
  });

  test('malformed bodies get 400 naming the field; oversized bodies 413; nothing changes', async () => {
    const before = await snapshot();
    const cases: [string, string, Who, unknown, RegExp][] = [
      ['POST', '/v1/jobs', 'recruiterX', { title: 'T', remote: 'sometimes' }, /remote/],
      ['POST', '/v1/jobs', 'recruiterX', { title: 'T', salary: { min: 5, max: 1 } }, /salary\.max/],
      ['POST', `/v1/jobs/${ids.jobX}/status`, 'recruiterX', { status: 'paused' }, /status/],
      ['POST', '/v1/import/resume', 'memberA', { work: [{ startDate: 'June' }] }, /work\[0\]\.startDate/],
      ['POST', '/v1/import/job', 'recruiterX', { '@type': 'JobPosting', title: 'T' }, /hiringOrganization/],
      ['POST', '/v1/assistant/messages', 'memberA', { text: '' }, /text/],
      ['POST', '/v1/webhooks', 'memberA', { url: 'not a url' }, /url/],
      ['POST', '/v1/auth/demo', 'memberA', { as: 'root' }, /as/],
    ];
    for (const [method, path, who, body, field] of cases) {
      const r = await call(method, path, who, body);
      assert.equal(r.status, 400, `${method} ${path}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.error.message, field, `${method} ${path}`);
    }
    const bad = await call('POST', '/v1/jobs', 'recruiterX', undefined, '{"title": ');
    assert.equal(bad.status, 400);
    const big = await call('POST', '/v1/import/resume', 'memberA', { basics: { summary: 'x'.repeat(300 * 1024) } });
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'payload_too_large');
    assert.deepEqual(await snapshot(), before);
  });
});
