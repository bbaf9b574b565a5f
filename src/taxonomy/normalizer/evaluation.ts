import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Concept } from '../../domain/index.ts';
import { TfidfIndex } from './tfidf-index.ts';

/**
 * Loaders for the public labelled sets (JobBERT titles, SkillSpan TECH/HOUSE sentences, ESCO) and the
 * ranking metrics, shared by bench/normalize.ts and the quality test so both measure the same thing.
 */

export interface LabelledTitle { text: string; conceptId: string }
export interface LabelledSentence { text: string; labels: string[] }
/** Any ranker under evaluation: text in, concept ids best first. */
export type Ranker = (text: string, k: number) => string[];

/** ESCO occupations in the Tabiya CSV layout; id = ORIGINURI, alt labels are newline-separated. */
export async function loadEscoOccupations(file: string): Promise<Concept[]> {
  const rows = parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => {
    const label = r.PREFERREDLABEL.trim();
    const alts = [...new Set(r.ALTLABELS.split('\n').map((a) => a.trim()).filter((a) => a && a !== label))];
    return {
      id: r.ORIGINURI, kind: 'occupation' as const, label, altLabels: alts,
      description: r.DESCRIPTION ? r.DESCRIPTION.slice(0, 5000) : undefined, related: [], skills: [], source: 'esco',
      // The ESCO occupation code ("2654.1.7") says how specialised the occupation is.
      category: r.CODE || undefined,
    };
  });
}

/** ESCO skill preferred labels, one per line; id = label. */
export async function loadEscoSkillLabels(file: string): Promise<Concept[]> {
  const labels = (await readFile(file, 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
  return [...new Set(labels)].map((label) => ({ id: label, kind: 'skill' as const, label, altLabels: [], related: [], skills: [] }));
}

export async function loadJobbertTitles(file: string): Promise<LabelledTitle[]> {
  const rows = parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => ({ text: r.vacancyTitle, conceptId: r.conceptUri }));
}

/**
 * SkillSpan TECH/HOUSE annotations grouped by sentence. "LABEL NOT PRESENT" and "UNDERSPECIFIED"
 * spans carry no ESCO skill; sentences left without any label are dropped, as in the papers.
 */
export async function loadSkillSentences(file: string): Promise<LabelledSentence[]> {
  const rows = parse(await readFile(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const bySentence = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = bySentence.get(r.sentence) ?? new Set<string>();
    bySentence.set(r.sentence, set);
    if (r.label && r.label !== 'LABEL NOT PRESENT' && r.label !== 'UNDERSPECIFIED') set.add(r.label.trim());
  }
  return [...bySentence].filter(([, s]) => s.size > 0).map(([text, s]) => ({ text, labels: [...s] }));
}

export interface BenchmarkPaths {
  occupations: string; skills: string; titles: string; tech: string; house: string;
}

export function benchmarkPaths(sharedDir: string): BenchmarkPaths {
  const data = join(sharedDir, 'data');
  return {
    occupations: join(data, 'esco', 'occupations.csv'),
    skills: join(data, 'esco', 'skills_en_label.txt'),
    titles: join(data, 'benchmarks', 'jobbert', 'titles_validation.csv'),
    tech: join(data, 'benchmarks', 'skill_extraction', 'tech_validation_annotations.csv'),
    house: join(data, 'benchmarks', 'skill_extraction', 'house_validation_annotations.csv'),
  };
}

export interface TitleMetrics { n: number; mrr: number; r1: number; r5: number; r10: number }

/** MRR (rank cut at 100), and recall at 1/5/10 of the single gold occupation. */
export function evaluateTitles(rank: Ranker, items: readonly LabelledTitle[]): TitleMetrics {
  let mrr = 0, r1 = 0, r5 = 0, r10 = 0;
  for (const item of items) {
    const ids = rank(item.text, 100);
    const i = ids.indexOf(item.conceptId);
    if (i < 0) continue;
    mrr += 1 / (i + 1);
    if (i < 1) r1++;
    if (i < 5) r5++;
    if (i < 10) r10++;
  }
  const n = items.length || 1;
  return { n: items.length, mrr: mrr / n, r1: r1 / n, r5: r5 / n, r10: r10 / n };
}

export interface SkillMetrics { n: number; rp5: number; mrr: number; r10: number }

/**
 * RP@5 (R-precision at 5): relevant skills among the top 5 divided by min(5, number of gold skills),
 * averaged over sentences; also MRR of the first gold skill and recall at 10.
 */
export function evaluateSkills(rank: Ranker, items: readonly LabelledSentence[]): SkillMetrics {
  let rp5 = 0, mrr = 0, r10 = 0;
  for (const item of items) {
    const ids = rank(item.text, 100);
    const gold = new Set(item.labels);
    const hits5 = ids.slice(0, 5).filter((id) => gold.has(id)).length;
    rp5 += hits5 / Math.min(5, gold.size);
    const first = ids.findIndex((id) => gold.has(id));
    if (first >= 0) mrr += 1 / (first + 1);
    r10 += ids.slice(0, 10).filter((id) => gold.has(id)).length / gold.size;
  }
  const n = items.length || 1;
  return { n: items.length, rp5: rp5 / n, mrr: mrr / n, r10: r10 / n };
}

/** Character 3-grams the way scikit-learn's analyzer="char" makes them (whitespace collapsed, no padding). */
function sklearnCharNgrams(text: string, n = 3): string[] {
  const s = text.toLowerCase().replace(/\s\s+/g, ' ');
  const out: string[] = [];
  for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}

/** scikit-learn's default word tokens: runs of 2+ word characters, lower-cased. */
function sklearnWords(text: string): string[] {
  return text.toLowerCase().match(/\b\w\w+\b/gu) ?? [];
}

/**
 * The published baselines: TF-IDF cosine between the query and each label or alternative label,
 * over character 3-grams or words; a concept scores as its best label.
 */
export function createTfidfBaseline(concepts: readonly Concept[], analyzer: 'char' | 'word'): Ranker {
  const analyze = analyzer === 'char' ? sklearnCharNgrams : sklearnWords;
  const docs: string[][] = [];
  const owner: number[] = [];
  concepts.forEach((c, i) => {
    for (const label of [c.label, ...c.altLabels]) { docs.push(analyze(label)); owner.push(i); }
  });
  const index = new TfidfIndex(docs);
  return (text, k) => {
    const best = new Map<number, number>();
    for (const h of index.search(analyze(text))) {
      const o = owner[h.doc];
      if ((best.get(o) ?? 0) < h.score) best.set(o, h.score);
    }
    return [...best].sort((a, b) => b[1] - a[1]).slice(0, k).map(([o]) => concepts[o].id);
  };
}

/** Splits items into a small tuning part (every 5th item) and a held-out part (the rest). */
export function splitTuneHoldout<T>(items: readonly T[]): { tune: T[]; holdout: T[] } {
  const tune: T[] = [];
  const holdout: T[] = [];
  items.forEach((item, i) => (i % 5 === 0 ? tune : holdout).push(item));
  return { tune, holdout };
}
