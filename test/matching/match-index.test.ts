import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FIT_LEVEL_RANK } from '../../src/domain/index.ts';
import { MatchIndex, assessFit, compareAssessed, locationCompatibility, compileJob, compileMember, type MatchContext } from '../../src/matching/index.ts';
import { FIXTURE_COURSES, NOW, fixtureTaxonomy, generateJobs, generateMembers, makeJob, makeMember } from './fixtures.ts';

const taxonomy = fixtureTaxonomy();
const ctx: MatchContext = { taxonomy, courses: FIXTURE_COURSES, now: NOW };
const NO_FILTERS = { location: false, remote: false, seniorityBand: false } as const;

const sparkJob = makeJob({
  id: 'job-spark', required: { skills: [{ skillId: 'skill:spark', name: 'Spark' }, { skillId: 'skill:python', name: 'Python' }] },
  location: { city: 'Berlin', country: 'DE' }, remote: 'onsite', seniority: 'mid',
});

describe('MatchIndex', () => {
  it('candidates for a job are open-to-work members sharing its skills, best overlap first', () => {
    const index = new MatchIndex(taxonomy, {
      members: [
        makeMember({ id: 'both', skills: [{ skillId: 'skill:spark', name: 'Spark' }, { skillId: 'skill:python', name: 'Python' }] }),
        makeMember({ id: 'one', skills: [{ skillId: 'skill:python', name: 'Python' }] }),
        makeMember({ id: 'related', skills: [{ skillId: 'skill:kafka', name: 'Kafka' }] }),
        makeMember({ id: 'none', skills: [{ skillId: 'skill:react', name: 'React' }] }),
        makeMember({ id: 'closed', openToWork: false, skills: [{ skillId: 'skill:spark', name: 'Spark' }] }),
      ],
    });
    assert.equal(index.memberCount, 4);
    assert.deepEqual(index.candidatesForJob(sparkJob, 10, ctx, NO_FILTERS), ['both', 'one', 'related']);
    assert.deepEqual(index.candidatesForJob(sparkJob, 1, ctx, NO_FILTERS), ['both']);
  });

  it('removing a member takes it out of results, and upserting a changed member re-indexes it', () => {
    const m = makeMember({ id: 'x', skills: [{ skillId: 'skill:spark', name: 'Spark' }] });
    const index = new MatchIndex(taxonomy, { members: [m] });
    assert.deepEqual(index.candidatesForJob(sparkJob, 10, ctx, NO_FILTERS), ['x']);
    index.upsertMember(makeMember({ id: 'x', skills: [{ skillId: 'skill:react', name: 'React' }] }));
    assert.deepEqual(index.candidatesForJob(sparkJob, 10, ctx, NO_FILTERS), []);
    index.upsertMember(m);
    assert.equal(index.removeMember('x'), true);
    assert.deepEqual(index.candidatesForJob(sparkJob, 10, ctx, NO_FILTERS), []);
    index.upsertMember(makeMember({ ...m, openToWork: false }));
    assert.equal(index.hasMember('x'), false, 'a member who stops looking is dropped');
  });

  it('location, remote and seniority filters drop incompatible members with the same rule as the fit tier', () => {
    const skills = [{ skillId: 'skill:spark', name: 'Spark' }];
    const members = [
      makeMember({ id: 'berlin', location: { city: 'Berlin', country: 'DE' }, seniority: 'mid', skills }),
      makeMember({ id: 'paris', location: { city: 'Paris', country: 'FR' }, seniority: 'mid', skills }),
      makeMember({ id: 'mover', location: { city: 'Paris', country: 'FR' }, seniority: 'mid', skills, preferences: { willingToRelocate: true } }),
      makeMember({ id: 'remote-only', location: { city: 'Berlin', country: 'DE' }, seniority: 'mid', skills, preferences: { remote: ['remote'] } }),
      makeMember({ id: 'exec', location: { city: 'Berlin', country: 'DE' }, seniority: 'executive', skills }),
    ];
    const index = new MatchIndex(taxonomy, { members });
    assert.deepEqual(index.candidatesForJob(sparkJob, 10, ctx).sort(), ['berlin', 'mover']);
    for (const m of members) {
      const compatible = locationCompatibility(compileMember(m, taxonomy), compileJob(sparkJob, taxonomy)).compatible;
      assert.equal(compatible, assessFit(m, sparkJob, ctx).facts.location.compatible);
    }
    const remoteJob = makeJob({ ...sparkJob, id: 'remote', remote: 'remote' });
    assert.deepEqual(index.candidatesForJob(remoteJob, 10, ctx, { seniorityBand: false }).sort(), ['berlin', 'exec', 'mover', 'paris', 'remote-only']);
  });

  it('ranked members for a job agree with brute-force assessment over every member', () => {
    const members = generateMembers(taxonomy, 2000, 11);
    const jobs = generateJobs(taxonomy, 8, 12);
    const index = new MatchIndex(taxonomy, { members });
    const open = members.filter((m) => m.openToWork);
    let overlap = 0, total = 0;
    for (const job of jobs) {
      const page = index.rankMembersForJob(job, ctx, { topK: 20, filters: NO_FILTERS });
      const brute = open.map((m) => ({ id: m.id, a: assessFit(m, job, ctx, { nextSteps: false }) })).sort(compareAssessed).slice(0, 20);
      const got = new Set(page.items.map((i) => i.memberId));
      overlap += brute.filter((b) => got.has(b.id)).length;
      total += brute.length;
      for (let i = 1; i < page.items.length; i++) {
        const [p, q] = [page.items[i - 1]!, page.items[i]!];
        assert.ok(FIT_LEVEL_RANK[p.level] > FIT_LEVEL_RANK[q.level] || (p.level === q.level && p.score >= q.score), 'ordered by level then score');
      }
      assert.equal(page.items[0]!.score, brute[0]!.a.score, 'the best member is found');
    }
    assert.ok(overlap / total >= 0.95, `recall@20 vs brute force ${overlap / total}`);
  });

  it('the ranking does not depend on the order members were indexed in', () => {
    const members = generateMembers(taxonomy, 1000, 51);
    const jobs = generateJobs(taxonomy, 6, 52);
    const forward = new MatchIndex(taxonomy, { members });
    const backward = new MatchIndex(taxonomy, { members: [...members].reverse() });
    for (const job of jobs) {
      const a = forward.rankMembersForJob(job, ctx, { topK: 30, filters: NO_FILTERS }).items.map((i) => i.memberId);
      const b = backward.rankMembersForJob(job, ctx, { topK: 30, filters: NO_FILTERS }).items.map((i) => i.memberId);
      assert.deepEqual(b, a);
    }
  });

  it('pages do not overlap and concatenate to one larger page', () => {
    const members = generateMembers(taxonomy, 800, 21);
    const [job] = generateJobs(taxonomy, 1, 22);
    const index = new MatchIndex(taxonomy, { members });
    const opts = { filters: NO_FILTERS, pool: 200 };
    const big = index.rankMembersForJob(job!, ctx, { ...opts, topK: 20 }).items.map((i) => i.memberId);
    const p1 = index.rankMembersForJob(job!, ctx, { ...opts, topK: 10 }).items.map((i) => i.memberId);
    const p2 = index.rankMembersForJob(job!, ctx, { ...opts, topK: 10, offset: 10 }).items.map((i) => i.memberId);
    assert.equal(big.length, 20);
    assert.deepEqual([...p1, ...p2], big);
  });

  it('minLevel keeps only members at or above the level, each with its assessment and next steps', () => {
    const members = generateMembers(taxonomy, 800, 31);
    const index = new MatchIndex(taxonomy, { members });
    for (const job of generateJobs(taxonomy, 5, 32)) {
      const page = index.rankMembersForJob(job, ctx, { topK: 50, minLevel: 'good', filters: NO_FILTERS });
      for (const item of page.items) {
        assert.ok(item.level === 'good' || item.level === 'strong');
        assert.equal(item.assessment.level, item.level);
        for (const q of item.assessment.qualifications) if (q.status !== 'met') assert.ok(q.nextSteps?.length);
      }
    }
  });

  it('jobs for a member come from open jobs only, and closing or removing a job takes it out', () => {
    const member = makeMember({ id: 'me', location: { city: 'Berlin', country: 'DE' }, seniority: 'mid', skills: [{ skillId: 'skill:spark', name: 'Spark' }, { skillId: 'skill:python', name: 'Python' }] });
    const other = makeJob({ id: 'job-react', required: { skills: [{ skillId: 'skill:react', name: 'React' }] }, seniority: 'mid' });
    const kafka = makeJob({ id: 'job-kafka', required: { skills: [{ skillId: 'skill:kafka', name: 'Kafka' }] }, remote: 'remote', seniority: 'mid' });
    const index = new MatchIndex(taxonomy, { jobs: [sparkJob, other, kafka, makeJob({ ...sparkJob, id: 'draft', status: 'draft' })] });
    assert.equal(index.jobCount, 3);
    const page = index.rankJobsForMember(member, ctx, { topK: 10 });
    assert.deepEqual(page.items.map((i) => i.jobId), ['job-spark', 'job-kafka']);
    assert.equal(page.items[0]!.level, 'strong');
    index.upsertJob(makeJob({ ...sparkJob, status: 'closed' }));
    assert.deepEqual(index.rankJobsForMember(member, ctx, { topK: 10 }).items.map((i) => i.jobId), ['job-kafka']);
    index.removeJob('job-kafka');
    assert.deepEqual(index.rankJobsForMember(member, ctx, { topK: 10 }).items, []);
  });

  it('ranked jobs for a member agree with brute-force assessment over every job', () => {
    const jobs = generateJobs(taxonomy, 2000, 41);
    const members = generateMembers(taxonomy, 8, 42);
    const index = new MatchIndex(taxonomy, { jobs });
    let overlap = 0, total = 0;
    for (const m of members) {
      const page = index.rankJobsForMember(m, ctx, { topK: 20, filters: NO_FILTERS });
      const brute = jobs.map((j) => ({ id: j.id, a: assessFit(m, j, ctx, { nextSteps: false }) })).sort(compareAssessed).slice(0, 20);
      const got = new Set(page.items.map((i) => i.jobId));
      overlap += brute.filter((b) => got.has(b.id)).length;
      total += brute.length;
    }
    assert.ok(overlap / total >= 0.95, `recall@20 vs brute force ${overlap / total}`);
  });
});

describe('MatchIndex with skills outside the taxonomy', () => {
  it('a member who names a free-text skill only in experience is still found for a job asking for it', () => {
    const job = makeJob({ id: 'dbt', required: { skills: [{ name: 'dbt core' }, { skillId: 'skill:sql', name: 'SQL' }] } });
    const members = [
      ...Array.from({ length: 150 }, (_, i) => makeMember({ id: `sql-${String(i).padStart(3, '0')}`, seniority: 'mid', skills: [{ skillId: 'skill:sql', name: 'SQL' }] })),
      makeMember({ id: 'text-only', seniority: 'mid', skills: [{ skillId: 'skill:sql', name: 'SQL' }], experience: [{ title: 'Analytics engineer', startDate: '2020-01', description: 'Modelled the warehouse in dbt core.' }] }),
    ];
    const index = new MatchIndex(taxonomy, { members });
    const top = index.rankMembersForJob(job, ctx, { topK: 1, pool: 5, filters: NO_FILTERS }).items[0]!;
    assert.equal(top.memberId, 'text-only');
    assert.equal(top.assessment.qualifications[0]!.status, 'partial');
  });
});
