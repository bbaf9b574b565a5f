import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Through bin/fitwise.js once the command is wired into the CLI; until then through a fresh
// commander program with the same one-line error printing as src/cli/main.ts.
const wired = /normalize\.ts/.test(readFileSync(join(root, 'src/cli/commands/index.ts'), 'utf8'));
const HARNESS = `
import { Command } from 'commander';
import { register } from './src/cli/commands/normalize.ts';
const program = new Command().exitOverride();
register(program);
try { await program.parseAsync(process.argv.slice(1), { from: 'user' }); }
catch (err) { process.stderr.write('fitwise: ' + String(err.message).replace(/\\s*\\n\\s*/g, ' ') + '\\n'); process.exitCode = 1; }
`;

/** Runs `fn` with a fresh temporary directory, removed afterwards whatever happens. */
async function withTempDir(prefix: string, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = wired
    ? ['bin/fitwise.js', ...args]
    : ['--import', 'tsx', '--input-type=module', '-e', HARNESS, '--', ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const TAXONOMY = [
  { id: 'occ:dev', kind: 'occupation', label: 'software developer', altLabels: ['programmer'] },
  { id: 'occ:sales', kind: 'occupation', label: 'sales manager', altLabels: ['head of sales'] },
  { id: 'occ:nurse', kind: 'occupation', label: 'nurse', altLabels: [] },
  { id: 'skill:js', kind: 'skill', label: 'JavaScript', altLabels: ['JS'] },
  { id: 'skill:sql', kind: 'skill', label: 'SQL', altLabels: [] },
];

test('titles normalize and skills extract write one JSON line per input line', async () => {
  await withTempDir('fw-normalize-cli-', async (dir) => {
    const file = join(dir, 'taxonomy.jsonl');
    await writeFile(file, TAXONOMY.map((c) => JSON.stringify(c)).join('\n') + '\n');

    const titles = await run(['titles', 'normalize', '--taxonomy', file, '--top', '2'], 'Sr. Software Dev (m/f/d)\n\nHead of Sales - Berlin\n');
    assert.equal(titles.code, 0, titles.stderr);
    const lines = titles.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.text), ['Sr. Software Dev (m/f/d)', '', 'Head of Sales - Berlin']);
    assert.equal(lines[0].matches[0].id, 'occ:dev');
    assert.equal(lines[0].matches[0].label, 'software developer');
    assert.equal(typeof lines[0].matches[0].score, 'number');
    assert.ok(lines[0].matches.length <= 2);
    assert.ok(lines[0].matches.every((m: { id: string }) => m.id.startsWith('occ:')));
    assert.deepEqual(lines[1].matches, []);
    assert.equal(lines[2].matches[0].id, 'occ:sales');

    const skills = await run(['skills', 'extract', '--taxonomy', file], 'Strong JS and SQL skills\n');
    assert.equal(skills.code, 0, skills.stderr);
    const [record] = skills.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(new Set(record.skills.slice(0, 2).map((s: { id: string }) => s.id)), new Set(['skill:js', 'skill:sql']));
  });
});

test('a bad taxonomy file or --top is one line on stderr and a non-zero exit', async () => {
  await withTempDir('fw-normalize-cli-', async (dir) => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, `${JSON.stringify(TAXONOMY[0])}\n{"id": 1}\n`);
    for (const args of [
      ['titles', 'normalize', '--taxonomy', bad],
      ['titles', 'normalize', '--taxonomy', join(dir, 'missing.jsonl')],
      ['skills', 'extract', '--taxonomy', bad, '--top', 'zero'],
    ]) {
      const got = await run(args, 'x\n');
      assert.notEqual(got.code, 0, args.join(' '));
      assert.equal(got.stderr.trimEnd().split('\n').length, 1, got.stderr);
      assert.doesNotMatch(got.stderr, /\n\s+at /);
    }
    const badLine = await run(['titles', 'normalize', '--taxonomy', bad], 'x\n');
    assert.match(badLine.stderr, /line 2/);
  });
});

test('titles normalize learns a posting prior from a piped batch (batch, and auto when no title prior applies) and not with off', async () => {
  await withTempDir('fw-normalize-prior-', async (dir) => {
    const file = join(dir, 'taxonomy.jsonl');
    await writeFile(file, [
      { id: 'occ:sales-manager', kind: 'occupation', label: 'sales manager', altLabels: ['head of sales', 'sales director'] },
      { id: 'occ:sales-assistant', kind: 'occupation', label: 'sales assistant', altLabels: ['shop assistant', 'retail assistant'] },
      { id: 'occ:admin-assistant', kind: 'occupation', label: 'administrative assistant', altLabels: ['office assistant'] },
    ].map((c) => JSON.stringify(c)).join('\n') + '\n');
    // A board that posts sales assistants: the bare title "Sales" should be read in that light.
    const board = [...Array.from({ length: 150 }, () => 'Sales Assistant'), ...Array.from({ length: 49 }, () => 'Retail Sales Assistant (part-time)'), 'Sales Manager', 'Sales'];
    const top = async (mode: string) => {
      const r = await run(['titles', 'normalize', '--taxonomy', file, '--top', '1', '--posting-prior', mode], board.join('\n') + '\n');
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, board.length);
      return lines.at(-1).matches[0].id as string;
    };
    assert.equal(await top('off'), 'occ:sales-manager');
    assert.equal(await top('batch'), 'occ:sales-assistant');
    assert.equal(await top('auto'), 'occ:sales-assistant', 'the shipped ESCO prior does not apply to this taxonomy');

    const bad = await run(['titles', 'normalize', '--taxonomy', file, '--posting-prior', 'sometimes'], 'Sales\n');
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    assert.match(bad.stderr, /--posting-prior must be auto, batch or off/);
  });
});

test('titles learn-prior counts confirmed occupations; --title-prior FILE applies them; bad input is one line on stderr', async () => {
  await withTempDir('fw-title-prior-', async (dir) => {
    const file = join(dir, 'taxonomy.jsonl');
    await writeFile(file, [
      { id: 'occ:sales-manager', kind: 'occupation', label: 'sales manager', altLabels: ['head of sales', 'sales director'] },
      { id: 'occ:sales-assistant', kind: 'occupation', label: 'sales assistant', altLabels: ['shop assistant', 'retail assistant'] },
    ].map((c) => JSON.stringify(c)).join('\n') + '\n');
    const confirmed = [
      ...Array.from({ length: 30 }, () => ({ text: 'Sales Executive', id: 'occ:sales-assistant' })),
      { text: 'Head of Sales', id: 'occ:sales-manager' },
    ];
    const learned = await run(['titles', 'learn-prior', '--taxonomy', file], confirmed.map((c) => JSON.stringify(c)).join('\n') + '\n');
    assert.equal(learned.code, 0, learned.stderr);
    const prior = JSON.parse(learned.stdout);
    assert.equal(prior.format, 'fitwise-title-prior/1');
    assert.equal(prior.labelled, 31);
    assert.deepEqual(prior.occupations.map((o: { id: string; count: number }) => [o.id, o.count]), [['occ:sales-assistant', 30], ['occ:sales-manager', 1]]);
    assert.ok(!learned.stdout.includes('Sales Executive'), 'the prior keeps counts, not titles');
    const priorFile = join(dir, 'prior.json');
    await writeFile(priorFile, learned.stdout);

    const top = async (...extra: string[]) => {
      const r = await run(['titles', 'normalize', '--taxonomy', file, '--top', '1', ...extra], 'Sales\n');
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout).matches[0].id as string;
    };
    assert.equal(await top(), 'occ:sales-manager');
    assert.equal(await top('--title-prior', priorFile), 'occ:sales-assistant');
    assert.equal(await top('--title-prior', 'off'), 'occ:sales-manager');

    const failures: [string[], string, RegExp][] = [
      [['titles', 'learn-prior', '--taxonomy', file], '{"id":"occ:sales-manager"}\nnot json\n', /stdin line 2: not valid JSON/],
      [['titles', 'learn-prior', '--taxonomy', file], '{"id":"occ:pilot"}\n', /stdin line 1: "occ:pilot" is not an occupation/],
      [['titles', 'learn-prior', '--taxonomy', file], '{"text":"x"}\n', /stdin line 1: "id" must be a non-empty string/],
      [['titles', 'learn-prior', '--taxonomy', file], '\n', /no labelled titles/],
      [['titles', 'normalize', '--taxonomy', file, '--title-prior', join(dir, 'missing.json')], 'Sales\n', /cannot read title prior: ENOENT/],
      [['titles', 'normalize', '--taxonomy', file, '--title-prior', file], 'Sales\n', /not valid JSON/],
    ];
    for (const [args, stdin, message] of failures) {
      const r = await run(args, stdin);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
    const otherTaxonomy = join(dir, 'other.jsonl');
    await writeFile(otherTaxonomy, JSON.stringify({ id: 'occ:nurse', kind: 'occupation', label: 'nurse', altLabels: [] }) + '\n');
    const mismatch = await run(['titles', 'normalize', '--taxonomy', otherTaxonomy, '--title-prior', priorFile], 'Nurse\n');
    assert.notEqual(mismatch.code, 0);
    assert.match(mismatch.stderr, /its occupations are not in this taxonomy/);
  });
});
