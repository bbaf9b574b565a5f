import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Application, FIT_LEVEL_RANK, type Member } from '../../src/domain/index.ts';
import { rankApplicants, type MatchContext } from '../../src/matching/index.ts';
import { FIXTURE_COURSES, NOW, fixtureTaxonomy, generateJobs, generateMembers, makeJob, makeMember } from './fixtures.ts';

const taxonomy = fixtureTaxonomy();
const ctx: MatchContext = { taxonomy, courses: FIXTURE_COURSES, now: NOW };

function applications(members: Member[], jobId: string) {
  return members.map((member, i) => ({
    member,
    application: Application.parse({ id: `app-${i}`, jobId, memberId: member.id, appliedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() }),
  }));
}

describe('rankApplicants', () => {
  it('reversing arrival order does not change applicant ranking', () => {
    const [job] = generateJobs(taxonomy, 1, 5);
    const members = generateMembers(taxonomy, 120, 6);
    const forward = applications(members, job!.id);
    // Reverse both the list order and the timestamps: the first to apply becomes the last.
    const times = forward.map((a) => a.application.appliedAt).reverse();
    const reversed = forward.map((a, i) => ({ ...a, application: { ...a.application, appliedAt: times[i]! } })).reverse();
    const a = rankApplicants(job!, forward, ctx).map((r) => [r.memberId, r.level, r.score]);
    const b = rankApplicants(job!, reversed, ctx).map((r) => [r.memberId, r.level, r.score]);
    assert.equal(a.length, 120);
    assert.deepEqual(b, a);
  });

  it('applicants are ranked by fit level, then score, with per-qualification evidence and the x/y summary', () => {
    const [job] = generateJobs(taxonomy, 1, 9);
    const ranked = rankApplicants(job!, applications(generateMembers(taxonomy, 200, 10), job!.id), ctx);
    for (let i = 1; i < ranked.length; i++) {
      const [p, q] = [ranked[i - 1]!, ranked[i]!];
      assert.ok(FIT_LEVEL_RANK[p.level] > FIT_LEVEL_RANK[q.level] || (p.level === q.level && p.score >= q.score), `${i}`);
      assert.equal(q.rank, i + 1);
    }
    const top = ranked[0]!;
    assert.match(top.summary, /^\d+\/\d+ required, \d+\/\d+ nice-to-have$/);
    assert.equal(top.summary, top.assessment.facts.summary);
    assert.ok(top.assessment.qualifications.length > 0);
  });

  it('equal fits are ordered by evidence strength, then member id', () => {
    const job = makeJob({ required: { skills: [{ skillId: 'skill:python', name: 'Python' }, { skillId: 'skill:sql', name: 'SQL' }] } });
    const bare = (id: string) => makeMember({ id, skills: [{ skillId: 'skill:python', name: 'Python' }, { skillId: 'skill:sql', name: 'SQL' }] });
    const detailed = makeMember({ id: 'a-detailed', skills: [{ skillId: 'skill:python', name: 'Python', level: 'advanced', years: 4 }, { skillId: 'skill:sql', name: 'SQL', level: 'advanced' }] });
    const ranked = rankApplicants(job, applications([bare('z-bare'), bare('b-bare'), detailed], job.id), ctx);
    assert.deepEqual(ranked.map((r) => r.score), [ranked[0]!.score, ranked[0]!.score, ranked[0]!.score], 'all three fit equally');
    assert.deepEqual(ranked.map((r) => r.memberId), ['a-detailed', 'b-bare', 'z-bare']);
    assert.ok(ranked[0]!.evidenceStrength > ranked[1]!.evidenceStrength);
    // The detailed applicant still leads when named last alphabetically.
    const renamed = rankApplicants(job, applications([bare('b-bare'), { ...detailed, id: 'zz-detailed' }], job.id), ctx);
    assert.equal(renamed[0]!.memberId, 'zz-detailed');
  });

  it('minLevel keeps only applicants at or above the level', () => {
    const [job] = generateJobs(taxonomy, 1, 13);
    const all = rankApplicants(job!, applications(generateMembers(taxonomy, 150, 14), job!.id), ctx);
    const good = rankApplicants(job!, applications(generateMembers(taxonomy, 150, 14), job!.id), ctx, { minLevel: 'partial' });
    assert.ok(good.every((r) => FIT_LEVEL_RANK[r.level] >= FIT_LEVEL_RANK.partial));
    assert.equal(good.length, all.filter((r) => FIT_LEVEL_RANK[r.level] >= FIT_LEVEL_RANK.partial).length);
    assert.ok(good.length < all.length, 'some applicants are filtered out');
  });
});
