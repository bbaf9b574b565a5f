import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { evaluateCase, parseDataset, saveAnnotation, type EvalReport } from '../../src/eval/index.ts';
import { createRepositories, openDatabase } from '../../src/store/index.ts';
import { createScratchPostgres, postgresAvailable } from '../support/databases.ts';
import { runFitwise } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'fw-eval-cli-'));
let scratch: { url: string; drop(): Promise<void> } | undefined;
let skipDb: string | false = false;

before(async () => {
  if (!(await postgresAvailable())) {
    if (process.env.CI) throw new Error('PostgreSQL is required in CI');
    skipDb = 'PostgreSQL is not reachable: storing runs and the annotation CLI are not tested here';
    return;
  }
  scratch = await createScratchPostgres();
  const handle = await openDatabase({ url: scratch.url });
  const repos = createRepositories(handle.db);
  const at = '2026-05-01T10:00:00.000Z';
  for (let i = 0; i < 3; i++) {
    await repos.conversations.save({
      id: `conv-eval-${i}`, memberId: `m-${i}`, title: '', summary: '', createdAt: at, updatedAt: at,
      messages: [
        { role: 'user', content: `am I a fit for j-00${i}?`, createdAt: at, intent: 'assess_fit' },
        { role: 'assistant', content: i === 1 ? 'You are not a fit for this job.' : 'You are a good fit; to close the SQL gap take the course.', createdAt: at, intent: 'assess_fit', meta: { engine: 'local' } },
      ],
    });
  }
  await handle.close();
});
after(async () => { await scratch?.drop(); });

describe('fitwise eval (CLI)', () => {
  it('passes on the committed thresholds, writes JSON and HTML and stores the run; a degraded build exits non-zero and is flagged against the baseline', async () => {
    const json = join(dir, 'report.json');
    const html = join(dir, 'report.html');
    const env = scratch ? { DATABASE_URL: scratch.url } : {};
    const [ok, degraded] = await Promise.all([
      runFitwise(['eval', '--suite', 'fit,injection', '--json', json, '--html', html, ...(scratch ? [] : ['--no-store'])], { env }),
      runFitwise(['eval', '--suite', 'fit,injection', '--degrade', 'no-next-steps', '--baseline', 'data/eval/baseline.json', '--no-store']),
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /answers breaking tone rules/);
    assert.match(ok.stdout, /PASSED/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as EvalReport;
    assert.equal(report.passed, true);
    assert.equal(report.cases, 80 + 25);
    assert.match(readFileSync(html, 'utf8'), /<svg class="chart" data-chart="fit-scores"/);

    // Tone guardrail off (next steps stripped): below threshold and a regression against the committed baseline.
    assert.equal(degraded.code, 1, degraded.stderr);
    assert.match(degraded.stderr, /^fitwise: evaluation failed: below threshold: .*tone\.violationRate.*; regressed: .*tone\.violationRate/m);
    assert.match(degraded.stdout, /REGRESSED/);
    assert.match(degraded.stdout, /FAILED/);

    if (scratch) {
      assert.match(ok.stderr, /stored as eval-\d+-\w+ in eval_runs/);
      const c = new pg.Client({ connectionString: scratch.url });
      await c.connect();
      const rows = (await c.query("select suite, passed, report->'metrics'->>'tone.violationRate' as tone from eval_runs")).rows;
      await c.end();
      assert.equal(rows.length, 1);
      assert.equal(rows[0].suite, 'fit,injection');
      assert.equal(rows[0].passed, true);
      assert.equal(Number(rows[0].tone), report.metrics['tone.violationRate']);
    }
  });
});

describe('fitwise annotate (CLI)', () => {
  it('records labels, rejects a bad one, reports kappa between annotators and exports dataset cases', async (t) => {
    if (skipDb) { t.skip(skipDb); return; }
    const env = { DATABASE_URL: scratch!.url };
    // The other annotator's labels and one more of ann's go in directly; the CLI records one and rejects one.
    const handle = await openDatabase({ url: scratch!.url });
    await saveAnnotation(handle.db, { caseId: 'conv-eval-1#1', annotator: 'bo', labels: { tone: 'blunt', rai: 'no', overall: 1 } });
    await saveAnnotation(handle.db, { caseId: 'conv-eval-0#1', annotator: 'bo', labels: { tone: 'ok', rai: 'no' } });
    await saveAnnotation(handle.db, { caseId: 'conv-eval-0#1', annotator: 'ann', labels: { tone: 'ok', rai: 'no', intent: 'assess_fit' } });
    const [recorded, rejected] = await Promise.all([
      runFitwise(['annotate', '--annotator', 'ann', '--case', 'conv-eval-1#1', '--label', 'tone=blunt', '--label', 'rai=no', '--label', 'overall=2'], { env }),
      runFitwise(['annotate', '--annotator', 'ann', '--case', 'conv-eval-1#1', '--label', 'tone=rude'], { env }),
    ]);
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.match(recorded.stdout, /recorded overall=2 tone=blunt rai=no for conv-eval-1#1 by ann/);
    assert.equal(rejected.code, 2);
    assert.match(rejected.stderr, /^fitwise: label tone: /);
    const [agreement, exported] = await Promise.all([
      runFitwise(['annotate', '--agreement', '--json'], { env }),
      runFitwise(['annotate', '--export', '-'], { env }),
    ]);
    assert.equal(agreement.code, 0, agreement.stderr);
    const kappa = JSON.parse(agreement.stdout) as { label: string; meanKappa: number | null; pairs: { items: number }[] }[];
    assert.equal(kappa.find((k) => k.label === 'tone')!.meanKappa, 1);
    assert.equal(kappa.find((k) => k.label === 'tone')!.pairs[0]!.items, 2);
    assert.equal(exported.code, 0, exported.stderr);
    // Exported cases are a valid dataset, and the deterministic detectors agree with the annotators on them.
    const cases = parseDataset(exported.stdout, 'exported.jsonl');
    assert.ok(cases.some((c) => c.kind === 'answer' && c.id === 'ann-conv-eval-1-1' && c.expect.blunt === true), exported.stdout);
    assert.ok(cases.some((c) => c.kind === 'routing' && c.intent === 'assess_fit'));
    const results = await Promise.all(cases.filter((c) => c.kind === 'answer').map((c) => evaluateCase(c, { target: undefined as never, catalog: undefined as never })));
    assert.ok(results.length >= 2);
    assert.ok(results.every((r) => r.passed), JSON.stringify(results));
    await handle.close();
  });
});
