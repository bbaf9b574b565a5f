import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CASE_KINDS, DatasetError, loadDatasets, loadThresholds, parseDataset, suiteFiles } from '../../src/eval/index.ts';

const member = { id: 'm-1', skills: [{ name: 'Python' }] };
const job = { id: 'j-1', title: 'Data Engineer', required: { skills: [{ name: 'Python' }] } };
const fitLine = (extra: Record<string, unknown> = {}) => JSON.stringify({ kind: 'fit', id: 'fit-1', member, job, expect: { levels: ['good'] }, ...extra });

function errorOf(fn: () => unknown): DatasetError {
  try { fn(); } catch (err) { if (err instanceof DatasetError) return err; throw err; }
  assert.fail('expected a DatasetError');
}

describe('evaluation datasets', () => {
  it('the committed offline suite has at least 300 cases of every kind we ship, with unique ids', () => {
    const datasets = loadDatasets(suiteFiles('offline'));
    const cases = datasets.flatMap((d) => d.cases);
    assert.ok(cases.length >= 300, `${cases.length} cases`);
    for (const kind of CASE_KINDS.filter((k) => k !== 'answer')) assert.ok(cases.some((c) => c.kind === kind), `no ${kind} case`);
    assert.equal(new Set(cases.map((c) => c.id)).size, cases.length);
    for (const d of datasets) assert.match(d.sha256, /^[0-9a-f]{12}$/);
  });

  it('a suite name picks its dataset file; an unknown one lists the suites', () => {
    assert.deepEqual(suiteFiles('routing,search').map((f) => f.split('/').pop()), ['routing.jsonl', 'search.jsonl']);
    assert.throws(() => suiteFiles('nope'), /unknown suite "nope"; suites: offline, judge, .*fit/);
  });

  it('a bad line is reported with file, line and field path', () => {
    const text = `${fitLine()}\n\n${JSON.stringify({ kind: 'fit', id: 'fit-2', member: { ...member, skills: [{ name: '' }] }, job, expect: { levels: ['good'] } })}\n`;
    const e = errorOf(() => parseDataset(text, 'my.jsonl'));
    assert.equal(e.line, 3);
    assert.equal(e.path, 'member.skills[0].name');
    assert.match(e.message, /^my\.jsonl:3: member\.skills\[0\]\.name: /);
  });

  it('invalid JSON, an unknown kind, a missing expectation and a duplicate id each get a clear message', () => {
    assert.match(errorOf(() => parseDataset('{"kind": "fit",', 'a.jsonl')).message, /^a\.jsonl:1: not valid JSON/);
    assert.match(errorOf(() => parseDataset('{"kind": "poem", "id": "x"}', 'a.jsonl')).message, /^a\.jsonl:1: kind: unknown kind "poem"/);
    assert.match(errorOf(() => parseDataset(fitLine({ expect: { levels: [] } }), 'a.jsonl')).message, /^a\.jsonl:1: expect\.levels: /);
    assert.match(errorOf(() => parseDataset(`${fitLine()}\n${fitLine()}`, 'a.jsonl')).message, /^a\.jsonl:2: id: duplicate id "fit-1" \(first on line 1\)/);
    assert.match(errorOf(() => parseDataset(JSON.stringify({ kind: 'routing', id: 'r', text: 'hi', intent: 'chit_chat' }), 'r.jsonl')).message, /^r\.jsonl:1: intent: /);
  });

  it('a user dataset file loads with defaults applied (company id, tags, phrases)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-eval-'));
    const file = join(dir, 'mine.jsonl');
    writeFileSync(file, `// my cases\n${fitLine()}\n`);
    const [d] = loadDatasets([file]);
    const c = d!.cases[0]!;
    assert.equal(c.kind, 'fit');
    if (c.kind === 'fit') {
      assert.equal(c.job.companyId, 'c-eval');
      assert.deepEqual(c.expect.mustNotSay, []);
      assert.deepEqual(c.tags, []);
    }
  });

  it('the thresholds file must name known metrics', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-eval-'));
    const file = join(dir, 't.json');
    writeFileSync(file, JSON.stringify({ version: 1, metrics: { 'routing.acuracy': { min: 0.9 } } }));
    assert.throws(() => loadThresholds(file), /metrics\.routing\.acuracy: unknown metric/);
    writeFileSync(file, JSON.stringify({ version: 1, metrics: { 'routing.accuracy': {} } }));
    assert.throws(() => loadThresholds(file), /give min or max/);
    assert.ok(loadThresholds().metrics['tone.violationRate']);
  });
});
