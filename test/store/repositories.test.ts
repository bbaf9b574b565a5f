import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { Job, Member, type Concept } from '../../src/domain/index.ts';
import { createRepositories, TOPICS, type DatabaseHandle, type Repositories } from '../../src/store/index.ts';
import { testBackends } from '../support/databases.ts';

const NOW = new Date('2026-11-27T12:00:00Z');

const member = (id: string, extra: Partial<Member> = {}): Member => Member.parse({
  id, contact: { name: `Name ${id}` }, headline: 'Data Engineer', location: { city: 'Berlin', country: 'DE' }, openToWork: true,
  experience: [
    { title: 'Data Engineer', company: 'A', startDate: '2020-01', endDate: null },
    { title: 'Analyst', company: 'B', startDate: '2018-01', endDate: '2020-06' },
  ],
  skills: [{ skillId: 'skill:python', name: 'Python' }, { skillId: 'skill:sql', name: 'SQL' }],
  ...extra,
});

const job = (id: string, extra: Partial<Job> = {}): Job => Job.parse({
  id, companyId: 'c-1', title: 'Data Engineer', location: { city: 'Berlin', country: 'DE' },
  required: { skills: [{ skillId: 'skill:python', name: 'Python' }] }, salary: { min: 5000, max: 6000, period: 'month' },
  ...extra,
});

const concepts: Concept[] = [
  { id: 'skill:python', kind: 'skill', label: 'Python', altLabels: ['py'], related: ['skill:sql'], skills: [] },
  { id: 'skill:sql', kind: 'skill', label: 'SQL', altLabels: [], related: [], skills: [] },
  { id: 'occ:data-engineer', kind: 'occupation', label: 'data engineer', altLabels: ['big data engineer'], related: [], skills: ['skill:python'] },
];

for (const backend of testBackends()) {
  describe(`repositories on ${backend.name}`, () => {
    let handle: DatabaseHandle & { dispose(): Promise<void> };
    let repos: Repositories;
    before(async () => {
      handle = await backend.open();
      repos = createRepositories(handle.db, () => NOW);
      await repos.concepts.upsertMany(concepts);
      await repos.companies.upsertMany([{ id: 'c-1', name: 'Globex', industry: '', size: '51-200', description: '', headquarters: {} }]);
    });
    after(async () => { await handle?.dispose(); });

    test('upserting the same member twice keeps one row with the latest data', async () => {
      await repos.members.upsert(member('m-1'));
      await repos.members.upsert(member('m-1', { headline: 'Senior Data Engineer' }));
      assert.equal(await repos.members.count(), 1);
      const m = await repos.members.require('m-1');
      assert.equal(m.headline, 'Senior Data Engineer');
      assert.equal(m.contact.name, 'Name m-1');
    });

    test('derived columns: overlapping positions count once toward years of experience', async () => {
      const rows = await handle.db.execute(sql`select years_experience, skill_ids, open_to_work from members where id = 'm-1'`);
      const row = (rows as unknown as { rows: Record<string, unknown>[] }).rows[0]!;
      // 2018-01 .. 2026-11 inclusive = 107 months
      assert.equal(row.years_experience, 8.9);
      assert.deepEqual(row.skill_ids, ['skill:python', 'skill:sql']);
      assert.equal(row.open_to_work, true);
    });

    test('member and job writes emit their events in the same transaction', async () => {
      await repos.jobs.upsert(job('j-1'));
      await repos.jobs.upsert(job('j-1', { title: 'Senior Data Engineer' }));
      await repos.jobs.upsert(job('j-1', { status: 'closed' }));
      const events = (await repos.outbox.pending(100)).filter((e) => e.key === 'j-1').map((e) => e.topic);
      assert.deepEqual(events, [TOPICS.jobPosted, TOPICS.jobUpdated, TOPICS.jobClosed]);
      const memberEvents = (await repos.outbox.pending(100)).filter((e) => e.topic === TOPICS.memberUpdated);
      assert.equal(memberEvents.length, 2);
    });

    test('a failed transaction writes neither the job nor its event', async () => {
      const before = (await repos.outbox.pending(1000)).length;
      // company c-missing violates the foreign key: the insert fails after nothing else was committed.
      await assert.rejects(repos.jobs.upsert(job('j-bad', { companyId: 'c-missing' })));
      assert.equal(await repos.jobs.get('j-bad'), undefined);
      assert.equal((await repos.outbox.pending(1000)).length, before);
    });

    test('an application is unique per job and member; applying again returns the first', async () => {
      const first = await repos.applications.apply({ id: 'a-1', jobId: 'j-1', memberId: 'm-1', status: 'applied', note: '', appliedAt: NOW.toISOString() });
      const again = await repos.applications.apply({ id: 'a-2', jobId: 'j-1', memberId: 'm-1', status: 'applied', note: 'again', appliedAt: NOW.toISOString() });
      assert.equal(first.created, true);
      assert.equal(again.created, false);
      assert.equal(again.application.id, 'a-1');
      assert.equal((await repos.applications.forJob('j-1')).length, 1);
    });

    test('notifications are written once per member and source event', async () => {
      const n = { id: 'n-1', memberId: 'm-1', kind: 'job_match' as const, jobId: 'j-1', level: 'good' as const, score: 0.7, title: 'New match', body: '', sourceEventId: 'e-1', createdAt: NOW.toISOString() };
      const first = await repos.notifications.insertIfAbsent([n]);
      const dup = await repos.notifications.insertIfAbsent([{ ...n, id: 'n-2' }]);
      assert.equal(first.length, 1);
      assert.equal(dup.length, 0);
      const list = await repos.notifications.forMember('m-1');
      assert.equal(list.length, 1);
      assert.equal((await repos.notifications.forMember('m-1', { afterSeq: list[0]!.seq })).length, 0);
    });

    test('inserted notifications round-trip every field, quotes and commas included', async () => {
      const n = { id: 'n-q', memberId: 'm-1', kind: 'job_match' as const, jobId: 'j-1', level: 'strong' as const, score: 0.9, title: 'New "strong", fit: {x}', body: 'a\\b', sourceEventId: 'e-q', createdAt: NOW.toISOString() };
      const bare = { id: 'n-bare', memberId: 'm-1', kind: 'system' as const, title: 'Hello', body: '', sourceEventId: 'e-bare', createdAt: NOW.toISOString() };
      const [stored, storedBare] = await repos.notifications.insertIfAbsent([n, bare]);
      assert.deepEqual({ ...stored, seq: 0 }, { ...n, seq: 0, readAt: null });
      assert.equal(typeof stored!.seq, 'number');
      assert.deepEqual({ ...storedBare, seq: 0 }, { ...bare, seq: 0, readAt: null });
    });

    test('pages are bounded and totals are exact', async () => {
      await repos.members.upsertMany(Array.from({ length: 25 }, (_, i) => member(`m-p${String(i).padStart(2, '0')}`, { openToWork: i % 2 === 0 })));
      const page = await repos.members.list({ limit: 10, offset: 20 });
      assert.equal(page.total, 26);
      assert.equal(page.items.length, 6);
      assert.equal((await repos.members.list({ limit: 5, offset: 0, openToWork: false })).total, 12);
      let scanned = 0;
      for await (const batch of repos.members.scan({ batch: 7 })) scanned += batch.length;
      assert.equal(scanned, 26);
    });

    test('recipients: alert preferences and job-match notifications since a time, per member', async () => {
      await repos.members.upsertMany([member('m-r1', { alerts: { enabled: false, minLevel: 'strong', channels: ['in_app'], maxPerDay: 3 } }), member('m-r2', { openToWork: false })]);
      const at = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();
      await repos.notifications.insertIfAbsent([
        { id: 'n-r1', memberId: 'm-r1', kind: 'job_match', title: 't', body: '', sourceEventId: 'r1', createdAt: at(1) },
        { id: 'n-r2', memberId: 'm-r1', kind: 'job_match', title: 't', body: '', sourceEventId: 'r2', createdAt: at(30) },
        { id: 'n-r3', memberId: 'm-r1', kind: 'system', title: 't', body: '', sourceEventId: 'r3', createdAt: at(1) },
      ]);
      const got = await repos.notifications.recipients(['m-r1', 'm-r2', 'm-unknown'], new Date(NOW.getTime() - 24 * 3600_000));
      assert.deepEqual(got.get('m-r1'), { openToWork: true, alerts: { enabled: false, minLevel: 'strong', channels: ['in_app'], maxPerDay: 3 }, sentSince: 1 });
      assert.equal(got.get('m-r2')?.openToWork, false);
      assert.equal(got.get('m-r2')?.sentSince, 0);
      assert.equal(got.has('m-unknown'), false);
    });

    test('concept upserts are idempotent and keep relations', async () => {
      await repos.concepts.upsertMany(concepts);
      assert.equal(await repos.concepts.count(), 3);
      assert.deepEqual((await repos.concepts.get('skill:python'))?.related, ['skill:sql']);
      assert.equal((await repos.concepts.page({ kind: 'skill', limit: 10, offset: 0, q: 'pyth' })).total, 1);
    });

    test('courses are found by the skills they teach', async () => {
      await repos.courses.upsertMany([{ id: 'course-1', title: 'SQL basics', provider: 'X', skills: ['skill:sql'], level: 'beginner', durationHours: 5, description: '' }]);
      assert.deepEqual((await repos.courses.teaching(['skill:sql', 'skill:go'])).map((c) => c.id), ['course-1']);
      assert.deepEqual(await repos.courses.teaching(['skill:go']), []);
    });

    test('conversations round-trip', async () => {
      const c = { id: 'conv-1', memberId: 'm-1', title: 't', summary: '', messages: [{ role: 'user' as const, content: 'hi', createdAt: NOW.toISOString() }], createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
      await repos.conversations.save(c);
      await repos.conversations.save({ ...c, messages: [...c.messages, { role: 'assistant' as const, content: 'hello', createdAt: NOW.toISOString() }] });
      assert.equal((await repos.conversations.get('conv-1'))?.messages.length, 2);
      assert.equal((await repos.conversations.forMember('m-1')).length, 1);
    });
  });
}
