import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorHandling } from '../../src/api/errors.ts';
import { annotateRoutes } from '../../src/api/routes/annotate.ts';
import { createRepositories, openDatabase, type DatabaseHandle } from '../../src/store/index.ts';
import { createScratchPostgres, postgresAvailable } from '../support/databases.ts';

let app: FastifyInstance;
let handle: DatabaseHandle;
let drop: (() => Promise<void>) | undefined;
const admin = { 'x-role': 'admin' };

before(async () => {
  if (await postgresAvailable()) {
    const scratch = await createScratchPostgres();
    handle = await openDatabase({ url: scratch.url });
    drop = scratch.drop;
  } else {
    handle = await openDatabase({ dataDir: 'memory://' });
  }
  const at = '2026-05-01T10:00:00.000Z';
  await createRepositories(handle.db).conversations.save({
    id: 'conv-api', memberId: 'm-1', title: '', summary: '', createdAt: at, updatedAt: at,
    messages: [{ role: 'user', content: 'am I a fit?', createdAt: at }, { role: 'assistant', content: 'You are a good fit.', createdAt: at, intent: 'assess_fit' }],
  });
  app = Fastify();
  installErrorHandling(app);
  await annotateRoutes(app, { handle });
});
after(async () => { await app.close(); await handle.close(); await drop?.(); });

describe('annotation API', () => {
  it('serves sampled cases with the guidelines, records labels, reports agreement; admins only', async () => {
    const forbidden = await app.inject({ method: 'GET', url: '/v1/eval/annotation-cases', headers: { 'x-role': 'member', 'x-member-id': 'm-1' } });
    assert.equal(forbidden.statusCode, 403);
    const cases = await app.inject({ method: 'GET', url: '/v1/eval/annotation-cases?sample=5', headers: admin });
    assert.equal(cases.statusCode, 200);
    const body = cases.json() as { guidelines: string; cases: { caseId: string }[] };
    assert.match(body.guidelines, /Annotation guidelines/);
    assert.deepEqual(body.cases.map((c) => c.caseId), ['conv-api#1']);
    const bad = await app.inject({ method: 'POST', url: '/v1/eval/annotations', headers: admin, payload: { caseId: 'conv-api#1', annotator: 'ann', labels: { overall: 9 } } });
    assert.equal(bad.statusCode, 400);
    assert.match((bad.json() as { error: { message: string } }).error.message, /labels\.overall/);
    for (const annotator of ['ann', 'bo']) {
      const r = await app.inject({ method: 'POST', url: '/v1/eval/annotations', headers: admin, payload: { caseId: 'conv-api#1', annotator, labels: { tone: 'ok', overall: 4 } } });
      assert.equal(r.statusCode, 201, r.body);
    }
    const missing = await app.inject({ method: 'POST', url: '/v1/eval/annotations', headers: admin, payload: { caseId: 'conv-api#7', annotator: 'ann', labels: { tone: 'ok' } } });
    assert.equal(missing.statusCode, 404);
    const agreement = (await app.inject({ method: 'GET', url: '/v1/eval/agreement', headers: admin })).json() as { labels: { label: string; pairs: { observed: number }[] }[] };
    assert.equal(agreement.labels.find((l) => l.label === 'tone')!.pairs[0]!.observed, 1);
    const labelled = (await app.inject({ method: 'GET', url: '/v1/eval/labelled-cases', headers: admin })).json() as { cases: { kind: string }[] };
    assert.deepEqual(labelled.cases.map((c) => c.kind), ['answer']);
  });
});
