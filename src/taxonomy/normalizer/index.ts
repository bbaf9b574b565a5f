/** Free text → taxonomy concepts: job-title normalization and skill extraction, lexical and fast. */
export type { ConceptMatch, TitleNormalizer, SkillExtractor } from './types.ts';
export { createTitleNormalizer, DEFAULT_TITLE_OPTIONS, type TitleNormalizerOptions } from './title-normalizer.ts';
export { createSkillExtractor, DEFAULT_SKILL_OPTIONS, type SkillExtractorOptions } from './skill-extractor.ts';
export { readTaxonomyJsonl } from './read-taxonomy-jsonl.ts';
export { TfidfIndex } from './tfidf-index.ts';
export {
  benchmarkPaths, createTfidfBaseline, evaluateSkills, evaluateTitles, loadEscoOccupations, loadEscoSkillLabels,
  loadJobbertTitles, loadSkillSentences, splitTuneHoldout,
  type BenchmarkPaths, type LabelledSentence, type LabelledTitle, type Ranker, type SkillMetrics, type TitleMetrics,
} from './evaluation.ts';
export {
  collectCandidates, createTitleNormalizerWithPostingPrior, DEFAULT_POSTING_PRIOR_OPTIONS, DEFAULT_POSTING_PRIOR_STRENGTH,
  estimatePostingPrior, learnPostingPrior, postingPriorWeight, type PostingPrior, type PostingPriorOptions, type TitleCandidates,
} from './posting-prior.ts';
export {
  applyTitlePrior, DEFAULT_TITLE_PRIOR_OPTIONS, ESCO_TITLE_PRIOR_FILE, escoTitlePrior, learnTitlePrior, MIN_TITLE_PRIOR_COVERAGE,
  parseTitlePrior, readTitlePrior, TITLE_PRIOR_FORMAT, TitlePriorFile, titlePriorWeight, type AppliedTitlePrior,
} from './title-prior.ts';
