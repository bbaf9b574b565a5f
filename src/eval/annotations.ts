import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ASSISTANT_INTENTS } from '../assistant/index.ts';
import { FitwiseError, NotFoundError, type Conversation } from '../domain/index.ts';
import { tables, type Db } from '../store/index.ts';
import { EVAL_DATA_DIR } from './load-dataset.ts';
import type { EvalReport } from './run-evaluation.ts';

export const GUIDELINES_FILE = join(EVAL_DATA_DIR, 'annotation-guidelines.md');

/** The labels an annotator gives one assistant turn (see data/eval/annotation-guidelines.md). */
export const AnnotationLabels = z.object({
  overall: z.coerce.number().int().min(1).max(5).optional(),
  hallucination: z.enum(['yes', 'no']).optional(),
  tone: z.enum(['ok', 'blunt', 'missing_next_step']).optional(),
  rai: z.enum(['yes', 'no']).optional(),
  intent: z.enum(ASSISTANT_INTENTS).optional(),
  note: z.string().max(2000).optional(),
}).strict();
export type AnnotationLabels = z.infer<typeof AnnotationLabels>;
export const LABEL_KEYS = ['overall', 'hallucination', 'tone', 'rai', 'intent'] as const;

/** `["overall=4", "tone=ok"]` → validated labels; a bad key or value throws one clear message. */
export function parseLabels(pairs: readonly string[]): AnnotationLabels {
  const raw: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new FitwiseError('invalid_input', `label ${JSON.stringify(p)}: expected key=value`, { status: 400 });
    raw[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  const parsed = AnnotationLabels.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path[0] ?? (issue as { keys?: string[] }).keys?.[0] ?? '';
    throw new FitwiseError('invalid_input', `label ${String(key)}: ${issue.code === 'unrecognized_keys' ? `unknown label (labels: ${[...LABEL_KEYS, 'note'].join(', ')})` : issue.message}`, { status: 400 });
  }
  if (Object.keys(parsed.data).length === 0) throw new FitwiseError('invalid_input', 'no label given', { status: 400 });
  return parsed.data;
}

/** One assistant turn to annotate: the user's message and the answer to it. */
export interface AnnotationCase {
  caseId: string;
  conversationId: string;
  memberId: string;
  question: string;
  answer: string;
  intent?: string;
  engine?: string;
  createdAt: string;
}

function turns(c: Conversation): AnnotationCase[] {
  const out: AnnotationCase[] = [];
  c.messages.forEach((m, i) => {
    const prev = c.messages[i - 1];
    if (m.role !== 'assistant' || prev?.role !== 'user') return;
    out.push({
      caseId: `${c.id}#${i}`, conversationId: c.id, memberId: c.memberId, question: prev.content, answer: m.content,
      ...(m.intent ? { intent: m.intent } : {}), ...(typeof m.meta?.engine === 'string' ? { engine: m.meta.engine } : {}), createdAt: m.createdAt,
    });
  });
  return out;
}

const rank = (seed: string, id: string) => createHash('sha256').update(`${seed}:${id}`).digest('hex');

/** A deterministic sample (same seed, same cases) of stored assistant turns, newest conversations first scanned. */
export async function sampleCases(db: Db, opts: { limit?: number; seed?: string; scan?: number } = {}): Promise<AnnotationCase[]> {
  const rows = await db.select({ data: tables.conversations.data }).from(tables.conversations)
    .orderBy(desc(tables.conversations.updatedAt)).limit(opts.scan ?? 5000);
  const seed = opts.seed ?? 'fitwise';
  return rows.flatMap((r) => turns(r.data)).sort((a, b) => rank(seed, a.caseId).localeCompare(rank(seed, b.caseId))).slice(0, opts.limit ?? 20);
}

export async function getCase(db: Db, caseId: string): Promise<AnnotationCase> {
  const [conversationId] = caseId.split('#');
  const [row] = await db.select({ data: tables.conversations.data }).from(tables.conversations).where(eq(tables.conversations.id, conversationId!));
  const found = row ? turns(row.data).find((t) => t.caseId === caseId) : undefined;
  if (!found) throw new NotFoundError('annotation case', caseId);
  return found;
}

export interface StoredAnnotation { caseId: string; annotator: string; labels: AnnotationLabels; createdAt: string }

/** Records (or replaces) one annotator's labels for a case. */
export async function saveAnnotation(db: Db, a: { caseId: string; annotator: string; labels: AnnotationLabels }): Promise<void> {
  if (!a.annotator.trim()) throw new FitwiseError('invalid_input', 'annotator name is empty', { status: 400 });
  await db.insert(tables.annotations).values({ caseId: a.caseId, annotator: a.annotator, labels: a.labels })
    .onConflictDoUpdate({ target: [tables.annotations.caseId, tables.annotations.annotator], set: { labels: sql`excluded.labels` } });
}

export async function listAnnotations(db: Db, caseId?: string): Promise<StoredAnnotation[]> {
  const rows = await db.select().from(tables.annotations).where(caseId ? and(eq(tables.annotations.caseId, caseId)) : undefined)
    .orderBy(asc(tables.annotations.caseId), asc(tables.annotations.annotator));
  return rows.map((r) => ({ caseId: r.caseId, annotator: r.annotator, labels: r.labels as AnnotationLabels, createdAt: String(r.createdAt) }));
}

/** Cohen's kappa of two raters over the same items: (observed − chance agreement) ÷ (1 − chance agreement). */
export function cohensKappa(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length || a.length === 0) throw new Error('kappa needs two equally long, non-empty label lists');
  const n = a.length;
  const observed = a.filter((x, i) => x === b[i]).length / n;
  const cats = new Set([...a, ...b]);
  let chance = 0;
  for (const c of cats) chance += (a.filter((x) => x === c).length / n) * (b.filter((x) => x === c).length / n);
  if (chance === 1) return 1; // both raters used one and the same category throughout
  return (observed - chance) / (1 - chance);
}

export interface AgreementReport {
  label: string;
  pairs: { a: string; b: string; items: number; kappa: number; observed: number }[];
  meanKappa: number | null;
}

/** Inter-annotator agreement per label: Cohen's kappa for every pair of annotators over the cases both labelled. */
export function annotatorAgreement(annotations: readonly StoredAnnotation[]): AgreementReport[] {
  const byAnnotator = new Map<string, Map<string, AnnotationLabels>>();
  for (const a of annotations) {
    const m = byAnnotator.get(a.annotator) ?? new Map<string, AnnotationLabels>();
    m.set(a.caseId, a.labels);
    byAnnotator.set(a.annotator, m);
  }
  const names = [...byAnnotator.keys()].sort();
  return LABEL_KEYS.map((label) => {
    const pairs: AgreementReport['pairs'] = [];
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const x = byAnnotator.get(names[i]!)!;
        const y = byAnnotator.get(names[j]!)!;
        const shared = [...x.keys()].filter((k) => y.has(k) && x.get(k)![label] !== undefined && y.get(k)![label] !== undefined);
        if (shared.length === 0) continue;
        const a = shared.map((k) => String(x.get(k)![label]));
        const b = shared.map((k) => String(y.get(k)![label]));
        pairs.push({ a: names[i]!, b: names[j]!, items: shared.length, kappa: Math.round(cohensKappa(a, b) * 1000) / 1000, observed: Math.round((a.filter((v, n) => v === b[n]).length / a.length) * 1000) / 1000 });
      }
    }
    return { label, pairs, meanKappa: pairs.length ? Math.round((pairs.reduce((s, p) => s + p.kappa, 0) / pairs.length) * 1000) / 1000 : null };
  });
}

function majority<T>(xs: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | undefined; let n = 0;
  for (const [x, c] of counts) if (c > n) { best = x; n = c; }
  return best;
}

/**
 * Labelled turns as dataset lines: an `answer` case (the detectors must agree with the annotators' majority
 * on bluntness and RAI) and, when an intent was labelled, a `routing` case.
 */
export async function exportLabelledCases(db: Db): Promise<Record<string, unknown>[]> {
  const annotations = await listAnnotations(db);
  const byCase = new Map<string, AnnotationLabels[]>();
  for (const a of annotations) byCase.set(a.caseId, [...(byCase.get(a.caseId) ?? []), a.labels]);
  const out: Record<string, unknown>[] = [];
  for (const [caseId, labels] of byCase) {
    let c: AnnotationCase;
    try { c = await getCase(db, caseId); } catch { continue; }
    const id = caseId.replace(/[^\w-]+/g, '-');
    const tone = majority(labels.map((l) => l.tone).filter((t) => t !== undefined));
    const rai = majority(labels.map((l) => l.rai).filter((t) => t !== undefined));
    if (tone || rai) {
      out.push({ kind: 'answer', id: `ann-${id}`, tags: ['annotated'], question: c.question, answer: c.answer, expect: { ...(tone ? { blunt: tone === 'blunt' } : {}), ...(rai ? { raiViolation: rai === 'yes' } : {}) } });
    }
    const intent = majority(labels.map((l) => l.intent).filter((t) => t !== undefined));
    if (intent) out.push({ kind: 'routing', id: `ann-route-${id}`, tags: ['annotated'], text: c.question, intent });
  }
  return out;
}

export function readGuidelines(): string {
  return existsSync(GUIDELINES_FILE) ? readFileSync(GUIDELINES_FILE, 'utf8') : '(guidelines file missing: data/eval/annotation-guidelines.md)';
}

/** Stores a report in `eval_runs` (id, suite, report, passed); returns the run id. */
export async function saveEvalRun(db: Db, report: EvalReport, id = `eval-${report.startedAt.replace(/[^0-9]/g, '').slice(0, 14)}-${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
  await db.insert(tables.evalRuns).values({ id, suite: report.suite, report: report as unknown as Record<string, unknown>, passed: report.passed });
  return id;
}

export async function listEvalRuns(db: Db, opts: { suite?: string; limit?: number } = {}): Promise<{ id: string; suite: string; passed: boolean; createdAt: string; metrics: unknown }[]> {
  const rows = await db.select({ id: tables.evalRuns.id, suite: tables.evalRuns.suite, passed: tables.evalRuns.passed, createdAt: tables.evalRuns.createdAt, metrics: sql`${tables.evalRuns.report}->'metrics'` })
    .from(tables.evalRuns).where(opts.suite ? eq(tables.evalRuns.suite, opts.suite) : undefined).orderBy(desc(tables.evalRuns.createdAt)).limit(opts.limit ?? 20);
  return rows.map((r) => ({ ...r, createdAt: String(r.createdAt) }));
}
