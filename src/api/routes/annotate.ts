import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/index.ts';
import { FitwiseError, parseOrThrow } from '../../domain/index.ts';
import {
  AnnotationLabels, annotatorAgreement, exportLabelledCases, getCase, listAnnotations, listEvalRuns, readGuidelines, sampleCases, saveAnnotation,
} from '../../eval/index.ts';
import type { Caller } from '../../skills/index.ts';
import { identityOf } from './assistant.ts';

const SampleQuery = z.object({ sample: z.coerce.number().int().min(1).max(1000).default(20), seed: z.string().max(100).default('fitwise') });
const LabelBody = z.object({ caseId: z.string().min(1).max(300), annotator: z.string().min(1).max(100), labels: AnnotationLabels });
const RunsQuery = z.object({ suite: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(20) });

/**
 * JSON API behind an annotation page (admins only): sampled assistant turns with the guidelines, labels,
 * inter-annotator agreement, labelled cases as dataset lines, and stored evaluation runs.
 */
export async function annotateRoutes(app: FastifyInstance, ctx: Pick<AppContext, 'handle'>, deps: { identityOf?: (req: FastifyRequest) => Caller } = {}): Promise<void> {
  const who = deps.identityOf ?? identityOf;
  const admin = (req: FastifyRequest) => {
    if (who(req).role !== 'admin') throw new FitwiseError('forbidden', 'annotation is for admins', { status: 403 });
  };
  const db = ctx.handle.db;

  app.get('/v1/eval/annotation-cases', async (req) => {
    admin(req);
    const q = parseOrThrow(SampleQuery, req.query, 'query');
    return { guidelines: readGuidelines(), cases: await sampleCases(db, { limit: q.sample, seed: q.seed }) };
  });
  app.get('/v1/eval/annotation-cases/:caseId', async (req) => {
    admin(req);
    const { caseId } = parseOrThrow(z.object({ caseId: z.string().min(1) }), req.params, 'path');
    return { case: await getCase(db, caseId), annotations: await listAnnotations(db, caseId) };
  });
  app.post('/v1/eval/annotations', async (req, reply) => {
    admin(req);
    const body = parseOrThrow(LabelBody, req.body, 'annotation');
    await getCase(db, body.caseId);
    await saveAnnotation(db, body);
    return reply.code(201).send(body);
  });
  app.get('/v1/eval/agreement', async (req) => {
    admin(req);
    return { labels: annotatorAgreement(await listAnnotations(db)) };
  });
  app.get('/v1/eval/labelled-cases', async (req) => {
    admin(req);
    return { cases: await exportLabelledCases(db) };
  });
  app.get('/v1/eval/runs', async (req) => {
    admin(req);
    const q = parseOrThrow(RunsQuery, req.query, 'query');
    return { runs: await listEvalRuns(db, q) };
  });
}
