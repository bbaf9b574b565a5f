import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { assessFit, CREDIT, LEVEL_THRESHOLDS, SCORE_WEIGHTS, type MatchContext } from '../../src/matching/index.ts';
import { FIXTURE_COURSES, NOW, fixtureTaxonomy, generateJobs, generateMembers, makeJob, makeMember } from './fixtures.ts';

const taxonomy = fixtureTaxonomy();
const ctx: MatchContext = { taxonomy, courses: FIXTURE_COURSES, now: NOW };

const dataEngineerJob = makeJob({
  id: 'job-de',
  seniority: 'senior',
  location: { city: 'Berlin', country: 'DE' },
  remote: 'hybrid',
  salary: { min: 70000, max: 90000, currency: 'EUR', period: 'year' },
  required: {
    skills: [
      { skillId: 'skill:python', name: 'Python', level: 'advanced' },
      { skillId: 'skill:sql', name: 'SQL' },
      { skillId: 'skill:spark', name: 'Apache Spark' },
    ],
    minYears: 4,
  },
  preferred: { skills: [{ skillId: 'skill:airflow', name: 'Airflow' }] },
});

const strongMember = makeMember({
  id: 'strong',
  seniority: 'senior',
  location: { city: 'Berlin', country: 'DE' },
  preferences: { salaryMin: 75000 },
  experience: [{ title: 'Data Engineer', startDate: '2019-01', description: 'Built batch pipelines.' }],
  skills: [
    { skillId: 'skill:python', name: 'Python', level: 'expert', years: 6 },
    { skillId: 'skill:sql', name: 'SQL', level: 'advanced' },
    { skillId: 'skill:spark', name: 'Spark', level: 'advanced' },
    { skillId: 'skill:airflow', name: 'Airflow' },
  ],
});

describe('assessFit', () => {
  it('a member with every requirement met is a strong fit whose evidence points at real member fields', () => {
    const a = assessFit(strongMember, dataEngineerJob, ctx);
    assert.equal(a.level, 'strong');
    assert.ok(a.score >= LEVEL_THRESHOLDS.strong);
    assert.equal(a.facts.requiredMet, '4/4');
    assert.equal(a.facts.preferredMet, '1/1');
    assert.equal(a.facts.summary, '4/4 required, 1/1 nice-to-have');
    const python = a.qualifications.find((q) => q.skillId === 'skill:python')!;
    assert.equal(python.status, 'met');
    assert.deepEqual(python.evidence, [{ field: 'skills[0]', quote: 'Python (expert, 6 years)' }]);
    const years = a.qualifications.find((q) => q.type === 'years')!;
    assert.equal(years.evidence[0]!.field, 'experience[0]');
    assert.ok(a.qualifications.every((q) => q.nextSteps === undefined), 'met requirements need no next steps');
  });

  it('a missing required skill becomes a gap with a next step', () => {
    const member = makeMember({ ...strongMember, skills: strongMember.skills.filter((s) => s.skillId !== 'skill:spark') });
    const a = assessFit(member, dataEngineerJob, ctx);
    const spark = a.qualifications.find((q) => q.skillId === 'skill:spark')!;
    assert.equal(spark.status, 'missing');
    assert.deepEqual(spark.evidence, []);
    assert.ok(spark.nextSteps && spark.nextSteps.length > 0);
    const courses = spark.nextSteps.filter((s) => s.kind === 'course');
    assert.equal(courses[0]?.kind === 'course' && courses[0].courseId, 'course:spark-101', 'a beginner course first for a skill the member lacks');
    assert.notEqual(a.level, 'strong');
    assert.equal(a.facts.requiredMet, '3/4');
  });

  it('a related skill earns partial credit via the related skill', () => {
    const job = makeJob({ required: { skills: [{ skillId: 'skill:kafka', name: 'Kafka' }] } });
    const member = makeMember({ skills: [{ skillId: 'skill:spark', name: 'Spark' }] });
    const q = assessFit(member, job, ctx).qualifications[0]!;
    assert.equal(q.status, 'partial');
    assert.equal(q.credit, CREDIT.relatedSkill);
    assert.deepEqual(q.via, { id: 'skill:spark', label: 'Apache Spark' });
    assert.equal(q.evidence[0]!.field, 'skills[0]');
    assert.ok(q.nextSteps!.some((s) => s.kind === 'adjacent_skill' && s.skillId === 'skill:spark'));
  });

  it('a skill used in an experience description but not listed is evidence that says so, with a step to surface it', () => {
    const member = makeMember({
      skills: [{ skillId: 'skill:python', name: 'Python' }],
      experience: [
        { title: 'Analyst', startDate: '2020-01', endDate: '2021-01', description: 'Reporting.' },
        { title: 'Data Engineer', startDate: '2021-02', description: 'Moved nightly jobs to Apache Spark on Kubernetes. Cut costs by half.' },
      ],
    });
    const job = makeJob({ required: { skills: [{ skillId: 'skill:spark', name: 'Spark' }] } });
    const q = assessFit(member, job, ctx).qualifications[0]!;
    assert.equal(q.status, 'partial');
    assert.equal(q.credit, CREDIT.mentionOnly);
    assert.equal(q.evidence[0]!.field, 'experience[1].description');
    assert.equal(q.evidence[0]!.quote, 'Moved nightly jobs to Apache Spark on Kubernetes');
    assert.match(q.evidence[0]!.note!, /not listed/);
    const surface = q.nextSteps!.find((s) => s.kind === 'surface_evidence');
    assert.ok(surface && surface.kind === 'surface_evidence' && surface.field === 'experience[1].description');
  });

  it('a skill listed below the required level is partial, with a course one level up', () => {
    const member = makeMember({ skills: [{ skillId: 'skill:spark', name: 'Spark', level: 'beginner' }] });
    const job = makeJob({ required: { skills: [{ skillId: 'skill:spark', name: 'Spark', level: 'advanced' }] } });
    const q = assessFit(member, job, ctx).qualifications[0]!;
    assert.equal(q.status, 'partial');
    assert.equal(q.credit, CREDIT.skillShortfall);
    const course = q.nextSteps!.find((s) => s.kind === 'course');
    assert.ok(course && course.kind === 'course' && course.level === 'intermediate');
    assert.ok(q.nextSteps!.some((s) => s.kind === 'action' && /beginner to advanced/.test(s.advice)));
  });

  it('a skill listed with fewer years than required is partial', () => {
    const member = makeMember({ skills: [{ skillId: 'skill:sql', name: 'SQL', years: 1 }] });
    const job = makeJob({ required: { skills: [{ skillId: 'skill:sql', name: 'SQL', years: 3 }] } });
    assert.equal(assessFit(member, job, ctx).qualifications[0]!.status, 'partial');
  });

  it('skills without ids match by case-folded name or alternative label through the taxonomy', () => {
    const member = makeMember({ skills: [{ name: 'pyspark' }, { name: 'POSTGRES' }, { name: 'Dbt Core' }] });
    const job = makeJob({ required: { skills: [{ name: 'Apache Spark' }, { skillId: 'skill:postgresql', name: 'PostgreSQL' }, { name: 'dbt core' }] } });
    const a = assessFit(member, job, ctx);
    assert.deepEqual(a.qualifications.map((q) => q.status), ['met', 'met', 'met']);
    assert.equal(a.qualifications[0]!.skillId, 'skill:spark');
    assert.equal(a.qualifications[2]!.skillId, undefined, 'a name outside the taxonomy has no id but still matches');
  });

  it('years of experience count overlapping roles once and current roles up to now', () => {
    const member = makeMember({
      experience: [
        { title: 'A', startDate: '2020-01', endDate: '2022-12', description: '' },
        { title: 'B', startDate: '2022-01', description: '' }, // current: to 2026-11
      ],
    });
    const a = assessFit(member, makeJob({ required: { minYears: 5 } }), ctx);
    assert.equal(a.facts.years.member, 6.9); // 2020-01..2026-11 inclusive = 83 months
    assert.equal(a.facts.years.required, 5);
    assert.equal(a.qualifications[0]!.status, 'met');
    const later = assessFit(member, makeJob({ required: { minYears: 5 } }), { ...ctx, now: new Date('2030-01-01T00:00:00Z') });
    assert.ok(later.facts.years.member > 9.9, 'the clock is passed in, not read');
    const short = assessFit(member, makeJob({ required: { minYears: 12 } }), ctx).qualifications[0]!;
    assert.equal(short.status, 'partial');
    assert.ok(Math.abs(short.credit - 6.9 / 12) < 0.01);
  });

  it('education below the required level or in another field is partial; far below is missing', () => {
    const job = makeJob({ required: { education: { level: 'master', field: 'Computer Science' } } });
    const status = (level: 'bachelor' | 'master' | 'secondary', field: string) =>
      assessFit(makeMember({ education: [{ level, field }] }), job, ctx).qualifications[0]!.status;
    assert.equal(status('master', 'Computer Science'), 'met');
    assert.equal(status('master', 'History'), 'partial');
    assert.equal(status('bachelor', 'Computer Science'), 'partial');
    assert.equal(status('secondary', 'Computer Science'), 'missing');
  });

  it('a language one proficiency level below is partial and a missing one gets a course', () => {
    const job = makeJob({ required: { languages: [{ language: 'German', proficiency: 'full' }] } });
    const partial = assessFit(makeMember({ languages: [{ language: 'de', proficiency: 'professional' }] }), job, ctx).qualifications[0]!;
    assert.equal(partial.status, 'partial');
    assert.deepEqual(partial.evidence, [{ field: 'languages[0]', quote: 'de (professional)' }]);
    const missing = assessFit(makeMember({}), job, ctx).qualifications[0]!;
    assert.equal(missing.status, 'missing');
    assert.ok(missing.nextSteps!.some((s) => s.kind === 'course' && s.courseId === 'course:german-b2'));
  });

  it('a certification matches by name containment and is quoted from certifications[i]', () => {
    const job = makeJob({ required: { certifications: ['AWS Certified Solutions Architect'] } });
    const member = makeMember({ certifications: [{ name: 'Scrum Master' }, { name: 'AWS Certified Solutions Architect Associate' }] });
    const q = assessFit(member, job, ctx).qualifications[0]!;
    assert.equal(q.status, 'met');
    assert.deepEqual(q.evidence, [{ field: 'certifications[1]', quote: 'AWS Certified Solutions Architect Associate' }]);
    const gap = assessFit(makeMember({}), job, ctx).qualifications[0]!;
    assert.equal(gap.status, 'missing');
    assert.ok(gap.nextSteps!.some((s) => s.kind === 'course' && s.courseId === 'course:aws-saa'));
  });

  it('facts report years, seniority gap, location, remote and salary', () => {
    const member = makeMember({
      seniority: 'mid', location: { city: 'Munich', country: 'Germany' },
      preferences: { remote: ['remote'], salaryMin: 95000, willingToRelocate: false },
    });
    const f = assessFit(member, dataEngineerJob, ctx).facts;
    assert.deepEqual(f.seniority, { member: 'mid', job: 'senior', gap: 1, inferred: false });
    assert.equal(f.location.compatible, false);
    assert.deepEqual(f.remote, { job: 'hybrid', accepted: false });
    assert.deepEqual(f.salary, { fits: false, memberMin: 95000, jobRange: { min: 70000, max: 90000, currency: 'EUR', period: 'year' }, comparable: true });
    const relocating = assessFit(makeMember({ ...member, preferences: { willingToRelocate: true } }), dataEngineerJob, ctx).facts.location;
    assert.deepEqual(relocating, { compatible: true, reason: 'willing to relocate' });
  });

  it('a member without stated seniority gets one inferred from years of experience', () => {
    const member = makeMember({ experience: [{ title: 'Dev', startDate: '2018-01', description: '' }] });
    const f = assessFit(member, dataEngineerJob, ctx).facts.seniority;
    assert.deepEqual(f, { member: 'senior', job: 'senior', gap: 0, inferred: true });
  });

  it('strong needs every required qualification met, even when the score clears the threshold', () => {
    const member = makeMember({
      ...strongMember,
      skills: strongMember.skills.map((s) => (s.skillId === 'skill:python' ? { ...s, level: 'intermediate' as const } : s)),
    });
    const a = assessFit(member, dataEngineerJob, ctx);
    assert.ok(a.score >= LEVEL_THRESHOLDS.strong, `score ${a.score}`);
    assert.equal(a.level, 'good');
  });

  it('the score follows the documented formula on generated pairs', () => {
    const members = generateMembers(taxonomy, 60, 7);
    const jobs = generateJobs(taxonomy, 20, 8);
    for (const m of members) {
      for (const j of jobs) {
        const a = assessFit(m, j, ctx);
        const req = a.qualifications.filter((q) => q.kind === 'required');
        const pref = a.qualifications.filter((q) => q.kind === 'preferred');
        const gap = a.facts.seniority.gap!;
        const seniorityFit = gap <= 0 && gap >= -1 ? 1 : gap === 1 || gap === -2 ? 0.5 : 0;
        const context = (seniorityFit + Number(a.facts.location.compatible) + Number(a.facts.remote.accepted)) / 3;
        let w = SCORE_WEIGHTS.context, s = SCORE_WEIGHTS.context * context;
        const mean = (qs: typeof req) => qs.reduce((x, q) => x + q.credit, 0) / qs.length;
        if (req.length) { w += SCORE_WEIGHTS.required; s += SCORE_WEIGHTS.required * mean(req); }
        if (pref.length) { w += SCORE_WEIGHTS.preferred; s += SCORE_WEIGHTS.preferred * mean(pref); }
        assert.ok(Math.abs(a.score - s / w) < 0.001, `${m.id}/${j.id}: ${a.score} vs ${s / w}`);
        for (const q of a.qualifications) {
          if (q.status !== 'met') assert.ok(q.nextSteps && q.nextSteps.length > 0, 'every gap comes with a next step');
          if (q.status !== 'missing' && q.type !== 'years') assert.ok(q.evidence.length > 0, 'met or partial needs evidence');
        }
      }
    }
  });

  it('is deterministic and serialises to the CLI contract', () => {
    const a = assessFit(strongMember, dataEngineerJob, ctx);
    const b = assessFit(makeMember(structuredClone(strongMember)), makeJob(structuredClone(dataEngineerJob)), ctx);
    assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
    assert.deepEqual(Object.keys(a).sort(), ['facts', 'level', 'qualifications', 'score']);
    for (const key of ['years', 'seniority', 'location', 'remote', 'requiredMet', 'preferredMet']) assert.ok(key in a.facts, key);
    for (const q of a.qualifications) {
      assert.ok(['required', 'preferred'].includes(q.kind));
      assert.ok(['met', 'partial', 'missing'].includes(q.status));
    }
  });
});
