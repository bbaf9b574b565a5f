import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { notificationRoutes } from '../../src/api/routes/notifications.ts';
import { createAppContext, type AppContext } from '../../src/app/index.ts';
import type { Job } from '../../src/domain/index.ts';
import {
  SIGNATURE_HEADER, WebhookDeliverer, enqueueDelivery, signWebhook, startRealtime, verifyWebhookSignature, type Realtime,
} from '../../src/realtime/index.ts';
import { tables, type DatabaseHandle } from '../../src/store/index.ts';
import { testBackends } from '../support/databases.ts';
import { DEMO_NOW, memberFittingPostings, seedAlertMembers, sseClient, until } from './support.ts';

describe('webhook signatures', () => {
  const body = JSON.stringify({ hello: 'world' });
  test('a signature made with the secret verifies against the raw body', () => {
    assert.ok(verifyWebhookSignature('s3cret-s3cret-s3cret', signWebhook('s3cret-s3cret-s3cret', body), body));
  });
  test('a changed body, a wrong secret or a stale timestamp does not verify', () => {
    const sig = signWebhook('s3cret-s3cret-s3cret', body);
    assert.ok(!verifyWebhookSignature('s3cret-s3cret-s3cret', sig, body.replace('world', 'w0rld')));
    assert.ok(!verifyWebhookSignature('other-secret-other', sig, body));
    const old = signWebhook('s3cret-s3cret-s3cret', body, new Date(Date.now() - 3600_000));
    assert.ok(!verifyWebhookSignature('s3cret-s3cret-s3cret', old, body));
    assert.ok(!verifyWebhookSignature('s3cret-s3cret-s3cret', undefined, body));
  });
});

for (const backend of testBackends()) {
  describe(`notification delivery: SSE, webhooks, recruiter view (${backend.name})`, () => {
    let handle: DatabaseHandle & { dispose(): Promise<void> };
    let ctx: AppContext;
    let rt: Realtime;
    let app: FastifyInstance;
    let base: string;
    let receiver: Server;
    let receiverUrl: string;
    const received: { path: string; signature: string; body: string; answered: number }[] = [];
    let flakyFailures = 0;
    let jobs: Job[];
    let member: string;

    before(async () => {
      handle = await backend.open();
      ctx = await createAppContext({ handle, clock: () => DEMO_NOW });
      const demo = await seedAlertMembers(ctx.repos, ctx.taxonomy, 300);
      // Three postings that share one fitting member.
      ({ member, jobs } = await memberFittingPostings(ctx, demo, 3, 'jd'));
      rt = await startRealtime(ctx, { natsUrl: '', worker: { indexRefreshMs: 0 }, webhooks: false });
      app = await buildServer(ctx);
      await notificationRoutes(app, ctx, { feed: rt.feed, gapCheckMs: 200, trustHeaderIdentity: true });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => { body += c; });
        req.on('end', () => {
          const path = req.url ?? '';
          const answered = path === '/down' ? 500 : path === '/flaky' && flakyFailures++ < 3 ? 503 : 200;
          received.push({ path, signature: String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? ''), body, answered });
          res.statusCode = answered;
          res.end('ok');
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    });
    after(async () => {
      await app?.close();
      await rt?.close();
      receiver?.close();
      await handle?.dispose();
    });

    const api = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
      const res = await fetch(base + path, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: await res.json() as any };
    };

    test('a matched member sees the notification live, then resumes after a disconnect with only what was missed', async () => {
      const hook = await api('POST', '/v1/webhooks', { 'x-member-id': member }, { url: `${receiverUrl}/member`, events: ['notification.created'] });
      assert.equal(hook.status, 201);
      const first = sseClient(`${base}/v1/notifications/stream`, { 'x-member-id': member });
      await first.opened;
      await ctx.repos.jobs.upsert(jobs[0]!);
      const live = await first.next((m) => m.event === 'notification' && m.data.jobId === jobs[0]!.id);
      first.close();
      await ctx.repos.jobs.upsert(jobs[1]!);
      await until(async () => (await ctx.repos.notifications.forMember(member)).some((n) => n.jobId === jobs[1]!.id), 'the second notification');
      const resumed = sseClient(`${base}/v1/notifications/stream`, { 'x-member-id': member, 'last-event-id': live.id! });
      const missed = await resumed.next((m) => m.event === 'notification');
      assert.equal(missed.data.jobId, jobs[1]!.id);
      await ctx.repos.jobs.upsert(jobs[2]!);
      await resumed.next((m) => m.event === 'notification' && m.data.jobId === jobs[2]!.id);
      resumed.close();
      assert.deepEqual(resumed.messages.filter((m) => m.event === 'notification').map((m) => m.data.jobId), [jobs[1]!.id, jobs[2]!.id]);
      // The member's webhook got a delivery row for each notification, in the same transaction.
      const rows = await ctx.handle.db.select().from(tables.webhookDeliveries).where(eq(tables.webhookDeliveries.webhookId, hook.body.id));
      assert.equal(rows.length, 3);
    });

    test('a notification that commits after one with a higher seq (two workers) still reaches the open stream', async () => {
      const stream = sseClient(`${base}/v1/notifications/stream`, { 'x-member-id': member });
      await stream.opened;
      const [template] = await ctx.repos.notifications.forMember(member);
      // Worker B's commit (seq + 2) is published before worker A's (seq + 1).
      const top = Math.max(...(await ctx.repos.notifications.forMember(member)).map((n) => n.seq)) + 1_000_000;
      const late = { ...template!, id: 'n-late-a', jobId: 'j-late-a', seq: top + 1 };
      const early = { ...template!, id: 'n-late-b', jobId: 'j-late-b', seq: top + 2 };
      rt.feed.publishNotification(early);
      await stream.next((m) => m.event === 'notification' && m.data.id === early.id);
      rt.feed.publishNotification(late);
      const got = await stream.next((m) => m.event === 'notification' && m.data.id === late.id);
      assert.equal(Number(got.id), late.seq);
      rt.feed.publishNotification(early); // a repeat (e.g. the gap check finding it again) is not sent twice
      await new Promise((r) => setTimeout(r, 500));
      stream.close();
      assert.deepEqual(stream.messages.filter((m) => m.event === 'notification' && m.data.id.startsWith('n-late')).map((m) => m.data.id), ['n-late-b', 'n-late-a']);
    });

    test('the list and mark-as-read endpoints act on the caller\'s notifications only', async () => {
      const list = await api('GET', '/v1/notifications', { 'x-member-id': member });
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 3);
      const id = list.body.items[0].id;
      assert.equal((await api('POST', `/v1/notifications/${id}/read`, { 'x-member-id': 'someone-else' })).status, 403);
      assert.equal((await api('POST', `/v1/notifications/${id}/read`, { 'x-member-id': member })).status, 200);
      const unread = await api('GET', '/v1/notifications?unread=true', { 'x-member-id': member });
      assert.equal(unread.body.items.length, 2);
      assert.equal((await api('GET', '/v1/notifications', {})).status, 401);
    });

    test('the recruiter sees the matched count and each new applicant with its fit rank', async () => {
      const job = jobs[0]!;
      const count = await api('GET', `/v1/jobs/${job.id}/matched-count`, { 'x-company-id': job.companyId });
      assert.equal(count.body.matched, await ctx.repos.notifications.countForJob(job.id));
      assert.ok(count.body.matched >= 1);
      assert.equal((await api('GET', `/v1/jobs/${job.id}/matched-count`, { 'x-company-id': 'c-other' })).status, 403);
      const live = sseClient(`${base}/v1/jobs/${job.id}/live`, { 'x-company-id': job.companyId });
      await live.next((m) => m.event === 'matched');
      await ctx.repos.applications.apply({ id: 'app-rt-1', jobId: job.id, memberId: member, status: 'applied', note: '', appliedAt: DEMO_NOW.toISOString() });
      const applicant = await live.next((m) => m.event === 'applicant');
      live.close();
      assert.equal(applicant.data.memberId, member);
      assert.equal(applicant.data.rank, 1);
      assert.equal(applicant.data.total, 1);
    });

    test('a receiver failing 3 times then succeeding gets exactly one successful delivery; one always failing is dead-lettered', async () => {
      const owner = { 'x-company-id': 'c-0001' };
      const flaky = await api('POST', '/v1/webhooks', owner, { url: `${receiverUrl}/flaky` });
      const down = await api('POST', '/v1/webhooks', owner, { url: `${receiverUrl}/down` });
      await enqueueDelivery(ctx.handle, flaky.body.id, 'evt-flaky', { type: 'test', n: 1 });
      await enqueueDelivery(ctx.handle, down.body.id, 'evt-down', { type: 'test', n: 2 });
      const deliverer = new WebhookDeliverer(ctx.handle, { maxAttempts: 5, backoffMs: 10, pollMs: 10 });
      deliverer.start();
      try {
        await until(async () => {
          const a = await api('GET', `/v1/webhooks/${flaky.body.id}/deliveries`, owner);
          const b = await api('GET', `/v1/webhooks/${down.body.id}/deliveries`, owner);
          return a.body.items[0]?.status === 'delivered' && b.body.items[0]?.status === 'dead';
        }, 'deliveries to settle', 15_000);
      } finally {
        await deliverer.stop();
      }
      const flakyCalls = received.filter((r) => r.path === '/flaky');
      assert.equal(flakyCalls.length, 4);
      assert.equal(flakyCalls.filter((r) => r.answered === 200).length, 1);
      for (const call of flakyCalls) assert.ok(verifyWebhookSignature(flaky.body.secret, call.signature, call.body));
      assert.equal(received.filter((r) => r.path === '/down').length, 5);
      const status = (await api('GET', `/v1/webhooks/${flaky.body.id}/deliveries?status=delivered`, owner)).body.items;
      assert.equal(status.length, 1);
      assert.equal(status[0].attempts, 4);
      const dead = (await api('GET', '/v1/webhooks/dead-letters', owner)).body.items;
      assert.deepEqual(dead.map((d: any) => d.webhookId), [down.body.id]);
      assert.equal(dead[0].attempts, 5);
      assert.equal(dead[0].lastStatus, 500);
      // Listings never show the secret again.
      assert.ok((await api('GET', '/v1/webhooks', owner)).body.items.every((h: any) => !('secret' in h)));
    });
  });
}
