import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BIN, runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'fw-cli-'));
const dataDir = join(dir, 'db');
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** A failure is exactly one line on stderr, no stack trace. */
function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

describe('fitwise CLI (foundation commands)', () => {
  test('every command answers --help', async () => {
    for (const args of [[], ['serve'], ['seed'], ['taxonomy', 'import'], ['import', 'resume'], ['import', 'job'], ['bench']]) {
      const r = await runCli([...args, '--help']);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /Usage: fitwise/);
    }
  });

  test('an unknown command or a bad option value is one line on stderr with exit 2', async () => {
    const r = await runCli(['frobnicate']);
    assert.equal(r.code, 2);
    assertOneLineError(r.stderr, /unknown command/);
    const s = await runCli(['--data-dir', dataDir, 'seed', '--members', 'many']);
    assert.equal(s.code, 2);
    assertOneLineError(s.stderr, /--members must be a whole number/);
  });

  test('seed writes a deterministic dataset and reports it as JSON', async () => {
    const r = await runCli(['--data-dir', dataDir, 'seed', '--members', '40', '--jobs', '10', '--companies', '4', '--courses', '5', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.members, 40);
    assert.equal(out.jobs, 10);
  });

  test('import resume and import job print {"id": ...}', async () => {
    const a = await runCli(['--data-dir', dataDir, 'import', 'resume', fixture('resume.json'), '--json']);
    assert.equal(a.code, 0, a.stderr);
    assert.match(JSON.parse(a.stdout).id, /^m-[0-9a-f]{16}$/);
    const b = await runCli(['--data-dir', dataDir, 'import', 'job', fixture('job-posting.json'), '--json']);
    assert.equal(b.code, 0, b.stderr);
    assert.deepEqual(JSON.parse(b.stdout), { id: 'j-DE-1234' });
  });

  test('a malformed resume or a missing file is one clear line and a non-zero exit', async () => {
    const bad = join(dir, 'bad-resume.json');
    writeFileSync(bad, JSON.stringify({ basics: { name: 'X' }, work: [{ name: 'Y', startDate: 'soon' }] }));
    const r = await runCli(['--data-dir', dataDir, 'import', 'resume', bad, '--json']);
    assert.equal(r.code, 1);
    assertOneLineError(r.stderr, /work\[0\]\.startDate/);
    const m = await runCli(['--data-dir', dataDir, 'import', 'job', join(dir, 'nope.json')]);
    assert.equal(m.code, 1);
    assertOneLineError(m.stderr, /cannot read .*nope\.json: ENOENT/);
    const j = join(dir, 'broken.json');
    writeFileSync(j, '{"@type": "JobPosting", ');
    const p = await runCli(['--data-dir', dataDir, 'import', 'job', j]);
    assertOneLineError(p.stderr, /not valid JSON/);
  });

  test('a broken taxonomy file names its line and writes nothing', async () => {
    const file = join(dir, 'broken.jsonl');
    writeFileSync(file, '{"id":"skill:zz1","kind":"skill","label":"ZZ one"}\n{"id":"skill:zz2","kind":"skill","label":"ZZ two"}\n{"id":"skill:zz3","kind":"skil","label":"ZZ three"}\n');
    const r = await runCli(['--data-dir', dataDir, 'taxonomy', 'import', file]);
    assert.equal(r.code, 1);
    assertOneLineError(r.stderr, /broken\.jsonl:line 3: kind/);
    const good = join(dir, 'good.jsonl');
    writeFileSync(good, '{"id":"skill:zz1","kind":"skill","label":"ZZ one"}\n');
    const ok = await runCli(['--data-dir', dataDir, 'taxonomy', 'import', good, '--json']);
    assert.deepEqual(JSON.parse(ok.stdout), { skills: 1, occupations: 0 });
  });

  test('serve answers /healthz within 60 s, is ready once the demo data is seeded, and shuts down on SIGTERM', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, [BIN, '--data-dir', join(dir, 'serve-db'), 'serve', '--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const started = Date.now();
    let healthy = false;
    while (Date.now() - started < 60_000 && !healthy) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        healthy = res.status === 200 && (await res.json() as { status: string }).status === 'ok';
      } catch { await new Promise((r) => setTimeout(r, 250)); }
    }
    const healthyAfter = Date.now() - started;
    let ready = false;
    while (healthy && Date.now() - started < 150_000 && !ready) {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      ready = res.status === 200;
      if (!ready) await new Promise((r) => setTimeout(r, 250));
    }
    try {
      assert.ok(healthy, `no healthy answer within 60 s:\n${stderr}`);
      assert.ok(healthyAfter < 60_000);
      assert.ok(ready, `not ready (seeded) within 150 s:\n${stderr}`);
      const jobs = await (await fetch(`http://127.0.0.1:${port}/v1/jobs?limit=1`)).json() as { total: number };
      assert.equal(jobs.total, 1000);
    } finally {
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});
