import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createAppContext, type AppContext } from '../../src/app/index.ts';
import type { Job } from '../../src/domain/index.ts';
import { MatchingWorker } from '../../src/realtime/index.ts';
import { tables, type DatabaseHandle, type DomainEvent } from '../../src/store/index.ts';
import { testBackends } from '../support/databases.ts';
import { DEMO_NOW, memberFittingPostings, seedAlertMembers } from './support.ts';

for (const backend of testBackends()) {
  describe(`daily cap under concurrent workers (${backend.name})`, () => {
    let handle: DatabaseHandle & { dispose(): Promise<void> };
    let ctx: AppContext;
    let member: string;
    let jobs: Job[];
    const workers: MatchingWorker[] = [];

    before(async () => {
      handle = await backend.open();
      ctx = await createAppContext({ handle, clock: () => DEMO_NOW });
      const demo = await seedAlertMembers(ctx.repos, ctx.taxonomy, 300);
      // Six postings that all fit one member.
      const found = await memberFittingPostings(ctx, demo, 6, 'jcap');
      ({ member, jobs } = found);
      const members = found.members;
      const m = members.find((x) => x.id === member)!;
      await ctx.repos.members.upsert({ ...m, alerts: { ...m.alerts, enabled: true, minLevel: 'partial', maxPerDay: 2 } });
      for (let i = 0; i < 3; i++) workers.push(await MatchingWorker.create(ctx, { indexRefreshMs: 0, consumer: `capper-${i}` }));
    });
    after(async () => { for (const w of workers) w.stop(); await handle?.dispose(); });

    test('six postings fitting one member, handled at once by three workers, notify them at most maxPerDay (2) times', async () => {
      for (const job of jobs) await ctx.repos.jobs.upsert(job);
      const events = (await ctx.repos.outbox.since(0, 10_000)).filter((e: DomainEvent) => e.topic === 'job.posted' && jobs.some((j) => j.id === e.key));
      assert.equal(events.length, jobs.length);
      const results = await Promise.all(events.map((e, i) => workers[i % workers.length]!.handle(e)));
      assert.ok(results.every((r) => r.status === 'processed'), JSON.stringify(results.map((r) => r.status)));
      const mine = await ctx.handle.db.select().from(tables.notifications).where(eq(tables.notifications.memberId, member));
      assert.equal(mine.length, 2, `notified ${mine.length} times: ${mine.map((n) => n.jobId).join(', ')}`);
    });
  });
}
