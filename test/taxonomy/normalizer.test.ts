import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportError, type Concept } from '../../src/domain/index.ts';
import {
  createSkillExtractor, createTitleNormalizer, readTaxonomyJsonl, type ConceptMatch,
} from '../../src/taxonomy/normalizer/index.ts';

function concept(id: string, kind: Concept['kind'], label: string, altLabels: string[] = []): Concept {
  return { id, kind, label, altLabels, related: [], skills: [] };
}

const TAXONOMY: Concept[] = [
  concept('occ:software-developer', 'occupation', 'software developer', ['programmer', 'software engineer', 'application developer']),
  concept('occ:web-developer', 'occupation', 'web developer', ['frontend developer', 'web programmer']),
  concept('occ:sales-manager', 'occupation', 'sales manager', ['head of sales', 'sales director']),
  concept('occ:sales-assistant', 'occupation', 'sales assistant', ['shop assistant', 'retail assistant']),
  concept('occ:operations-manager', 'occupation', 'operations manager', ['head of operations', 'operations director']),
  concept('occ:project-manager', 'occupation', 'project manager', ['project leader', 'project coordinator']),
  concept('occ:product-manager', 'occupation', 'product manager', ['product owner']),
  concept('occ:admin-assistant', 'occupation', 'administrative assistant', ['office assistant', 'clerical assistant']),
  concept('occ:accountant', 'occupation', 'accountant', ['chartered accountant', 'certified public accountant']),
  concept('occ:nurse', 'occupation', 'nurse responsible for general care', ['general nurse', 'registered nurse', 'nurse']),
  concept('occ:data-scientist', 'occupation', 'data scientist', ['machine learning scientist']),
  concept('occ:mechanical-engineer', 'occupation', 'mechanical engineer', ['mechanical design engineer']),
  concept('occ:chef', 'occupation', 'cook', ['chef', 'kitchen cook']),
  concept('occ:truck-driver', 'occupation', 'cargo vehicle driver', ['lorry driver', 'truck driver', 'delivery driver']),
  concept('skill:js', 'skill', 'JavaScript', ['JS']),
  concept('skill:java', 'skill', 'Java (computer programming)'),
  concept('skill:python', 'skill', 'Python (computer programming)'),
  concept('skill:sql', 'skill', 'SQL'),
  concept('skill:teams', 'skill', 'work in teams', ['teamwork']),
  concept('skill:budgets', 'skill', 'manage budgets', ['budget management']),
  concept('skill:customer-service', 'skill', 'customer service'),
  concept('skill:project-management', 'skill', 'project management'),
  concept('skill:communication', 'skill', 'communication'),
  concept('skill:drive-vehicles', 'skill', 'drive vehicles'),
];

const titles = createTitleNormalizer(TAXONOMY);
const skills = createSkillExtractor(TAXONOMY);
const top = (matches: ConceptMatch[]) => matches[0]?.id;

test('abbreviations in titles are expanded (Sr., dev, mgr, ops, asst, admin, SWE, PM)', () => {
  assert.equal(top(titles.normalize('Sr. Software Dev')), 'occ:software-developer');
  assert.equal(top(titles.normalize('Ops Mgr')), 'occ:operations-manager');
  assert.equal(top(titles.normalize('Admin Asst')), 'occ:admin-assistant');
  assert.equal(top(titles.normalize('SWE')), 'occ:software-developer');
  assert.equal(top(titles.normalize('PM')), 'occ:project-manager');
  assert.equal(top(titles.normalize('Mech. Eng.')), 'occ:mechanical-engineer');
});

test('seniority and contract words do not change the answer', () => {
  const plain = titles.normalize('Accountant', 3);
  for (const noisy of ['Senior Accountant', 'Jr. Accountant (part-time)', 'Lead Accountant - freelance, remote', 'Accountant (Fixed-term contract)']) {
    const got = titles.normalize(noisy, 3);
    assert.equal(top(got), 'occ:accountant', noisy);
    assert.ok(got[0].score >= plain[0].score * 0.6, `${noisy} keeps most of the score`);
  }
});

test('gender markers (m/f/d), (m/w/d) are ignored', () => {
  const plain = titles.normalize('Software Developer', 5);
  for (const marked of ['Software Developer (m/f/d)', 'Software Developer (m/w/d)', 'Software Developer m/f/x']) {
    const got = titles.normalize(marked, 5);
    assert.deepEqual(got.map((m) => m.id), plain.map((m) => m.id), marked);
    assert.ok(Math.abs(got[0].score - plain[0].score) < 1e-9, marked);
  }
});

test('locations after a dash or "in" do not pull the title elsewhere', () => {
  assert.equal(top(titles.normalize('Registered Nurse - Berlin')), 'occ:nurse');
  assert.equal(top(titles.normalize('Lorry Driver in London')), 'occ:truck-driver');
  assert.equal(top(titles.normalize('Sales Manager (Kuala Lumpur)')), 'occ:sales-manager');
});

test('typos are matched through character n-grams and spelling correction', () => {
  assert.equal(top(titles.normalize('Acountant')), 'occ:accountant');
  assert.equal(top(titles.normalize('Sofware Develper')), 'occ:software-developer');
  const fixed = titles.normalize('Mechanical Engnieer')[0];
  assert.equal(fixed.id, 'occ:mechanical-engineer');
  assert.ok(fixed.matched.includes('engnieer~engineer'), `provenance shows the fix: ${fixed.matched}`);
});

test('plurals and inflections are stemmed', () => {
  assert.equal(top(titles.normalize('Nurses')), 'occ:nurse');
  assert.equal(top(titles.normalize('Data Scientists')), 'occ:data-scientist');
  assert.equal(top(titles.normalize('Programmers wanted')), 'occ:software-developer');
});

test('word order does not matter', () => {
  assert.equal(top(titles.normalize('Manager, Sales')), 'occ:sales-manager');
  assert.equal(top(titles.normalize('Manager Product')), 'occ:product-manager');
});

test('matches carry provenance: input word → label word, and the label that matched', () => {
  const m = titles.normalize('Sr. Ops Mgr')[0];
  assert.equal(m.id, 'occ:operations-manager');
  assert.ok(m.matched.includes('mgr→manager'), String(m.matched));
  assert.ok(m.matched.includes('ops→operations'), String(m.matched));
  assert.equal(m.via, 'operations manager');
});

test('topK bounds the result and scores are in [0,1], best first', () => {
  for (const k of [1, 3, 7]) assert.ok(titles.normalize('assistant manager', k).length <= k);
  assert.equal(titles.normalize('assistant manager', 1).length, 1);
  for (const list of [titles.normalize('sales and project manager', 10), skills.extract('Java, SQL and teamwork; managing budgets', 10)]) {
    assert.ok(list.length > 1);
    for (const m of list) assert.ok(m.score >= 0 && m.score <= 1, `${m.label} ${m.score}`);
    for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].score >= list[i].score);
  }
});

test('empty or noise-only input gives no matches', () => {
  for (const text of ['', '   ', '(m/f/d)', '!!!']) {
    assert.deepEqual(titles.normalize(text), [], JSON.stringify(text));
    assert.deepEqual(skills.extract(text), [], JSON.stringify(text));
  }
});

test('titles return only occupations and skills only skills', () => {
  assert.ok(titles.normalize('project management java sql', 50).every((m) => m.id.startsWith('occ:')));
  assert.ok(skills.extract('project manager and truck driver', 50).every((m) => m.id.startsWith('skill:')));
});

test('skills are found in job-ad sentences, by abbreviation, component, paraphrase and inflection', () => {
  const ids = (text: string, k = 3) => skills.extract(text, k).map((m) => m.id);
  assert.ok(ids('Strong knowledge of JS and React').includes('skill:js'));
  assert.ok(ids('You write Java Script every day').includes('skill:js'));
  assert.ok(ids('You are a team player').includes('skill:teams'));
  assert.ok(ids('Experience managing budgets of large projects').includes('skill:budgets'));
  assert.ok(ids('Pyhton and SQL are a plus').includes('skill:python'));
  const java = skills.extract('3+ years of Java', 1)[0];
  assert.equal(java.id, 'skill:java');
  assert.deepEqual(java.matched, ['java']);
});

test('a sentence naming several skills ranks all of them above the rest', () => {
  const got = skills.extract('Python, SQL and excellent communication skills', 3).map((m) => m.id);
  assert.deepEqual(new Set(got), new Set(['skill:python', 'skill:sql', 'skill:communication']));
});

test('readTaxonomyJsonl reads concepts and names the line of a bad one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fw-taxonomy-'));
  try {
    const good = join(dir, 'good.jsonl');
    await writeFile(good, `${JSON.stringify(TAXONOMY[0])}\n\n${JSON.stringify({ id: 's1', kind: 'skill', label: 'SQL' })}\n`);
    const read = await readTaxonomyJsonl(good);
    assert.deepEqual(read.map((c) => c.id), ['occ:software-developer', 's1']);
    assert.deepEqual(read[1].altLabels, []);

    const notJson = join(dir, 'bad.jsonl');
    await writeFile(notJson, `${JSON.stringify(TAXONOMY[0])}\n{oops\n`);
    await assert.rejects(readTaxonomyJsonl(notJson), (err: unknown) => err instanceof ImportError && err.line === 2 && /line 2/.test(err.message));

    const badKind = join(dir, 'kind.jsonl');
    await writeFile(badKind, `${JSON.stringify({ id: 'x', kind: 'job', label: 'x' })}\n`);
    await assert.rejects(readTaxonomyJsonl(badKind), (err: unknown) => err instanceof ImportError && err.line === 1 && /kind/.test(err.message));

    await assert.rejects(readTaxonomyJsonl(join(dir, 'missing.jsonl')), ImportError);
    await assert.rejects(readTaxonomyJsonl(dir), ImportError, 'a directory is not a taxonomy file');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('"executive" in a title also looks for officer- and assistant-level occupations ("Marketing Executive")', () => {
  const taxonomy = [
    concept('occ:ceo', 'occupation', 'chief executive officer', ['managing director']),
    concept('occ:marketing-manager', 'occupation', 'marketing manager', ['head of marketing']),
    concept('occ:marketing-assistant', 'occupation', 'marketing assistant', ['marketing aide']),
  ];
  const got = createTitleNormalizer(taxonomy).normalize('Marketing Executive', 3);
  assert.equal(top(got), 'occ:marketing-assistant');
  assert.ok(got[0].matched.includes('executive→assistant'), got[0].matched.join(', '));
  // Without the synonym the word alone cannot tell the assistant from the manager.
  assert.notEqual(top(createTitleNormalizer(taxonomy, { synonymWeight: 0 }).normalize('Marketing Executive', 3)), 'occ:marketing-assistant');
});

test('occupations with long preferred labels are discounted per word beyond two (labelLengthFactor)', () => {
  const taxonomy = [
    concept('occ:long', 'occupation', 'hypermarket counter sales assistant', ['counter assistant']),
    concept('occ:short', 'occupation', 'sales assistant', ['counter assistant']),
  ];
  const ratio = (labelLengthFactor: number) => {
    const got = createTitleNormalizer(taxonomy, { labelLengthFactor }).normalize('Counter Assistant', 2);
    const score = (id: string) => got.find((m) => m.id === id)?.score ?? Number.NaN;
    return score('occ:long') / score('occ:short');
  };
  assert.ok(Math.abs(ratio(0.9) / ratio(1) - 0.9 ** 2) < 1e-9, `${ratio(0.9)} vs ${ratio(1)}`);
});

test('office products and common workplace phrasings find the skill they name', () => {
  const office = createSkillExtractor([
    ...TAXONOMY,
    concept('skill:spreadsheets', 'skill', 'use spreadsheets software'),
    concept('skill:presentations', 'skill', 'use presentation software'),
    concept('skill:code-review', 'skill', 'conduct ICT code review'),
    concept('skill:personnel', 'skill', 'personnel management'),
    concept('skill:detail', 'skill', 'attend to detail'),
    concept('skill:sdlc', 'skill', 'systems development life-cycle'),
    concept('skill:dotnet', 'skill', 'Visual Studio .NET'),
    concept('skill:programming', 'skill', 'computer programming'),
  ]);
  const ids = (text: string, k = 3) => office.extract(text, k).map((m) => m.id);
  assert.deepEqual(new Set(ids('You are skilled in Excel and PowerPoint', 2)), new Set(['skill:spreadsheets', 'skill:presentations']));
  assert.equal(ids('performed code reviews for your teammates', 1)[0], 'skill:code-review');
  assert.equal(ids('Writing clean code', 1)[0], 'skill:programming', 'code alone still means programming');
  assert.equal(ids('Have experience with people management', 1)[0], 'skill:personnel');
  assert.equal(ids('You have a strong focus on details', 1)[0], 'skill:detail');
  assert.equal(ids('all aspects of the software development lifecycle', 1)[0], 'skill:sdlc');
  assert.equal(ids('Azure PaaS microservices . NET and PowerShell', 1)[0], 'skill:dotnet');
});
