import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mcpRoutes, tokenTableAuthenticator } from '../../src/api/routes/mcp.ts';
import { createAppContext, refreshAppContext, type AppContext } from '../../src/app/index.ts';
import type { Job, Member } from '../../src/domain/index.ts';
import { assessFit } from '../../src/matching/index.ts';
import { seedDatabase } from '../../src/seed/index.ts';
import { ALL_SKILLS, jsonSchemaOf, SkillError, SkillRegistry, type Caller } from '../../src/skills/index.ts';
import { openDatabase } from '../../src/store/index.ts';
import { SKILLS_TEST_SEED } from './seed-sizes.ts';

const RECRUITER_ONLY = ['search_members', 'list_applicants_ranked', 'posting_quality'];

describe('skills registry and MCP', () => {
  let ctx: AppContext;
  let member: Member;
  let job: Job;
  let otherJob: Job;
  let stdio: Promise<Client>;
  const registry = new SkillRegistry();
  const call = (caller: Caller, name: string, args: unknown) => registry.call(name, args, { app: ctx, caller, env: {} });

  before(async () => {
    // The stdio server is a separate process with its own database: start it first so both start-ups overlap.
    const fixture = fileURLToPath(new URL('./mcp-stdio-fixture.ts', import.meta.url));
    stdio = (async () => {
      const client = new Client({ name: 'fitwise-test', version: '1.0.0' });
      await client.connect(new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', fixture, 'm-0000001'], stderr: 'inherit' }));
      return client;
    })();
    ctx = await createAppContext({ handle: await openDatabase({ dataDir: 'memory://' }) });
    await seedDatabase(ctx.repos, ctx.taxonomy, SKILLS_TEST_SEED);
    await refreshAppContext(ctx);
    member = (await ctx.repos.members.get('m-0000001'))!;
    const jobs = (await ctx.repos.jobs.list({ limit: 20, offset: 0 })).items;
    job = jobs[0]!;
    otherJob = jobs.find((j) => j.companyId !== job.companyId)!;
  });
  after(async () => {
    await (await stdio).close();
    await ctx.close();
  });

  test('every skill documents when to use it and when not, its mapping, roles, scope and hints', () => {
    assert.equal(ALL_SKILLS.length, 11);
    for (const s of ALL_SKILLS) {
      assert.ok(s.summary && s.whenToUse && s.whenNotToUse && s.mapsTo && s.scope, s.name);
      assert.ok(s.roles.length > 0 && s.hints.resultTokens > 0, s.name);
    }
  });

  test('input schemas use primitive, described fields', () => {
    for (const s of ALL_SKILLS) {
      const js = jsonSchemaOf(s.input) as { properties?: Record<string, { type?: string; description?: string; items?: { type?: string } }> };
      for (const [field, p] of Object.entries(js.properties ?? {})) {
        assert.ok(p.description, `${s.name}.${field} has a description`);
        const type = p.type === 'array' ? p.items?.type : p.type;
        assert.ok(['string', 'number', 'integer', 'boolean'].includes(type ?? ''), `${s.name}.${field} is primitive (${type})`);
      }
    }
  });

  test('a member is offered no recruiter skill as an OpenAI tool', () => {
    const names = registry.openAITools('member').map((t) => t.function.name);
    for (const r of RECRUITER_ONLY) assert.ok(!names.includes(r), r);
    assert.ok(names.includes('assess_fit') && names.includes('get_my_profile'));
    assert.ok(registry.openAITools('recruiter').some((t) => t.function.name === 'list_applicants_ranked'));
  });

  test('arguments are accepted as YAML and as broken JSON', async () => {
    const me: Caller = { role: 'member', memberId: member.id };
    const yaml = await call(me, 'assess_fit', `jobId: ${job.id}`);
    const broken = await call(me, 'assess_fit', `Sure! {"jobId": "${job.id}",}`);
    const expected = assessFit(member, job, { taxonomy: ctx.taxonomy, courses: ctx.courses, now: ctx.clock() });
    assert.equal((yaml.result as { level: string }).level, expected.level);
    assert.deepEqual(yaml.result, broken.result);
  });

  test('a member cannot assess another member, nor call recruiter skills', async () => {
    const me: Caller = { role: 'member', memberId: member.id };
    await assert.rejects(call(me, 'assess_fit', { jobId: job.id, memberId: 'm-0000002' }), (e: SkillError) => e.code === 'skill_forbidden');
    for (const name of RECRUITER_ONLY) await assert.rejects(call(me, name, { jobId: job.id }), (e: SkillError) => e.code === 'skill_forbidden', name);
  });

  test('a recruiter sees only their own company\'s applicants, without contact data', async () => {
    const rec: Caller = { role: 'recruiter', companyId: job.companyId };
    const out = await call(rec, 'list_applicants_ranked', { jobId: job.id });
    const text = JSON.stringify(out.result);
    assert.ok(!/@/.test(text), 'no e-mail in the result');
    const apps = await ctx.repos.applications.forJob(job.id);
    assert.equal((out.result as { total: number }).total, apps.length);
    await assert.rejects(call(rec, 'list_applicants_ranked', { jobId: otherJob.id }), (e: SkillError) => e.code === 'skill_forbidden');
  });

  test('web search reports that it is disabled offline, and uses the configured endpoint otherwise', async () => {
    const me: Caller = { role: 'member', memberId: member.id };
    const off = await call(me, 'web_search', { query: 'Quartz Energy news' });
    assert.equal((off.result as { enabled: boolean }).enabled, false);
    const server = createServer((req, res) => {
      const q = new URL(req.url!, 'http://x').searchParams.get('q');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ results: [{ title: `About ${q}`, url: 'https://news.example/1', snippet: 'A snippet.' }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/search`;
      const on = await registry.call('web_search', { query: 'Quartz Energy news' }, { app: ctx, caller: me, env: { webSearchUrl: url } });
      assert.deepEqual((on.result as { results: { title: string }[] }).results.map((r) => r.title), ['About Quartz Energy news']);
    } finally {
      server.close();
    }
  });

  describe('MCP', () => {
    let app: FastifyInstance;
    let base: string;
    before(async () => {
      app = Fastify();
      await mcpRoutes(app, ctx, { authenticate: tokenTableAuthenticator(`member-token=member:${member.id},recruiter-token=recruiter:${job.companyId}`) });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/mcp`;
    });
    after(async () => { await app.close(); });

    const httpClient = async (token: string) => {
      const client = new Client({ name: 'fitwise-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(base), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      return client;
    };

    test('over HTTP a client lists the skills and calls assess_fit', async () => {
      const client = await httpClient('member-token');
      try {
        const names = (await client.listTools()).tools.map((t) => t.name);
        assert.ok(names.includes('assess_fit') && names.includes('get_my_profile'));
        for (const r of RECRUITER_ONLY) assert.ok(!names.includes(r), r);
        const res = await client.callTool({ name: 'assess_fit', arguments: { jobId: job.id } });
        const expected = assessFit(member, job, { taxonomy: ctx.taxonomy, courses: ctx.courses, now: ctx.clock() });
        assert.equal((res.structuredContent as { level: string }).level, expected.level);
      } finally {
        await client.close();
      }
    });

    test('over HTTP a member token cannot call recruiter skills; a recruiter token can', async () => {
      const member = await httpClient('member-token');
      const recruiter = await httpClient('recruiter-token');
      try {
        const res = await member.callTool({ name: 'list_applicants_ranked', arguments: { jobId: job.id } });
        assert.equal(res.isError, true);
        assert.match(JSON.stringify(res.content), /skill_forbidden/);
        const ok = await recruiter.callTool({ name: 'list_applicants_ranked', arguments: { jobId: job.id } });
        assert.ok(!ok.isError);
        assert.equal((ok.structuredContent as { jobId: string }).jobId, job.id);
      } finally {
        await member.close();
        await recruiter.close();
      }
    });

    test('without a valid bearer token the endpoint answers 401', async () => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
      const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
      assert.equal((await fetch(base, { method: 'POST', headers, body })).status, 401);
      assert.equal((await fetch(base, { method: 'POST', headers: { ...headers, authorization: 'Bearer wrong' }, body })).status, 401);
    });

    test('over stdio a client lists the skills and calls assess_fit', async () => {
      const client = await stdio;
      const names = (await client.listTools()).tools.map((t) => t.name);
      assert.ok(names.includes('assess_fit'));
      assert.ok(!names.includes('list_applicants_ranked'));
      // The child process may still be seeding its database: allow it time on a busy machine.
      const res = await client.callTool({ name: 'assess_fit', arguments: { jobId: job.id } }, undefined, { timeout: 180_000 });
      const expected = assessFit(member, job, { taxonomy: ctx.taxonomy, courses: ctx.courses, now: ctx.clock() });
      assert.equal((res.structuredContent as { level: string; memberId: string }).level, expected.level);
      const forbidden = await client.callTool({ name: 'list_applicants_ranked', arguments: { jobId: job.id } });
      assert.equal(forbidden.isError, true);
    });
  });
});
