import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createAppContext, type AppContext } from '../../src/app/index.ts';
import { FIT_LEVEL_RANK, type Job } from '../../src/domain/index.ts';
import { MatchIndex, assessFit } from '../../src/matching/index.ts';
import { startRealtime, type Realtime } from '../../src/realtime/index.ts';
import { tables, type DatabaseHandle } from '../../src/store/index.ts';
import { testBackends } from '../support/databases.ts';
import { DEMO_NOW, newPosting, seedAlertMembers, until } from './support.ts';

for (const backend of testBackends()) {
  describe(`matching worker on the in-process bus (${backend.name})`, () => {
    let handle: DatabaseHandle & { dispose(): Promise<void> };
    let ctx: AppContext;
    let rt: Realtime;
    let demo: Awaited<ReturnType<typeof seedAlertMembers>>;
    let job: Job;
    let ranked: { memberId: string; level: string }[];
    const muted: Record<'alertsOff' | 'tooLow' | 'capped' | 'closed', string> = { alertsOff: '', tooLow: '', capped: '', closed: '' };

    const notifiedFor = async (jobId: string) => (await ctx.handle.db.select().from(tables.notifications).where(eq(tables.notifications.jobId, jobId)));
    const processed = async (eventId: string) => (await ctx.handle.db.select().from(tables.processedEvents).where(eq(tables.processedEvents.eventId, eventId))).length > 0;
    const lastEvent = async (topic: string, key: string) => (await ctx.repos.outbox.since(0, 10_000)).filter((e) => e.topic === topic && e.key === key).at(-1)!;

    before(async () => {
      handle = await backend.open();
      ctx = await createAppContext({ handle, clock: () => DEMO_NOW });
      demo = await seedAlertMembers(ctx.repos, ctx.taxonomy, 300);
      // Pick a posting with enough fitting members, ranked by an index of our own (not the worker's).
      const members = [];
      for await (const b of ctx.repos.members.scan({ openToWork: true })) members.push(...b);
      const index = new MatchIndex(ctx.taxonomy, { members });
      for (let i = 0; ; i++) {
        job = newPosting(demo, i);
        ranked = index.rankMembersForJob(job, { taxonomy: ctx.taxonomy, now: DEMO_NOW }, { topK: 100, minLevel: 'partial' }).items;
        if (ranked.length >= 8) break;
      }
      // Four of the fitting members must not be notified, each for a different preference.
      const byId = new Map(members.map((m) => [m.id, m]));
      const pick = (pred: (r: { memberId: string; level: string }) => boolean) => ranked.find((r) => pred(r) && !Object.values(muted).includes(r.memberId))!.memberId;
      muted.alertsOff = pick(() => true);
      muted.tooLow = pick((r) => r.level !== 'strong');
      muted.capped = pick(() => true);
      muted.closed = pick(() => true);
      const edit = (id: string, f: (m: any) => any) => f(structuredClone(byId.get(id)!));
      await ctx.repos.members.upsertMany([
        edit(muted.alertsOff, (m) => ({ ...m, alerts: { ...m.alerts, enabled: false } })),
        edit(muted.tooLow, (m) => ({ ...m, alerts: { ...m.alerts, minLevel: 'strong' } })),
        edit(muted.capped, (m) => ({ ...m, alerts: { ...m.alerts, maxPerDay: 0 } })),
        edit(muted.closed, (m) => ({ ...m, openToWork: false })),
      ]);
      rt = await startRealtime(ctx, { natsUrl: '', worker: { indexRefreshMs: 0 }, webhooks: false });
    });
    after(async () => { await rt?.close(); await handle?.dispose(); });

    test('a posted job notifies every fitting member at or above both thresholds, and no one else', async () => {
      await ctx.repos.jobs.upsert(job);
      const event = await lastEvent('job.posted', job.id);
      await until(() => processed(event.eventId), 'the job.posted event to be processed');
      const got = await notifiedFor(job.id);
      const expected = ranked.map((r) => r.memberId).filter((id) => !Object.values(muted).includes(id));
      assert.deepEqual(got.map((n) => n.memberId).sort(), expected.sort());
      for (const n of got) {
        const level = assessFit((await ctx.repos.members.get(n.memberId))!, job, { taxonomy: ctx.taxonomy, now: DEMO_NOW }).level;
        assert.equal(n.level, level, `stored level of ${n.memberId} is the fit tier's`);
        assert.ok(FIT_LEVEL_RANK[level] >= FIT_LEVEL_RANK[job.notifyMinLevel]);
      }
      for (const id of Object.values(muted)) assert.ok(!got.some((n) => n.memberId === id), `${id} must not be notified`);
    });

    test('a duplicate delivery of the same event changes nothing', async () => {
      const before = (await notifiedFor(job.id)).length;
      const event = await lastEvent('job.posted', job.id);
      assert.deepEqual(await rt.worker!.handle(event), { status: 'duplicate' });
      await rt.bus.publish(event);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal((await notifiedFor(job.id)).length, before);
    });

    test('turning alerts back on re-matches recent jobs for that member, once', async () => {
      const m = (await ctx.repos.members.get(muted.alertsOff))!;
      await ctx.repos.members.upsert({ ...m, alerts: { ...m.alerts, enabled: true } });
      const event = await lastEvent('member.updated', m.id);
      await until(() => processed(event.eventId), 'the member.updated event to be processed');
      const mine = (await notifiedFor(job.id)).filter((n) => n.memberId === m.id);
      assert.equal(mine.length, 1);
      // A second profile edit does not notify the same member about the same job again.
      await ctx.repos.members.upsert({ ...m, headline: `${m.headline}!`, alerts: { ...m.alerts, enabled: true } });
      const second = await lastEvent('member.updated', m.id);
      await until(() => processed(second.eventId), 'the second member.updated event');
      assert.equal((await notifiedFor(job.id)).filter((n) => n.memberId === m.id).length, 1);
    });

    test('closing a job notifies no one new', async () => {
      const before = (await notifiedFor(job.id)).length;
      await ctx.repos.jobs.upsert({ ...job, status: 'closed' });
      const event = await lastEvent('job.closed', job.id);
      await until(() => processed(event.eventId), 'the job.closed event to be processed');
      assert.equal((await notifiedFor(job.id)).length, before);
    });
  });
}
