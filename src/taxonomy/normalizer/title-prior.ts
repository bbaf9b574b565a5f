import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ImportError, type Concept } from '../../domain/index.ts';
import { postingPriorWeight, type PostingPrior } from './posting-prior.ts';

/**
 * Labelled title prior: how often each occupation is the right reading of a vacancy title, counted
 * from titles whose occupation a person confirmed (a labelled set, or a recruiter picking the
 * occupation of a posting). It is a class prior and nothing more: it holds one count per
 * occupation, never a title, so it carries no text from where it was learned.
 *
 * Job-board titles are vague ("Executive", "Operators", "Sales cum admin"); which reading is right
 * depends as much on what is commonly posted as on the words. On JobBERT this prior, learned from
 * the tuning fifth's labels, lifts held-out MRR from 0.39 to 0.48 (docs/NORMALIZATION.md).
 *
 * The file is JSON, so a deployment can ship, inspect and replace it:
 *   { "format": "fitwise-title-prior/1", "description": "...", "labelled": 3093, "pseudoCount": 0.5,
 *     "strength": 0.15, "occupations": [{ "id": "...", "label": "...", "count": 12 }, ...] }
 */

export const TITLE_PRIOR_FORMAT = 'fitwise-title-prior/1';

/** Smoothing and strength chosen by 5-fold cross-validation inside the JobBERT tuning fifth. */
export const DEFAULT_TITLE_PRIOR_OPTIONS = { pseudoCount: 0.5, strength: 0.15 };

/** The prior shipped for ESCO occupations (learned from JobBERT labels; see data/taxonomy/README.md). */
export const ESCO_TITLE_PRIOR_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/taxonomy/esco-title-prior.json');

/** Share of a prior's occupations that must be found in a taxonomy for the prior to apply to it. */
export const MIN_TITLE_PRIOR_COVERAGE = 0.5;

const TitlePriorEntry = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  count: z.number().int().positive(),
});

export const TitlePriorFile = z.object({
  format: z.literal(TITLE_PRIOR_FORMAT),
  description: z.string(),
  labelled: z.number().int().nonnegative(),
  pseudoCount: z.number().positive(),
  strength: z.number().min(0).max(1),
  occupations: z.array(TitlePriorEntry),
});
export type TitlePriorFile = z.infer<typeof TitlePriorFile>;

/**
 * Counts confirmed occupations. Every id must be an occupation of `concepts`: a label that does not
 * belong to the taxonomy is a data error, reported with its position (1-based), not skipped.
 */
export function learnTitlePrior(
  labels: Iterable<{ conceptId: string }>,
  concepts: readonly Concept[],
  options: { description: string; pseudoCount?: number; strength?: number },
): TitlePriorFile {
  const { pseudoCount = DEFAULT_TITLE_PRIOR_OPTIONS.pseudoCount, strength = DEFAULT_TITLE_PRIOR_OPTIONS.strength } = options;
  const byId = new Map(concepts.filter((c) => c.kind === 'occupation').map((c) => [c.id, c]));
  const counts = new Map<string, number>();
  let n = 0;
  for (const { conceptId } of labels) {
    n++;
    if (!byId.has(conceptId)) throw new ImportError(`${JSON.stringify(conceptId)} is not an occupation of the taxonomy`, n);
    counts.set(conceptId, (counts.get(conceptId) ?? 0) + 1);
  }
  const occupations = [...counts].map(([id, count]) => ({ id, label: byId.get(id)!.label, count }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  return TitlePriorFile.parse({ format: TITLE_PRIOR_FORMAT, description: options.description, labelled: n, pseudoCount, strength, occupations });
}

export function parseTitlePrior(raw: unknown, file?: string): TitlePriorFile {
  const parsed = TitlePriorFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportError(`not a title prior: ${issue.path.join('.') || '(root)'}: ${issue.message}`, undefined, file);
  }
  return parsed.data;
}

export async function readTitlePrior(file: string): Promise<TitlePriorFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ImportError(`cannot read title prior: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, undefined, file);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ImportError(`not valid JSON (${(err as Error).message})`, undefined, file);
  }
  return parseTitlePrior(raw, file);
}

let shipped: TitlePriorFile | undefined;
/** The shipped ESCO prior, read once. */
export function escoTitlePrior(): TitlePriorFile {
  shipped ??= parseTitlePrior(JSON.parse(readFileSync(ESCO_TITLE_PRIOR_FILE, 'utf8')), ESCO_TITLE_PRIOR_FILE);
  return shipped;
}

export interface AppliedTitlePrior {
  /** counts keyed by the taxonomy's own concept ids, smoothed; usable with `postingPriorWeight` */
  prior: PostingPrior;
  strength: number;
  /** share of the prior's occupations found in the taxonomy (by id, else by preferred label) */
  coverage: number;
}

const labelKey = (label: string) => label.normalize('NFKC').trim().toLowerCase();

/**
 * Maps a prior onto a taxonomy: each counted occupation by id, or else by its preferred label (the
 * same ESCO occupations under other ids). `undefined` when less than `minCoverage` of the prior's
 * occupations are found: the prior describes another taxonomy and must not bend this one.
 */
export function applyTitlePrior(file: TitlePriorFile, concepts: readonly Concept[], minCoverage = MIN_TITLE_PRIOR_COVERAGE): AppliedTitlePrior | undefined {
  const occupations = concepts.filter((c) => c.kind === 'occupation');
  const ids = new Set(occupations.map((c) => c.id));
  const byLabel = new Map<string, string>();
  for (const c of occupations) if (!byLabel.has(labelKey(c.label))) byLabel.set(labelKey(c.label), c.id);
  const counts = new Map<string, number>();
  let found = 0;
  for (const entry of file.occupations) {
    const id = ids.has(entry.id) ? entry.id : byLabel.get(labelKey(entry.label));
    if (id === undefined) continue;
    found++;
    counts.set(id, (counts.get(id) ?? file.pseudoCount) + entry.count);
  }
  const coverage = file.occupations.length ? found / file.occupations.length : 0;
  if (coverage < minCoverage) return undefined;
  return { prior: { counts, floor: file.pseudoCount, titles: file.labelled }, strength: file.strength, coverage };
}

/** A prior file as the title normalizer's `prior` option for this taxonomy, or `undefined` when it does not apply. */
export function titlePriorWeight(file: TitlePriorFile, concepts: readonly Concept[]): ((concept: Concept) => number) | undefined {
  const applied = applyTitlePrior(file, concepts);
  return applied && postingPriorWeight(applied.prior, applied.strength);
}
