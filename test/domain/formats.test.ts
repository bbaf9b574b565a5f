import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { InvalidInputError, jobFromJobPosting, memberFromJsonResume, seniorityFromTitle } from '../../src/domain/index.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

test('a JSON Resume becomes a member with experience, education, skills, languages and certificates', () => {
  const m = memberFromJsonResume(fixture('resume.json'));
  assert.equal(m.headline, 'Senior Data Engineer');
  assert.deepEqual(m.location, { city: 'Berlin', region: 'Berlin', country: 'DE' });
  assert.equal(m.experience.length, 2);
  assert.equal(m.experience[0]!.startDate, '2019-04');
  assert.equal(m.experience[0]!.endDate, null);
  assert.match(m.experience[0]!.description, /Airflow/);
  assert.equal(m.education[0]!.level, 'bachelor');
  assert.deepEqual(m.skills.map((s) => s.name), ['Python', 'Pandas', 'PySpark', 'SQL', 'Apache Spark']);
  assert.equal(m.skills[0]!.level, 'expert');
  assert.deepEqual(m.languages.map((l) => l.proficiency), ['native', 'professional']);
  assert.equal(m.certifications[0]!.year, 2021);
  assert.equal(m.contact.email, 'richard.hendricks@example.com');
});

test('the same resume always gets the same member id', () => {
  assert.equal(memberFromJsonResume(fixture('resume.json')).id, memberFromJsonResume(fixture('resume.json')).id);
});

test('a malformed JSON Resume is rejected naming the field path', () => {
  const bad = fixture('resume.json');
  bad.work[1].startDate = 'last spring';
  assert.throws(() => memberFromJsonResume(bad), (err: unknown) => err instanceof InvalidInputError && /work\[1\]\.startDate/.test(err.message));
  assert.throws(() => memberFromJsonResume({ skills: [{ level: 'x' }] }), /skills\[0\]\.name/);
  assert.throws(() => memberFromJsonResume('not an object'), /invalid JSON Resume: \(root\)/);
});

test('a schema.org JobPosting becomes a job with company, location, salary and requirements', () => {
  const { job, company } = jobFromJobPosting(fixture('job-posting.json'));
  assert.equal(job.id, 'j-DE-1234');
  assert.equal(company.name, 'Globex Corporation');
  assert.equal(job.companyId, company.id);
  assert.equal(job.seniority, 'senior');
  assert.deepEqual(job.location, { city: 'Berlin', region: 'BE', country: 'DE' });
  assert.deepEqual(job.salary, { min: 75000, max: 95000, currency: 'EUR', period: 'year' });
  assert.deepEqual(job.required.skills.map((s) => s.name), ['Python', 'SQL', 'Apache Spark', 'Airflow']);
  assert.equal(job.required.minYears, 5);
  assert.equal(job.required.education?.level, 'bachelor');
  assert.doesNotMatch(job.description, /<[a-z]/);
  assert.equal(job.postedAt, '2026-11-20T00:00:00.000Z');
});

test('a malformed JobPosting is rejected naming the property', () => {
  const noOrg = fixture('job-posting.json');
  delete noOrg.hiringOrganization;
  assert.throws(() => jobFromJobPosting(noOrg), /hiringOrganization/);
  const badSalary = fixture('job-posting.json');
  badSalary.baseSalary.value.minValue = 'lots';
  assert.throws(() => jobFromJobPosting(badSalary), /baseSalary\.value/);
  assert.throws(() => jobFromJobPosting({ ...fixture('job-posting.json'), '@type': 'Person' }), /@type/);
});

test('seniority is read from the title words', () => {
  assert.equal(seniorityFromTitle('Sr. Backend Engineer'), 'senior');
  assert.equal(seniorityFromTitle('Junior Accountant'), 'entry');
  assert.equal(seniorityFromTitle('Head of Data'), 'executive');
  assert.equal(seniorityFromTitle('Nurse'), 'mid');
});
