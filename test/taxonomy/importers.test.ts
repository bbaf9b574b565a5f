import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ImportError } from '../../src/domain/index.ts';
import { createRepositories, openDatabase, type DatabaseHandle } from '../../src/store/index.ts';
import {
  importTaxonomy, parseEscoOccupationsCsv, parseSkillLabelList, parseTaxonomyJsonl, readEscoOccupations, readEscoSkillLabels, readOnetFolder,
} from '../../src/taxonomy/index.ts';
import { SHARED_DIR } from '../support/databases.ts';

const ESCO = join(SHARED_DIR, 'data/esco');
const ONET = join(SHARED_DIR, 'data/onet');
const haveShared = existsSync(ESCO) && existsSync(ONET);
const skipShared = haveShared ? false : `shared data not found at ${SHARED_DIR}data (only present on development and CI machines)`;

describe('importers on the real ESCO and O*NET files', { skip: skipShared }, () => {
  test('ESCO occupations.csv: 3,007 occupations with 32,804 alternative labels', async () => {
    const occ = await readEscoOccupations(join(ESCO, 'occupations.csv'));
    assert.equal(occ.length, 3007);
    assert.equal(occ.reduce((n, c) => n + c.altLabels.length, 0), 32804);
    const td = occ.find((c) => c.label === 'technical director')!;
    assert.match(td.id, /^http:\/\/data\.europa\.eu\/esco\/occupation\//);
    assert.ok(td.altLabels.includes('head of technical'));
    assert.ok(td.description && td.description.length > 20);
  });

  test('ESCO skill labels: 13,896 skills with distinct ids', async () => {
    const skills = await readEscoSkillLabels(join(ESCO, 'skills_en_label.txt'));
    assert.equal(skills.length, 13896);
    assert.equal(new Set(skills.map((s) => s.id)).size, 13896);
    assert.ok(skills.every((s) => s.kind === 'skill'));
  });

  test('O*NET: 1,016 occupations with their alternate titles and technology skills', async () => {
    const concepts = await readOnetFolder(ONET);
    const occ = concepts.filter((c) => c.kind === 'occupation');
    const skills = concepts.filter((c) => c.kind === 'skill');
    assert.equal(occ.length, 1016);
    assert.equal(skills.length, 8768); // distinct technology examples
    const ceo = occ.find((c) => c.id === 'onet:11-1011.00')!;
    assert.equal(ceo.label, 'Chief Executives');
    assert.ok(ceo.altLabels.includes('Agency Owner'));
    assert.ok(ceo.skills.length > 10);
    assert.equal(occ.filter((c) => c.skills.length > 0).length, 923);
    const ids = new Set(skills.map((s) => s.id));
    assert.ok(occ.every((o) => o.skills.every((s) => ids.has(s))));
  });
});

describe('bad input is reported with its line, and nothing is written', () => {
  let handle: DatabaseHandle;
  const dir = mkdtempSync(join(tmpdir(), 'fw-import-'));
  before(async () => { handle = await openDatabase({ dataDir: 'memory://' }); });
  after(async () => { await handle.close(); });

  test('a JSONL line that is not JSON names its line number', () => {
    const text = '{"id":"skill:a","kind":"skill","label":"A"}\n\n{"id":"skill:b","kind":"skill",\n';
    assert.throws(() => parseTaxonomyJsonl(text, 'x.jsonl'), (e: unknown) => e instanceof ImportError && e.line === 3 && /x\.jsonl:line 3: not valid JSON/.test(e.message));
  });

  test('a JSONL line with a bad field names the line and the field', () => {
    const text = '{"id":"skill:a","kind":"skill","label":"A"}\n{"id":"skill:b","kind":"tool","label":"B"}\n';
    assert.throws(() => parseTaxonomyJsonl(text), /line 2: kind: /);
  });

  test('a duplicate id is a bad row', () => {
    const text = '{"id":"a","kind":"skill","label":"A"}\n{"id":"a","kind":"skill","label":"B"}\n';
    assert.throws(() => parseTaxonomyJsonl(text), /line 2: duplicate id "a"/);
  });

  test('an ESCO row without a preferred label names its line', () => {
    const csv = 'ORIGINURI,PREFERREDLABEL,ALTLABELS\nhttp://x/1,first,"a\nb"\nhttp://x/2,,c\n';
    assert.throws(() => parseEscoOccupationsCsv(csv), /line 4: PREFERREDLABEL is empty/);
    assert.equal(parseEscoOccupationsCsv(csv.replace(',,c', ',second,c')).length, 2);
  });

  test('a skill list with a control character names its line', () => {
    assert.throws(() => parseSkillLabelList('good\nbad\u0001label\n'), /line 2/);
  });

  test('an import with one bad row writes nothing', async () => {
    const repos = createRepositories(handle.db);
    const good = Array.from({ length: 600 }, (_, i) => JSON.stringify({ id: `skill:s${i}`, kind: 'skill', label: `Skill ${i}` }));
    const file = join(dir, 'broken.jsonl');
    writeFileSync(file, [...good, '{"id":"skill:broken","kind":"skill"}'].join('\n'));
    await assert.rejects(importTaxonomy(repos, file), /broken\.jsonl:line 601: label/);
    assert.equal(await repos.concepts.count(), 0);
  });

  test('an import whose references do not resolve writes nothing', async () => {
    const repos = createRepositories(handle.db);
    const file = join(dir, 'dangling.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'skill:a', kind: 'skill', label: 'A', related: ['skill:nowhere'] })}\n`);
    await assert.rejects(importTaxonomy(repos, file), /unknown id "skill:nowhere"/);
    assert.equal(await repos.concepts.count(), 0);
  });

  test('a valid import is written whole', async () => {
    const repos = createRepositories(handle.db);
    const file = join(dir, 'ok.jsonl');
    writeFileSync(file, [
      { id: 'skill:a', kind: 'skill', label: 'A', related: ['skill:b'] },
      { id: 'skill:b', kind: 'skill', label: 'B' },
      { id: 'occ:x', kind: 'occupation', label: 'X', skills: ['skill:a'] },
    ].map((c) => JSON.stringify(c)).join('\n'));
    assert.deepEqual(await importTaxonomy(repos, file), { skills: 2, occupations: 1 });
    assert.equal(await repos.concepts.count(), 3);
  });
});
