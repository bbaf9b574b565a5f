import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import {
  createOfflineTarget, getCase, listAnnotations, listEvalRuns, loadDatasets, parseLabels, runEvaluation, sampleCases, saveAnnotation, saveEvalRun, suiteFiles,
  type EvalReport,
} from '../../src/eval/index.ts';
import { createRepositories, type DatabaseHandle } from '../../src/store/index.ts';
import { testBackends } from '../support/databases.ts';

let report: EvalReport;
before(async () => {
  const { target, catalog } = await createOfflineTarget();
  report = await runEvaluation({ suite: 'posting', datasets: loadDatasets(suiteFiles('posting')), target, catalog });
});

describe('annotation labels', () => {
  it('key=value pairs are validated with one clear message per problem', () => {
    assert.deepEqual(parseLabels(['overall=4', 'tone=missing_next_step', 'intent=find_jobs']), { overall: 4, tone: 'missing_next_step', intent: 'find_jobs' });
    assert.throws(() => parseLabels(['overall=7']), /^FitwiseError: label overall: /);
    assert.throws(() => parseLabels(['mood=happy']), /label mood: unknown label/);
    assert.throws(() => parseLabels(['overall']), /expected key=value/);
  });
});

for (const backend of testBackends()) {
  describe(`annotations and eval runs on ${backend.name}`, () => {
    let h: DatabaseHandle & { dispose(): Promise<void> };
    before(async () => {
      h = await backend.open();
      const repos = createRepositories(h.db);
      const at = '2026-05-01T10:00:00.000Z';
      for (let i = 0; i < 4; i++) {
        await repos.conversations.save({
          id: `conv-${i}`, memberId: `m-${i}`, title: '', summary: '', createdAt: at, updatedAt: at,
          messages: [
            { role: 'user', content: `question ${i}`, createdAt: at, intent: 'assess_fit' },
            { role: 'assistant', content: `answer ${i}`, createdAt: at, intent: 'assess_fit' },
            { role: 'user', content: `follow-up ${i}`, createdAt: at, intent: 'learning_path' },
            { role: 'assistant', content: `second answer ${i}`, createdAt: at, intent: 'learning_path' },
          ],
        });
      }
    });
    after(async () => { await h.dispose(); });

    it('samples assistant turns deterministically by seed', async () => {
      const a = await sampleCases(h.db, { limit: 5, seed: 's1' });
      const b = await sampleCases(h.db, { limit: 5, seed: 's1' });
      const c = await sampleCases(h.db, { limit: 8, seed: 's2' });
      assert.equal(a.length, 5);
      assert.deepEqual(a.map((x) => x.caseId), b.map((x) => x.caseId));
      assert.equal(c.length, 8);
      assert.notDeepEqual(a.map((x) => x.caseId), c.slice(0, 5).map((x) => x.caseId));
      const one = await getCase(h.db, 'conv-2#3');
      assert.deepEqual([one.question, one.answer, one.intent], ['follow-up 2', 'second answer 2', 'learning_path']);
      await assert.rejects(getCase(h.db, 'conv-2#2'), /was not found/);
    });

    it('an annotator relabelling a case replaces their labels', async () => {
      await saveAnnotation(h.db, { caseId: 'conv-1#1', annotator: 'ann', labels: { overall: 3 } });
      await saveAnnotation(h.db, { caseId: 'conv-1#1', annotator: 'ann', labels: { overall: 5, tone: 'ok' } });
      await saveAnnotation(h.db, { caseId: 'conv-1#1', annotator: 'bo', labels: { overall: 4 } });
      const rows = await listAnnotations(h.db, 'conv-1#1');
      assert.deepEqual(rows.map((r) => [r.annotator, r.labels]), [['ann', { overall: 5, tone: 'ok' }], ['bo', { overall: 4 }]]);
    });

    it('a report is stored in eval_runs and listed with its metrics', async () => {
      const id = await saveEvalRun(h.db, report);
      const runs = await listEvalRuns(h.db, { suite: 'posting' });
      assert.equal(runs[0]!.id, id);
      assert.equal(runs[0]!.passed, report.passed);
      assert.equal((runs[0]!.metrics as Record<string, number>)['posting.issueRecall'], report.metrics['posting.issueRecall']);
    });
  });
}
