import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { filterJobs, parseJobSearch } from '../../src/matching/index.ts';
import { cityCount } from '../../src/matching/gazetteer.ts';
import { fixtureTaxonomy, makeJob } from './fixtures.ts';

const taxonomy = fixtureTaxonomy();
const parse = (text: string) => parseJobSearch(text, taxonomy);

describe('parseJobSearch', () => {
  it('reads the headline example into remote, seniority, occupation, place, salary floor and skill', () => {
    assert.deepEqual(parse('remote senior data engineer jobs in Berlin over 80k with Spark'), {
      filters: {
        keywords: [],
        skills: [{ id: 'skill:spark', label: 'Apache Spark' }],
        occupation: { id: 'occ:data-engineer', label: 'Data Engineer' },
        location: { city: 'Berlin', country: 'DE' },
        remote: 'remote',
        seniority: 'senior',
        salaryMin: 80000,
      },
      unparsed: [],
    });
  });

  it('reads salary floors written in the usual ways, as yearly amounts', () => {
    const cases: [string, number, string | undefined][] = [
      ['python jobs 80k', 80000, undefined],
      ['python jobs €80,000', 80000, 'EUR'],
      ['python jobs over 80k', 80000, undefined],
      ['python jobs 80.000 €', 80000, 'EUR'],
      ['python jobs $120k+', 120000, 'USD'],
      ['python jobs at least 95,000 GBP', 95000, 'GBP'],
      ['python jobs paying 6k per month', 72000, undefined],
      ['python jobs €50/hour', 104000, 'EUR'],
    ];
    for (const [text, amount, currency] of cases) {
      const f = parse(text).filters;
      assert.equal(f.salaryMin, amount, text);
      assert.equal(f.currency, currency, text);
      assert.deepEqual(f.skills.map((s) => s.id), ['skill:python'], text);
    }
  });

  it('years of experience are not read as a salary and are shown back as not understood', () => {
    const r = parse('data scientist with 3 years experience');
    assert.equal(r.filters.salaryMin, undefined);
    assert.deepEqual(r.unparsed, ['3 years experience']);
    assert.equal(r.filters.occupation?.id, 'occ:data-scientist');
  });

  it('reads company, employment type, junior seniority and a city by its local name', () => {
    const f = parse('part-time junior frontend developer at Acme Corp in München').filters;
    assert.equal(f.company, 'Acme Corp');
    assert.equal(f.employmentType, 'part_time');
    assert.equal(f.seniority, 'entry');
    assert.equal(f.occupation?.id, 'occ:frontend-developer');
    assert.deepEqual(f.location, { city: 'Munich', country: 'DE' });
  });

  it('an unknown place is shown back as unparsed instead of being guessed', () => {
    const r = parse('python jobs in Atlantis');
    assert.equal(r.filters.location, undefined);
    assert.deepEqual(r.unparsed, ['in Atlantis']);
  });

  it('two-letter names count only when capitalised: "US" is a country, "us" is not; "Go" is a skill, "go" is not', () => {
    assert.deepEqual(parse('Go developer in the US').filters.location, { country: 'US' });
    assert.deepEqual(parse('Go developer in the US').filters.skills.map((s) => s.id), ['skill:go']);
    const lower = parse('show us where to go for kotlin roles').filters;
    assert.equal(lower.location, undefined);
    assert.deepEqual(lower.skills.map((s) => s.id), ['skill:kotlin']);
  });

  it('words it cannot place become keywords', () => {
    assert.deepEqual(parse('fintech kotlin hybrid').filters.keywords, ['fintech']);
    assert.equal(parse('fintech kotlin hybrid').filters.remote, 'hybrid');
  });

  it('the gazetteer knows at least 100 cities', () => {
    assert.ok(cityCount() >= 100, String(cityCount()));
    for (const city of ['Tokyo', 'São Paulo', 'Bengaluru', 'Cape Town', 'New York']) assert.ok(parse(`jobs in ${city}`).filters.location?.country, city);
  });
});

describe('filterJobs', () => {
  const jobs = [
    makeJob({ id: 'fit', title: 'Senior Data Engineer', occupationId: 'occ:data-engineer', remote: 'remote', seniority: 'senior', location: { city: 'Berlin', country: 'DE' }, salary: { min: 75000, max: 95000, currency: 'EUR', period: 'year' }, required: { skills: [{ skillId: 'skill:spark', name: 'Spark' }] } }),
    makeJob({ id: 'onsite', title: 'Senior Data Engineer', occupationId: 'occ:data-engineer', remote: 'onsite', seniority: 'senior', location: { city: 'Berlin', country: 'DE' }, salary: { min: 75000, max: 95000, currency: 'EUR', period: 'year' }, required: { skills: [{ skillId: 'skill:spark', name: 'Spark' }] } }),
    makeJob({ id: 'low-pay', title: 'Senior Data Engineer', occupationId: 'occ:data-engineer', remote: 'remote', seniority: 'senior', location: { city: 'Berlin', country: 'DE' }, salary: { min: 50000, max: 60000, currency: 'EUR', period: 'year' }, required: { skills: [{ skillId: 'skill:spark', name: 'Spark' }] } }),
    makeJob({ id: 'no-spark', title: 'Senior Data Engineer', occupationId: 'occ:data-engineer', remote: 'remote', seniority: 'senior', location: { city: 'Berlin', country: 'DE' }, salary: { min: 75000, max: 95000, currency: 'EUR', period: 'year' }, required: { skills: [{ skillId: 'skill:sql', name: 'SQL' }] } }),
    makeJob({ id: 'junior', title: 'Data Engineer', occupationId: 'occ:data-engineer', remote: 'remote', seniority: 'entry', location: { city: 'Berlin', country: 'DE' }, salary: { min: 75000, max: 95000, currency: 'EUR', period: 'year' }, required: { skills: [{ skillId: 'skill:spark', name: 'Spark' }] } }),
    makeJob({ id: 'remote-de', title: 'Senior Data Engineer', occupationId: 'occ:data-engineer', remote: 'remote', seniority: 'senior', location: { country: 'DE' }, salary: { min: 7000, max: 8000, currency: 'EUR', period: 'month' }, description: 'We use Apache Spark daily.' }),
    makeJob({ id: 'paris', title: 'Senior Data Engineer', occupationId: 'occ:data-engineer', remote: 'remote', seniority: 'senior', location: { city: 'Paris', country: 'FR' }, salary: { min: 75000, max: 95000, currency: 'EUR', period: 'year' }, required: { skills: [{ skillId: 'skill:spark', name: 'Spark' }] } }),
    makeJob({ id: 'frontend', title: 'Senior Frontend Developer', occupationId: 'occ:frontend-developer', remote: 'remote', seniority: 'senior', location: { city: 'Berlin', country: 'DE' }, salary: { min: 75000, max: 95000, currency: 'EUR', period: 'year' }, required: { skills: [{ skillId: 'skill:spark', name: 'Spark' }] } }),
  ];

  it('keeps exactly the jobs that satisfy every filter the searcher stated', () => {
    const { filters } = parse('remote senior data engineer jobs in Berlin over 80k with Spark');
    assert.deepEqual(filterJobs(jobs, filters).map((j) => j.id), ['fit', 'remote-de']);
  });

  it('a company filter checks the company name through the lookup it is given', () => {
    const { filters } = parse('data engineer at Acme');
    const names: Record<string, string> = { c1: 'Acme GmbH', c2: 'Other AG' };
    const mixed = [makeJob({ id: 'a', companyId: 'c1' }), makeJob({ id: 'b', companyId: 'c2' })];
    assert.deepEqual(filterJobs(mixed, filters, { companyName: (id) => names[id] }).map((j) => j.id), ['a']);
  });
});

describe('parseJobSearch on the default taxonomy: lower-case and shorthand searches', async () => {
  const { Taxonomy } = await import('../../src/taxonomy/index.ts');
  const { readTaxonomyJsonl } = await import('../../src/taxonomy/normalizer/index.ts');
  const { DEFAULT_TAXONOMY_FILE } = await import('../../src/taxonomy/import-taxonomy.ts');
  const full = new Taxonomy(await readTaxonomyJsonl(DEFAULT_TAXONOMY_FILE));
  const read = (text: string) => parseJobSearch(text, full).filters;

  it('a role alias that names a tool keeps both: "power bi developer" → BI developer + Power BI', () => {
    const f = read('power bi developer hybrid');
    assert.equal(f.occupation?.label, 'BI developer');
    assert.deepEqual(f.skills.map((s) => s.label), ['Power BI']);
    assert.equal(f.remote, 'hybrid');
    // A preferred label adds nothing: "sales manager" is not also a skill filter.
    assert.deepEqual(read('sales manager jobs in Berlin').skills, []);
  });

  it('a short lower-case name before a role noun is the skill ("go developer"), and stays a word elsewhere', () => {
    assert.deepEqual(read('go developer jobs paying €80,000').skills.map((s) => s.label), ['Go']);
    assert.deepEqual(read('I want to go to Berlin').skills, []);
  });

  it('a word only one occupation uses names it ("devops jobs"); words several share stay keywords', () => {
    const devops = read('kubernetes and terraform devops jobs');
    assert.equal(devops.occupation?.label, 'DevOps engineer');
    assert.deepEqual(devops.skills.map((s) => s.label), ['Kubernetes', 'Terraform']);
    assert.deepEqual(devops.keywords, []);
    for (const broad of ['teaching jobs', 'nursing jobs', 'marketing jobs', 'cloud jobs']) {
      const f = read(broad);
      assert.equal(f.occupation, undefined, broad);
      assert.deepEqual(f.keywords, [broad.split(' ')[0]], broad);
    }
  });
});
