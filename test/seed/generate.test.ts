import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Job, Member, SENIORITY_RANK } from '../../src/domain/index.ts';
import { DEFAULT_SIZES, DemoContext, generateCourses, generateJob, generateMember } from '../../src/seed/index.ts';
import { DEFAULT_TAXONOMY_FILE, Taxonomy, readTaxonomyJsonl } from '../../src/taxonomy/index.ts';

const taxonomy = new Taxonomy(await readTaxonomyJsonl(DEFAULT_TAXONOMY_FILE));
const ctx = new DemoContext(taxonomy, DEFAULT_SIZES);
const members = Array.from({ length: 2000 }, (_, i) => generateMember(ctx, i));
const jobs = Array.from({ length: 500 }, (_, i) => generateJob(ctx, i));

describe('demo data', () => {
  test('is deterministic: the same seed and index give the same record', () => {
    assert.deepEqual(generateMember(ctx, 123), members[123]);
    assert.deepEqual(generateJob(ctx, 45), jobs[45]);
    const other = new DemoContext(taxonomy, { ...DEFAULT_SIZES, seed: 7 });
    assert.notDeepEqual(generateMember(other, 123), members[123]);
  });

  test('every generated record is valid against the domain schemas', () => {
    for (const m of members.slice(0, 300)) Member.parse(m);
    for (const j of jobs.slice(0, 300)) Job.parse(j);
  });

  test('skills co-occur by occupation: most of a member\'s skills belong to their occupation\'s pool', () => {
    let inPool = 0;
    let total = 0;
    for (const m of members) {
      const occ = m.experience[0]!.occupationId!;
      const pool = new Set(ctx.pool(occ));
      for (const s of m.skills) { total++; if (pool.has(s.skillId!)) inPool++; }
    }
    assert.ok(inPool / total > 0.95, `share in pool ${inPool / total}`);
  });

  test('careers run backwards in time without overlap and seniority does not drop', () => {
    let drops = 0;
    for (const m of members) {
      for (let i = 1; i < m.experience.length; i++) {
        const newer = m.experience[i - 1]!;
        const older = m.experience[i]!;
        assert.ok(older.startDate <= newer.startDate, `${m.id}: ${older.startDate} > ${newer.startDate}`);
        assert.ok(older.endDate && older.endDate <= newer.startDate, `${m.id}: overlap`);
      }
      const titles = m.experience.map((e) => e.title);
      if (/^Junior/.test(titles[0]!) && titles.slice(1).some((t) => /^(Senior|Lead)/.test(t))) drops++;
    }
    assert.ok(drops / members.length < 0.01, `seniority drops ${drops}`);
  });

  test('the population is varied: open-to-work share, remote share, seniority spread, locations, salaries', () => {
    const open = members.filter((m) => m.openToWork).length / members.length;
    assert.ok(open > 0.22 && open < 0.38, `open-to-work ${open}`);
    const remote = jobs.filter((j) => j.remote === 'remote').length / jobs.length;
    assert.ok(remote > 0.15 && remote < 0.35, `remote ${remote}`);
    assert.ok(new Set(jobs.map((j) => j.seniority)).size >= 6);
    assert.ok(new Set(members.map((m) => m.location.city)).size >= 25);
    assert.ok(new Set(members.map((m) => m.experience[0]!.occupationId)).size >= 100);
    for (const j of jobs) if (j.salary) assert.ok(j.salary.max >= j.salary.min && j.salary.min > 0);
    const seniorYears = jobs.filter((j) => j.seniority === 'senior').map((j) => j.required.minYears ?? 0);
    assert.ok(seniorYears.every((y) => y >= 5));
  });

  test('jobs require their occupation\'s typical skills; courses teach skills jobs ask for', () => {
    for (const j of jobs) {
      const typical = new Set(ctx.typical(j.occupationId!));
      assert.ok(j.required.skills.every((s) => typical.has(s.skillId!)), j.id);
    }
    const courses = generateCourses(ctx);
    assert.equal(courses.length, 200);
    const asked = new Set(jobs.flatMap((j) => j.required.skills.map((s) => s.skillId)));
    assert.ok(courses.filter((c) => asked.has(c.skills[0]!)).length > 150);
  });

  test('generated experience descriptions mention skills (evidence beyond the skills list)', () => {
    const withMention = members.filter((m) => m.experience.some((e) => m.skills.some((s) => e.description.includes(s.name))));
    assert.ok(withMention.length / members.length > 0.5);
    assert.ok(SENIORITY_RANK.senior > SENIORITY_RANK.mid);
  });
});
