import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Concept } from '../../src/domain/index.ts';
import { Taxonomy, foldLabel } from '../../src/taxonomy/index.ts';
import { buildDefaultTaxonomy, toJsonl } from '../../scripts/taxonomy/build-default-taxonomy.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILE = join(REPO_ROOT, 'data', 'taxonomy', 'default.jsonl');
const TEXT = readFileSync(FILE, 'utf8');
const LINES = TEXT.split('\n').filter((l) => l.trim() !== '');
const CONCEPTS: Concept[] = LINES.map((line) => Concept.parse(JSON.parse(line)));
const BY_ID = new Map(CONCEPTS.map((c) => [c.id, c]));
const SKILLS = CONCEPTS.filter((c) => c.kind === 'skill');
const OCCUPATIONS = CONCEPTS.filter((c) => c.kind === 'occupation');

/** Skill categories that belong to software and IT; every other category counts as a non-software field. */
const SOFTWARE_CATEGORIES = new Set([
  'Programming languages', 'Web development', 'Backend development', 'Mobile development', 'Game development',
  'Software engineering practices', 'Databases', 'Cloud & DevOps', 'Data engineering', 'Data & analytics',
  'Machine learning & AI', 'Cybersecurity', 'Quality assurance & testing', 'IT support & infrastructure',
  'Embedded systems & electronics',
]);

/**
 * Same-kind alias collisions we accept on purpose: "label|kind" → the ids that share it. Empty today;
 * adding an entry needs a reason, because a shared alias makes title and skill matching ambiguous.
 */
const ALLOWED_COLLISIONS: ReadonlyMap<string, readonly string[]> = new Map();

test('every line of the default taxonomy parses as a Concept', () => {
  for (const [i, line] of LINES.entries()) {
    const result = Concept.safeParse(JSON.parse(line));
    assert.ok(result.success, `line ${i + 1}: ${result.success ? '' : result.error.message}`);
  }
});

test('the committed JSONL is exactly what the generator builds from its sources', () => {
  assert.equal(TEXT, toJsonl(buildDefaultTaxonomy()), 'run: node --import tsx scripts/taxonomy/build-default-taxonomy.ts');
});

test('the generator refuses sources that refer to an unknown skill or repeat an id', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitwise-taxonomy-'));
  try {
    mkdirSync(join(dir, 'skills'));
    mkdirSync(join(dir, 'occupations'));
    writeFileSync(join(dir, 'skills', 'a.txt'), '## Test\nsql | SQL | structured query language | postgresql | A query language.\npostgresql | PostgreSQL | postgres | sql | A database.\n');
    writeFileSync(join(dir, 'occupations', 'a.txt'), '## Test\ndba | Database administrator | DBA, database engineer, db admin | sql postgresql backup | dba | Runs databases.\n');
    assert.throws(() => buildDefaultTaxonomy(dir), /occ:dba: related occ:dba is the concept itself\nocc:dba: skill skill:backup is not a known skill/);
    writeFileSync(join(dir, 'occupations', 'a.txt'), '## Test\ndba | Database administrator | DBA, database engineer, db admin | sql postgresql | dba2 | Runs databases.\ndba2 | Data engineer | ETL developer, data platform engineer, pipeline engineer | sql | dba | Builds pipelines.\n');
    assert.equal(buildDefaultTaxonomy(dir).length, 4);
    writeFileSync(join(dir, 'skills', 'b.txt'), '## Test\nsql | SQL again | sequel | postgresql | Duplicate.\n');
    assert.throws(() => buildDefaultTaxonomy(dir), /duplicate id skill:sql/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ids are unique and carry the prefix of their kind', () => {
  assert.equal(BY_ID.size, CONCEPTS.length);
  for (const c of CONCEPTS) {
    const pattern = c.kind === 'skill' ? /^skill:[a-z0-9]+(?:[-.][a-z0-9]+)*$/ : /^occ:[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
    assert.match(c.id, pattern);
  }
});

test('the taxonomy has at least 650 skills and 160 occupations', () => {
  assert.ok(SKILLS.length >= 650, `only ${SKILLS.length} skills`);
  assert.ok(OCCUPATIONS.length >= 160, `only ${OCCUPATIONS.length} occupations`);
});

test('every related and skills reference resolves to a concept of the right kind', () => {
  for (const c of CONCEPTS) {
    for (const r of c.related) {
      assert.notEqual(r, c.id, `${c.id} relates to itself`);
      assert.equal(BY_ID.get(r)?.kind, c.kind, `${c.id}: related ${r} is not a ${c.kind}`);
    }
    for (const s of c.skills) assert.equal(BY_ID.get(s)?.kind, 'skill', `${c.id}: skill ${s} is not a skill`);
    assert.equal(new Set(c.related).size, c.related.length, `${c.id} lists a related id twice`);
    assert.equal(new Set(c.skills).size, c.skills.length, `${c.id} lists a skill twice`);
  }
});

test('every skill has a category, a one-sentence description and 1 to 6 related skills', () => {
  for (const s of SKILLS) {
    assert.ok(s.category, `${s.id} has no category`);
    assert.match(s.description ?? '', /^[A-Z0-9.].*[.]$/, `${s.id} description`);
    assert.ok(s.related.length >= 1 && s.related.length <= 6, `${s.id} has ${s.related.length} related skills`);
    assert.equal(s.skills.length, 0, `${s.id} is a skill but lists skills`);
  }
});

test('every occupation has at least 3 alternative titles, 6 to 15 skills and 1 to 5 related occupations', () => {
  for (const o of OCCUPATIONS) {
    assert.ok(o.altLabels.length >= 3, `${o.id} has ${o.altLabels.length} alternative titles`);
    assert.ok(o.skills.length >= 6 && o.skills.length <= 15, `${o.id} has ${o.skills.length} skills`);
    assert.ok(o.related.length >= 1 && o.related.length <= 5, `${o.id} has ${o.related.length} related occupations`);
    assert.ok(o.category && o.description, `${o.id} lacks a category or description`);
  }
});

test('occupation labels carry no seniority words and titles carry no parenthesised qualifiers', () => {
  for (const o of OCCUPATIONS) {
    // A school principal is a job, not a seniority band.
    const label = o.label.replace(/^School principal$/, 'School head');
    assert.doesNotMatch(label, /\b(senior|junior|sr|jr|lead|principal|trainee|intern|entry[- ]level)\b/i, o.id);
    for (const alt of o.altLabels) assert.doesNotMatch(alt, /[()]|\b(senior|junior|sr|jr)\b/i, `${o.id}: "${alt}"`);
  }
});

test('no concept repeats its own label among its alternative labels', () => {
  for (const c of CONCEPTS) {
    const folded = [c.label, ...c.altLabels].map(foldLabel);
    assert.equal(new Set(folded).size, folded.length, `${c.id} repeats a label`);
  }
});

test('no label or alias names two concepts of the same kind, apart from the allow-list', () => {
  const owners = new Map<string, Set<string>>();
  for (const c of CONCEPTS) {
    for (const label of [c.label, ...c.altLabels]) {
      const key = `${foldLabel(label)}|${c.kind}`;
      const set = owners.get(key) ?? new Set<string>();
      set.add(c.id);
      owners.set(key, set);
    }
  }
  const collisions = [...owners].filter(([key, ids]) => {
    if (ids.size < 2) return false;
    const allowed = ALLOWED_COLLISIONS.get(key);
    return !allowed || [...ids].some((id) => !allowed.includes(id));
  });
  assert.deepEqual(collisions.map(([key, ids]) => `${key}: ${[...ids].join(', ')}`), []);
});

test('skill categories span at least 12 non-software fields and stay between 30 and 50 in total', () => {
  const categories = new Set(SKILLS.map((s) => s.category!));
  const nonSoftware = [...categories].filter((c) => !SOFTWARE_CATEGORIES.has(c));
  assert.ok(nonSoftware.length >= 12, `only ${nonSoftware.length} non-software categories: ${nonSoftware.join(', ')}`);
  assert.ok(categories.size >= 30 && categories.size <= 50, `${categories.size} categories`);
  for (const c of SOFTWARE_CATEGORIES) assert.ok(categories.has(c), `software category "${c}" is not used`);
});

test('occupations cover the major job families, each with several occupations', () => {
  const perFamily = new Map<string, number>();
  for (const o of OCCUPATIONS) perFamily.set(o.category!, (perFamily.get(o.category!) ?? 0) + 1);
  for (const family of ['Software engineering', 'Nursing', 'Healthcare', 'Finance & accounting', 'Sales', 'Marketing & communications',
    'Human resources', 'Legal', 'Education', 'Logistics & supply chain', 'Manufacturing & production', 'Engineering',
    'Construction & trades', 'Hospitality & food service', 'Retail', 'Customer service', 'Office & administration']) {
    assert.ok((perFamily.get(family) ?? 0) >= 3, `family "${family}" has ${perFamily.get(family) ?? 0} occupations`);
  }
});

test('most skills are typical of at least one occupation, so demo careers can reach them', () => {
  const used = new Set(OCCUPATIONS.flatMap((o) => o.skills));
  const unused = SKILLS.filter((s) => !used.has(s.id));
  assert.ok(unused.length <= SKILLS.length * 0.05, `${unused.length} skills belong to no occupation: ${unused.map((s) => s.id).join(' ')}`);
});

test('common abbreviations and alternative titles resolve to the expected concept', () => {
  const taxonomy = new Taxonomy(CONCEPTS);
  const cases: Array<[string, 'skill' | 'occupation', string]> = [
    ['k8s', 'skill', 'skill:kubernetes'],
    ['JS', 'skill', 'skill:javascript'],
    ['ECMAScript', 'skill', 'skill:javascript'],
    ['golang', 'skill', 'skill:go'],
    ['ML', 'skill', 'skill:machine-learning'],
    ['CI/CD', 'skill', 'skill:ci-cd'],
    ['CI', 'skill', 'skill:ci-cd'],
    ['CRM', 'skill', 'skill:customer-relationship-management'],
    ['postgres', 'skill', 'skill:postgresql'],
    ['FP&A', 'skill', 'skill:financial-planning-analysis'],
    ['CPR', 'skill', 'skill:bls'],
    ['HACCP', 'skill', 'skill:food-safety'],
    ['PPC', 'skill', 'skill:sem'],
    ['ICD-10', 'skill', 'skill:medical-coding'],
    ['SWE', 'occupation', 'occ:software-engineer'],
    ['RN', 'occupation', 'occ:registered-nurse'],
    ['HGV driver', 'occupation', 'occ:truck-driver'],
    ['SDR', 'occupation', 'occ:sales-development-representative'],
    ['attorney', 'occupation', 'occ:lawyer'],
    ['CNA', 'occupation', 'occ:nursing-assistant'],
  ];
  for (const [label, kind, id] of cases) {
    assert.deepEqual(taxonomy.findByLabel(label, kind).map((c) => c.id), [id], `"${label}"`);
  }
});

test('related skills are genuinely adjacent for a few well-known pairs', () => {
  const taxonomy = new Taxonomy(CONCEPTS);
  const pairs: Array<[string, string]> = [
    ['skill:postgresql', 'skill:mysql'], ['skill:react', 'skill:vuejs'], ['skill:react', 'skill:typescript'],
    ['skill:excel', 'skill:google-sheets'], ['skill:excel', 'skill:financial-modeling'], ['skill:docker', 'skill:kubernetes'],
  ];
  for (const [a, b] of pairs) {
    assert.ok(taxonomy.related(a).has(b) && taxonomy.related(b).has(a), `${a} ↔ ${b}`);
  }
});

test('career moves exist from individual roles into management', () => {
  const taxonomy = new Taxonomy(CONCEPTS);
  for (const [from, to] of [['occ:software-engineer', 'occ:engineering-manager'], ['occ:registered-nurse', 'occ:nurse-manager'],
    ['occ:accountant', 'occ:financial-controller'], ['occ:account-executive', 'occ:sales-manager'], ['occ:warehouse-supervisor', 'occ:warehouse-manager']]) {
    assert.ok(taxonomy.related(from).has(to), `${from} → ${to}`);
  }
});
