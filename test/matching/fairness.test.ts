import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { assessFit, matchableMember, GENDER_NEUTRAL, type MatchContext } from '../../src/matching/index.ts';
import type { Job, Member } from '../../src/domain/index.ts';
import {
  FIXTURE_COURSES, NOW, benchmarkTaxonomy, counterfactual, createRng, fixtureTaxonomy, generateJobs, generateMembers, makeJob, makeMember, swapGenderWords,
} from './fixtures.ts';

/** Pairs members with jobs of their own occupation where one exists, so every fit level occurs. */
function pairs(members: Member[], jobs: Job[]): [Member, Job][] {
  const byOcc = new Map<string, Job[]>();
  for (const j of jobs) if (j.occupationId) (byOcc.get(j.occupationId) ?? byOcc.set(j.occupationId, []).get(j.occupationId)!).push(j);
  return members.map((m, i) => {
    const same = byOcc.get(m.desiredRoles[0] ?? '');
    return [m, same && i % 4 !== 0 ? same[i % same.length]! : jobs[i % jobs.length]!];
  });
}

describe('fairness', () => {
  it('the matching projection holds no contact data, graduation year, headline or summary', () => {
    const member = makeMember({
      contact: { name: 'Ruby Spark', email: 'ruby@example.org', phone: '+49 30 1234567', url: 'https://ruby.example.org' },
      headline: 'Chairwoman and data engineer', summary: "I'm Ruby. She leads teams.",
      education: [{ institution: 'TU Berlin', level: 'master', field: 'Computer Science', endYear: 1989 }],
      skills: [{ skillId: 'skill:python', name: 'Python' }],
    });
    const projected = matchableMember(member);
    const keys = Object.keys(projected);
    for (const banned of ['contact', 'headline', 'summary', 'createdAt', 'updatedAt', 'alerts']) assert.ok(!keys.includes(banned), banned);
    assert.deepEqual(projected.education, [{ level: 'master', field: 'Computer Science' }]);
    const json = JSON.stringify(projected);
    for (const leaked of ['Ruby', 'ruby@example.org', '1234567', '1989', 'Chairwoman', 'TU Berlin']) assert.ok(!json.includes(leaked), leaked);
  });

  it('changing names, gender-coded words and graduation years changes no fit level and no score over 1,200 seeded pairs', () => {
    const { taxonomy } = benchmarkTaxonomy();
    const ctx: MatchContext = { taxonomy, courses: FIXTURE_COURSES, now: NOW };
    const members = generateMembers(taxonomy, 1200, 101);
    const jobs = generateJobs(taxonomy, 300, 202);
    const rng = createRng(303);
    const levels = new Set<string>();
    let changedText = 0;
    let checked = 0;
    for (const [member, job] of pairs(members, jobs)) {
      const twin = counterfactual(member, rng);
      if (twin.experience.some((e, i) => e.description !== member.experience[i]!.description)) changedText++;
      const a = assessFit(member, job, ctx);
      const b = assessFit(twin, job, ctx);
      assert.equal(b.level, a.level, `${member.id}/${job.id}`);
      assert.equal(b.score, a.score, `${member.id}/${job.id}`);
      assert.deepEqual(b.qualifications.map((q) => q.status), a.qualifications.map((q) => q.status));
      levels.add(a.level);
      checked++;
    }
    assert.ok(checked >= 1000);
    assert.ok(changedText >= 1000, `the counterfactual must really change the text (${changedText})`);
    assert.ok(levels.size >= 3, `pairs must span fit levels, got ${[...levels]}`);
  });

  it('a member named after a skill gets no credit for the name', () => {
    const taxonomy = fixtureTaxonomy();
    const ctx: MatchContext = { taxonomy, now: NOW };
    const job = makeJob({ required: { skills: [{ skillId: 'skill:spark', name: 'Spark' }, { skillId: 'skill:go', name: 'Go' }] } });
    const named = makeMember({ contact: { name: 'Spark Go' }, headline: 'Spark Go, engineer', summary: "I'm Spark Go." });
    const plain = makeMember({ contact: { name: 'Anna Weber' }, headline: 'Anna Weber, engineer', summary: "I'm Anna Weber." });
    const a = assessFit(named, job, ctx);
    assert.deepEqual(a.qualifications.map((q) => q.status), ['missing', 'missing']);
    assert.equal(a.score, assessFit(plain, job, ctx).score);
  });

  it('gender-coded words in experience text are read as neutral, so evidence status and score do not move', () => {
    const taxonomy = fixtureTaxonomy();
    const ctx: MatchContext = { taxonomy, now: NOW };
    const job = makeJob({ required: { skills: [{ skillId: 'skill:kafka', name: 'Kafka' }, { skillId: 'skill:leadership', name: 'Team leadership' }] } });
    const text = 'As chairman of the guild he ran Kafka upgrades; his team leadership grew the group.';
    const his = makeMember({ experience: [{ title: 'Chairman', startDate: '2020-01', description: text }] });
    const her = makeMember({ experience: [{ title: 'Chairwoman', startDate: '2020-01', description: swapGenderWords(text) }] });
    assert.notEqual(her.experience[0]!.description, his.experience[0]!.description);
    const a = assessFit(his, job, ctx);
    const b = assessFit(her, job, ctx);
    assert.deepEqual(a.qualifications.map((q) => q.status), ['partial', 'partial']);
    assert.deepEqual(b.qualifications.map((q) => [q.status, q.credit, q.evidence[0]?.field]), a.qualifications.map((q) => [q.status, q.credit, q.evidence[0]?.field]));
    assert.equal(b.score, a.score);
    assert.ok(GENDER_NEUTRAL.get('chairwoman') === GENDER_NEUTRAL.get('chairman'));
  });
});
