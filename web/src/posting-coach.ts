/**
 * The posting coach runs in the browser for as-you-type feedback: the same pure function the server's
 * `posting_quality` skill uses (it has only type imports, so it bundles without server code).
 */
export { assessPostingQuality, type PostingQuality, type InclusiveLanguageFlag } from '../../src/skills/coaches/posting-quality.ts';
