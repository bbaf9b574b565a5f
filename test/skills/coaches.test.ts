import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Member, Job } from '../../src/domain/index.ts';
import { assessPostingQuality, assessProfileQuality } from '../../src/skills/index.ts';
import { DEFAULT_TAXONOMY_FILE, readTaxonomyFile, Taxonomy } from '../../src/taxonomy/index.ts';

let taxonomy: Taxonomy;
before(async () => { taxonomy = new Taxonomy(await readTaxonomyFile(DEFAULT_TAXONOMY_FILE)); });

const member = (over: Partial<Member> = {}) => Member.parse({
  id: 'm-1', headline: 'Data Engineer · Python, SQL', summary: 'Data engineer building reliable pipelines for analytics teams; cut report latency by 40% at my last job.',
  skills: [{ name: 'Python', level: 'advanced' }, { name: 'SQL', level: 'advanced' }, { name: 'Git', level: 'intermediate' }],
  experience: [{ title: 'Data Engineer', company: 'Acme', startDate: '2020-01', description: 'Built Python and SQL pipelines on Apache Spark and Docker for 12 teams, cutting costs by 20%.' }],
  ...over,
});

const job = (over: Record<string, unknown> = {}) => Job.parse({
  id: 'j-1', companyId: 'c-1', title: 'Data Engineer', seniority: 'mid',
  description: 'You will build data pipelines with Python and SQL for our analytics team. You will own the ingestion layer, work with product managers on data contracts, and mentor one junior engineer. Success after six months: pipelines with tests and alerts.',
  salary: { min: 60000, max: 80000, currency: 'EUR', period: 'year' },
  required: { skills: [{ name: 'Python' }, { name: 'SQL' }] },
  ...over,
});

describe('profile coach', () => {
  test('skills evident in the experience text but not listed are found, with the quote that shows them', () => {
    const q = assessProfileQuality(member(), taxonomy);
    const labels = q.missingSkills.map((m) => m.label);
    assert.ok(labels.some((l) => /spark/i.test(l)), labels.join());
    assert.ok(labels.some((l) => /docker/i.test(l)), labels.join());
    assert.ok(!labels.includes('Python'));
    assert.ok(q.missingSkills.every((m) => m.field === 'experience[0].description' && m.quote.length > 0));
  });

  test('a missing summary and headline are high-severity issues and lower the score', () => {
    const good = assessProfileQuality(member(), taxonomy);
    const bad = assessProfileQuality(member({ summary: '', headline: '' }), taxonomy);
    assert.ok(bad.issues.some((i) => i.code === 'missing_summary' && i.severity === 'high'));
    assert.ok(bad.issues.some((i) => i.code === 'missing_headline'));
    assert.ok(bad.score < good.score);
  });

  test('vague and unquantified descriptions are flagged', () => {
    const q = assessProfileQuality(member({ experience: [{ title: 'Analyst', company: 'X', startDate: '2020-01', description: 'Responsible for various reports and other things.', endDate: null }] as Member['experience'] }), taxonomy);
    assert.ok(q.issues.some((i) => i.code === 'vague_description'));
    assert.ok(q.issues.some((i) => i.code === 'no_quantified_results'));
  });
});

describe('posting coach', () => {
  test('a clear posting with a salary range scores high and has no flags', () => {
    const q = assessPostingQuality(job());
    assert.equal(q.inclusiveLanguage.length, 0);
    assert.ok(q.score >= 90, JSON.stringify(q.issues));
  });

  test('"entry level" with 10 years of experience is a contradiction', () => {
    const q = assessPostingQuality(job({ title: 'Entry level Data Engineer', seniority: 'entry', required: { skills: [{ name: 'Python' }], minYears: 10 } }));
    assert.ok(q.issues.some((i) => i.code === 'contradictory_requirements' && /10 years/.test(i.message)));
  });

  test('a missing salary range is reported', () => {
    const q = assessPostingQuality(job({ salary: undefined }));
    assert.ok(q.issues.some((i) => i.code === 'missing_salary_range'));
  });

  test('gender-coded and age-coded wording is flagged with a neutral alternative', () => {
    const q = assessPostingQuality(job({ description: 'We want a rockstar ninja to join our young and dynamic team. He will be a digital native. Strong communication skills, etc.' }));
    const phrases = q.inclusiveLanguage.map((f) => `${f.phrase.toLowerCase()}:${f.kind}`);
    for (const p of ['rockstar:gender_coded', 'ninja:gender_coded', 'he will:gender_coded', 'young and dynamic:age_coded', 'digital native:age_coded']) assert.ok(phrases.includes(p), `${p} in ${phrases}`);
    assert.ok(q.inclusiveLanguage.every((f) => f.suggestion.length > 0));
    assert.ok(q.issues.some((i) => i.code === 'vague_requirements'));
  });
});
