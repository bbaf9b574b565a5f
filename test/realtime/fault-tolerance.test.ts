import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { jetstream } from '@nats-io/jetstream';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createAppContext, type AppContext } from '../../src/app/index.ts';
import type { Job } from '../../src/domain/index.ts';
import { MatchIndex } from '../../src/matching/index.ts';
import { NatsBus, busNames } from '../../src/realtime/index.ts';
import { openDatabase } from '../../src/store/index.ts';
import { createScratchPostgres } from '../support/databases.ts';
import { DEMO_NOW, newPosting, privateNatsServer, seedAlertMembers, startRealtimeProcess, until, type Child } from './support.ts';

const POSTS = Number(process.env.FAULT_POSTS ?? 1000);
const MEMBERS = 3000;
const TOPK = 5;

describe(`fault tolerance over ${POSTS} posts (PostgreSQL + a private NATS JetStream, 2 workers)`, () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
  let ctx: AppContext;
  let nats: Awaited<ReturnType<typeof privateNatsServer>>;
  const prefix = `fwf_${randomBytes(4).toString('hex')}`;
  const workers: Child[] = [];
  const jobs: Job[] = [];
  const expected = new Set<string>();
  let env: Record<string, string>;

  const count = async (q: ReturnType<typeof sql>) => {
    const res = await ctx.handle.db.execute(q);
    return Number((res as unknown as { rows: { n: number }[] }).rows[0]!.n);
  };
  const processedPosts = () => count(sql`select count(*) as n from processed_events p join outbox o on o.event_id = p.event_id where o.topic = 'job.posted'`);

  before(async () => {
    scratch = await createScratchPostgres();
    ctx = await createAppContext({ handle: await openDatabase({ url: scratch.url, poolSize: 4 }), clock: () => DEMO_NOW });
    const demo = await seedAlertMembers(ctx.repos, ctx.taxonomy, MEMBERS, 20, 11);
    const members = [];
    for await (const b of ctx.repos.members.scan({ openToWork: true })) members.push(...b);
    // The expected set, computed without any bus, database or fault: who fits each posting.
    const index = new MatchIndex(ctx.taxonomy, { members });
    const perMember = new Map<string, number>();
    for (let i = 0; i < POSTS; i++) {
      const job = newPosting(demo, i, 'jf');
      jobs.push(job);
      for (const r of index.rankMembersForJob(job, { taxonomy: ctx.taxonomy, now: DEMO_NOW }, { topK: TOPK, minLevel: 'partial' }).items) {
        expected.add(`${r.memberId}|${job.id}`);
        perMember.set(r.memberId, (perMember.get(r.memberId) ?? 0) + 1);
      }
    }
    // Precondition: no member reaches the daily cap (100), so the expected set does not depend on order.
    assert.ok(Math.max(...perMember.values()) < 100, `test data must stay under the daily cap (max ${Math.max(...perMember.values())})`);
    nats = await privateNatsServer();
    // Workers name their connections, so the restart simulation can drop exactly theirs.
    const workerUrl = new URL(scratch.url);
    workerUrl.searchParams.set('application_name', 'fitwise-worker');
    env = { DATABASE_URL: workerUrl.toString(), NATS_URL: nats.url, FITWISE_NATS_PREFIX: prefix, TOPK: String(TOPK), ACK_WAIT_MS: '2000', POLL_MS: '100' };
  });

  after(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await nats?.dispose();
    await ctx?.close();
    await scratch?.drop();
  });

  test('SIGKILLed worker, duplicate events, NATS restart and dropped PostgreSQL connections lose and duplicate nothing', async () => {
    // Posting retries like any API client would when PostgreSQL drops its connection.
    const t0 = performance.now();
    const phase = async (name: string) => process.stderr.write(`# ${((performance.now() - t0) / 1000).toFixed(1)}s ${name}: processed ${await processedPosts()}\n`);
    const post = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        for (let attempt = 1; ; attempt++) {
          try { await ctx.repos.jobs.upsert(jobs[i]!); break; } catch (err) { if (attempt >= 10) throw err; await new Promise((r) => setTimeout(r, 100)); }
        }
      }
    };
    workers.push(startRealtimeProcess('worker', env), startRealtimeProcess('worker', env));
    await Promise.all(workers.map((w) => w.ready));

    // 1. A worker is SIGKILLed in the middle of the first batch; a replacement joins.
    const third = Math.floor(POSTS * 0.4);
    const posting = post(0, third);
    await until(async () => (await processedPosts()) >= Math.floor(third / 4), 'some posts processed', 60_000, 20);
    await workers[0]!.kill('SIGKILL');
    const atKill = await processedPosts();
    workers.push(startRealtimeProcess('worker', env));
    await posting;
    assert.ok(atKill < third, 'the worker died with work outstanding');

    await phase('killed and replaced a worker');
    // 2. Duplicates: events re-published under new message ids (past JetStream's de-duplication), and
    //    outbox rows marked unpublished again so a dispatcher sends them a second time.
    const injector = await NatsBus.connect({ url: nats.url, prefix });
    const js = jetstream(injector.nc);
    const names = busNames(prefix);
    const sent = await ctx.repos.outbox.since(0, 200);
    for (const e of sent) await js.publish(names.eventSubject(e.topic), JSON.stringify(e), { msgID: `dup-${e.eventId}` });
    await ctx.handle.db.execute(sql`update outbox set published_at = null where seq in (select seq from outbox order by seq limit 100)`);
    await injector.close();
    await post(third, Math.floor(POSTS * 0.7));

    await phase('duplicates injected');
    // 3. NATS restarts (same store) while posts keep arriving.
    await nats.stop();
    await post(Math.floor(POSTS * 0.7), Math.floor(POSTS * 0.85));
    await nats.start();
    await phase('nats restarted');

    // 4. PostgreSQL drops every connection of the workers (as in a restart), twice, while the rest is posted.
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    const dbName = new URL(scratch.url).pathname.slice(1);
    const terminate = async () => {
      const r = await admin.query(`select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = $1 and application_name = 'fitwise-worker'`, [dbName]);
      terminated += Number(r.rows[0].n);
    };
    let terminated = 0;
    await terminate();
    await post(Math.floor(POSTS * 0.85), POSTS);
    await new Promise((r) => setTimeout(r, 300));
    await terminate();
    await admin.end();
    assert.ok(terminated > 0, 'worker connections were terminated');
    await phase('postgres connections terminated');

    await until(async () => {
      try {
        return (await processedPosts()) === POSTS && (await count(sql`select count(*) as n from outbox where published_at is null`)) === 0;
      } catch { return false; }
    }, `all ${POSTS} posts processed`, 120_000, 200).catch(async (err) => {
      const state = { processed: await processedPosts(), unpublished: await count(sql`select count(*) as n from outbox where published_at is null`) };
      throw new Error(`${(err as Error).message}: ${JSON.stringify(state)}\n${workers.map((w) => w.stderr().slice(-1500)).join('\n---\n')}`);
    });
    await phase('all processed');
    // Let redeliveries of anything in flight during the faults run out (ack wait is 2 s).
    await new Promise((r) => setTimeout(r, 3000));

    const res = await ctx.handle.db.execute(sql`select member_id, job_id from notifications`);
    const rows = (res as unknown as { rows: { member_id: string; job_id: string }[] }).rows;
    const got = new Set(rows.map((r) => `${r.member_id}|${r.job_id}`));
    const lost = [...expected].filter((k) => !got.has(k));
    const unexpected = [...got].filter((k) => !expected.has(k));
    const duplicates = rows.length - got.size;
    process.stderr.write(`# ${POSTS} posts, ${expected.size} expected notifications, ${rows.length} written; processed at kill: ${atKill}\n`);
    assert.equal(lost.length, 0, `lost: ${lost.slice(0, 5).join(', ')}`);
    assert.equal(duplicates, 0);
    assert.equal(unexpected.length, 0, `unexpected: ${unexpected.slice(0, 5).join(', ')}`);
    assert.ok(expected.size > POSTS, 'the posts must produce many notifications to check');
  });
});
