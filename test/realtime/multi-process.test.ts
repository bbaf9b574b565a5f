import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createAppContext, type AppContext } from '../../src/app/index.ts';
import type { Job } from '../../src/domain/index.ts';
import { MatchIndex } from '../../src/matching/index.ts';
import { NatsBus } from '../../src/realtime/index.ts';
import { openDatabase } from '../../src/store/index.ts';
import { createScratchPostgres } from '../support/databases.ts';
import { DEMO_NOW, NATS_TEST_URL, newPosting, seedAlertMembers, sseClient, startRealtimeProcess, type Child } from './support.ts';

describe('multi-process: 2 API processes + 2 workers on PostgreSQL and NATS JetStream', () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
  let ctx: AppContext;
  const prefix = `fwt_${randomBytes(4).toString('hex')}`;
  const children: Child[] = [];
  let api: { port: number }[] = [];
  let job: Job;
  let member: string;

  before(async () => {
    scratch = await createScratchPostgres();
    ctx = await createAppContext({ handle: await openDatabase({ url: scratch.url }), clock: () => DEMO_NOW });
    const demo = await seedAlertMembers(ctx.repos, ctx.taxonomy, 300);
    const members = [];
    for await (const b of ctx.repos.members.scan({ openToWork: true })) members.push(...b);
    const index = new MatchIndex(ctx.taxonomy, { members });
    for (let i = 0; ; i++) {
      job = newPosting(demo, i, 'jm');
      const top = index.rankMembersForJob(job, { taxonomy: ctx.taxonomy, now: DEMO_NOW }, { topK: 100, minLevel: 'partial' }).items;
      if (top.length > 0) { member = top[0]!.memberId; break; }
    }
    const env = { DATABASE_URL: scratch.url, NATS_URL: NATS_TEST_URL, FITWISE_NATS_PREFIX: prefix };
    for (const role of ['worker', 'worker', 'api', 'api'] as const) children.push(startRealtimeProcess(role, env));
    const ready = await Promise.all(children.map((c) => c.ready));
    api = ready.slice(2);
  });

  after(async () => {
    await Promise.all(children.map((c) => c.kill('SIGTERM')));
    const bus = await NatsBus.connect({ url: NATS_TEST_URL, prefix }).catch(() => undefined);
    await bus?.deleteStream();
    await bus?.close();
    await ctx?.close();
    await scratch?.drop();
  });

  test('a job posted through one API process reaches the member\'s SSE stream served by the other', async () => {
    const stream = sseClient(`http://127.0.0.1:${api[1]!.port}/v1/notifications/stream`, { 'x-member-id': member });
    await stream.opened;
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${api[0]!.port}/test/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(job) });
    assert.equal(res.status, 201);
    const got = await stream.next((m) => m.event === 'notification' && m.data.jobId === job.id, 15_000);
    const ms = performance.now() - t0;
    stream.close();
    assert.equal(got.data.memberId, member);
    assert.equal(Number(got.id), got.data.seq);
    // Exactly one notification for this member and job, even with two workers and two dispatchers.
    const rows = (await ctx.repos.notifications.forMember(member)).filter((n) => n.jobId === job.id);
    assert.equal(rows.length, 1);
    process.stderr.write(`# post → SSE on the other API process: ${ms.toFixed(0)} ms\n`);
  });
});
