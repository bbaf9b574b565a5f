import type { Concept } from '../../domain/index.ts';
import { createTitleNormalizer, type TitleNormalizerOptions } from './title-normalizer.ts';
import type { TitleNormalizer } from './types.ts';

/**
 * Posting prior: how often a job board posts each occupation, learned by EM from the board's own
 * *unlabelled* posting titles. Each title's top candidates and scores are read as a likelihood; the
 * prior is the smoothed expected number of titles per occupation, optionally re-estimated with the
 * posterior (likelihood × prior) for more EM rounds. Occupations that many titles point to gain
 * mass, occupations that only appear as runners-up lose it.
 */
export interface PostingPriorOptions {
  /** candidates per title that share its probability mass */
  topK: number;
  /** softmax temperature over a title's scores (scores are in [0, 1]); lower = trust the ranker's top more */
  temperature: number;
  /** additive smoothing, in titles, given to every candidate occupation before normalising */
  pseudoCount: number;
  /**
   * EM rounds; round 1 uses a uniform prior (expected counts under the ranker alone). Later rounds
   * sharpen the prior toward the ranker's own favourites, including its systematic mistakes; on
   * JobBERT one round was best.
   */
  iterations: number;
}

/** Set on the tuning fifth of the JobBERT titles (prior learned from one half's texts, scored on the other's labels). */
export const DEFAULT_POSTING_PRIOR_OPTIONS: PostingPriorOptions = { topK: 50, temperature: 0.1, pseudoCount: 2, iterations: 1 };

/** A title's candidates: concept ids and normalizer scores, best first. */
export interface TitleCandidates { ids: string[]; scores: number[] }

export interface PostingPrior {
  /** expected posting count per occupation seen among the candidates, after smoothing (`pseudoCount` added) */
  counts: Map<string, number>;
  /** count given to an occupation no title pointed to (the smoothing alone) */
  floor: number;
  /** number of non-empty titles the prior was learned from */
  titles: number;
}

/** Ranks each title once with the plain normalizer; the EM works on these lists. */
export function collectCandidates(normalizer: TitleNormalizer, titles: readonly string[], topK: number): TitleCandidates[] {
  return titles.map((title) => {
    const matches = normalizer.normalize(title, topK);
    return { ids: matches.map((m) => m.id), scores: matches.map((m) => m.score) };
  });
}

/** EM over precomputed candidate lists (see `learnPostingPrior`). */
export function estimatePostingPrior(candidates: readonly TitleCandidates[], options: Partial<PostingPriorOptions> = {}): PostingPrior {
  const opt = { ...DEFAULT_POSTING_PRIOR_OPTIONS, ...options };
  validate(opt);
  const lists = candidates.filter((c) => c.ids.length > 0).map((c) => ({ ids: c.ids.slice(0, opt.topK), likelihood: softmax(c.scores.slice(0, opt.topK), opt.temperature) }));
  let counts = new Map<string, number>();
  for (const list of lists) for (const id of list.ids) counts.set(id, opt.pseudoCount);
  for (let round = 0; round < opt.iterations; round++) {
    const next = new Map<string, number>();
    for (const id of counts.keys()) next.set(id, opt.pseudoCount);
    for (const { ids, likelihood } of lists) {
      const joint = ids.map((id, i) => likelihood[i] * (round === 0 ? 1 : counts.get(id)!));
      const total = joint.reduce((a, b) => a + b, 0);
      if (total <= 0) continue;
      ids.forEach((id, i) => next.set(id, next.get(id)! + joint[i] / total));
    }
    counts = next;
  }
  return { counts, floor: opt.pseudoCount, titles: lists.length };
}

/**
 * Learns a posting prior from unlabelled job titles (e.g. the titles of a deployment's jobs table)
 * with the plain normalizer as the likelihood.
 */
export function learnPostingPrior(normalizer: TitleNormalizer, titles: readonly string[], options: Partial<PostingPriorOptions> = {}): PostingPrior {
  const opt = { ...DEFAULT_POSTING_PRIOR_OPTIONS, ...options };
  validate(opt);
  return estimatePostingPrior(collectCandidates(normalizer, titles, opt.topK), opt);
}

/**
 * The prior as the normalizer's `prior` option: (count / largest count)^strength, so the most
 * posted occupation keeps its score and scores stay in [0, 1]. Strength 0 is neutral.
 */
export function postingPriorWeight(prior: PostingPrior, strength: number): (concept: Concept) => number {
  if (!(strength >= 0)) throw new RangeError(`posting prior strength must be ≥ 0, got ${strength}`);
  let max = prior.floor;
  for (const v of prior.counts.values()) if (v > max) max = v;
  if (!(max > 0)) return () => 1;
  return (concept) => ((prior.counts.get(concept.id) ?? prior.floor) / max) ** strength;
}

/** Exponent of the prior as a multiplier, set with the options above. */
export const DEFAULT_POSTING_PRIOR_STRENGTH = 0.2;

/**
 * A title normalizer that also knows what this job board posts: builds the plain normalizer, learns
 * the posting prior from `titles` (unlabelled) and rebuilds with the prior as a score multiplier.
 * A `prior` among the normalizer options (e.g. a labelled title prior) is kept: the EM runs on top
 * of it and the two multiply.
 */
export function createTitleNormalizerWithPostingPrior(
  concepts: readonly Concept[],
  titles: readonly string[],
  options: Partial<PostingPriorOptions> & { strength?: number; normalizer?: Partial<TitleNormalizerOptions> } = {},
): { normalizer: TitleNormalizer; prior: PostingPrior } {
  const { strength = DEFAULT_POSTING_PRIOR_STRENGTH, normalizer: normalizerOptions = {}, ...priorOptions } = options;
  const prior = learnPostingPrior(createTitleNormalizer(concepts, normalizerOptions), titles, priorOptions);
  const posting = postingPriorWeight(prior, strength);
  const base = normalizerOptions.prior;
  const weight = base ? (c: Concept) => base(c) * posting(c) : posting;
  return { normalizer: createTitleNormalizer(concepts, { ...normalizerOptions, prior: weight }), prior };
}

function softmax(scores: readonly number[], temperature: number): number[] {
  const top = Math.max(...scores);
  return scores.map((s) => Math.exp((s - top) / temperature));
}

function validate(opt: PostingPriorOptions): void {
  if (!Number.isInteger(opt.topK) || opt.topK < 1) throw new RangeError(`posting prior topK must be a positive integer, got ${opt.topK}`);
  if (!(opt.temperature > 0)) throw new RangeError(`posting prior temperature must be > 0, got ${opt.temperature}`);
  if (!(opt.pseudoCount >= 0)) throw new RangeError(`posting prior pseudoCount must be ≥ 0, got ${opt.pseudoCount}`);
  if (!Number.isInteger(opt.iterations) || opt.iterations < 1) throw new RangeError(`posting prior iterations must be a positive integer, got ${opt.iterations}`);
}
