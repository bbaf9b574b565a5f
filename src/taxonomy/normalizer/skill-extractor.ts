import type { Concept } from '../../domain/index.ts';
import { AD_FILLER, LABEL_STOP_WORDS, PARAPHRASES, STOP_WORDS } from './lexicon.ts';
import { SpellingCorrector } from './spelling-corrector.ts';
import { charNgrams, foldText, stemWord, tokenize } from './text.ts';
import { TfidfIndex } from './tfidf-index.ts';
import type { ConceptMatch, SkillExtractor } from './types.ts';

/** Weights of the skill ranker; defaults were set on a fifth of the TECH/HOUSE validation sentences. */
export interface SkillExtractorOptions {
  /** weight of the label-coverage ranker (share of the label's IDF mass found in the text) */
  coverageWeight: number;
  /** weight of the word TF-IDF cosine ranker */
  wordWeight: number;
  /** weight of the character 3-gram TF-IDF cosine ranker */
  charWeight: number;
  /** IDF mass at which a label match counts as fully specific (one rare word ≈ 5) */
  specificMass: number;
  /** bonus when the label's words appear next to each other, in order */
  phraseBonus: number;
  /** share of the coverage given to a label's parenthesised qualifier ("Java (computer programming)") */
  qualifierShare: number;
  /** an alternative label counts this much of the preferred label */
  altLabelFactor: number;
  /** character 3-grams found in more than this fraction of labels are not walked (speed) */
  charMaxDocFraction: number;
}

export const DEFAULT_SKILL_OPTIONS: SkillExtractorOptions = {
  coverageWeight: 1, wordWeight: 0.5, charWeight: 0.3, specificMass: 5, phraseBonus: 0.2, qualifierShare: 0.15,
  altLabelFactor: 0.97, charMaxDocFraction: 0.02,
};

interface QueryTerm { surface: string; word: string; stem: string; position: number; weight: number; corrected?: boolean }

interface Form {
  concept: number;
  text: string;
  main: string[];
  qualifier: string[];
  words: string[];
  mainIdf: number;
  qualifierIdf: number;
  factor: number;
}

/**
 * Ranks skills mentioned in a piece of job-ad or CV text. Three rankers are fused: how much of each
 * label's IDF mass the text contains (stems, abbreviations expanded, paraphrases and compounds
 * resolved, spelling fixed against the taxonomy's words), with a bonus when the label appears as a
 * phrase; a word TF-IDF cosine; and a character 3-gram TF-IDF cosine for variants and typos.
 */
export function createSkillExtractor(concepts: readonly Concept[], options: Partial<SkillExtractorOptions> = {}): SkillExtractor {
  const opt = { ...DEFAULT_SKILL_OPTIONS, ...options };
  const skills = concepts.filter((c) => c.kind === 'skill');
  const forms: Form[] = [];
  const postings = new Map<string, number[]>();
  const mainPostings = new Map<string, number[]>();
  const vocabulary = new Set<string>();
  skills.forEach((c, ci) => {
    const seen = new Set<string>();
    [c.label, ...c.altLabels].forEach((text, li) => {
      const key = foldText(text).trim();
      if (seen.has(key)) return;
      seen.add(key);
      const qualifierText = /\(([^)]*)\)/.exec(text)?.[1] ?? '';
      const mainText = text.replace(/\([^)]*\)/g, ' ');
      const keep = (t: { word: string }) => !LABEL_STOP_WORDS.has(t.word);
      const mainTokens = tokenize(mainText).filter(keep);
      const qualifierTokens = tokenize(qualifierText).filter(keep);
      if (mainTokens.length === 0) return;
      for (const t of [...mainTokens, ...qualifierTokens]) vocabulary.add(t.word);
      const main = [...new Set(mainTokens.map((t) => t.stem))];
      const qualifier = [...new Set(qualifierTokens.map((t) => t.stem))].filter((s) => !main.includes(s));
      const f = forms.length;
      forms.push({
        concept: ci, text, main, qualifier, words: mainTokens.map((t) => t.word), mainIdf: 0, qualifierIdf: 0,
        factor: li === 0 ? 1 : opt.altLabelFactor,
      });
      for (const s of [...main, ...qualifier]) {
        const list = postings.get(s);
        if (list) list.push(f); else postings.set(s, [f]);
      }
      for (const s of main) {
        const list = mainPostings.get(s);
        if (list) list.push(f); else mainPostings.set(s, [f]);
      }
    });
  });
  const idf = new Map<string, number>();
  for (const [stem, list] of postings) idf.set(stem, Math.log(1 + forms.length / list.length));
  for (const f of forms) {
    f.mainIdf = f.main.reduce((s, st) => s + (idf.get(st) ?? 0), 0);
    f.qualifierIdf = f.qualifier.reduce((s, st) => s + (idf.get(st) ?? 0), 0);
  }
  const corrector = new SpellingCorrector(vocabulary, 0.6);
  const wordIndex = new TfidfIndex(forms.map((f) => [...f.main, ...f.qualifier]));
  const charIndex = new TfidfIndex(forms.map((f) => charNgrams(foldText(f.text).replace(/[()]/g, ' '))));
  // Per-query scratch space, reset after each query (no per-query maps over thousands of labels).
  const mainMass = new Float64Array(forms.length);
  const totalMass = new Float64Array(forms.length);
  const combined = new Float64Array(forms.length);
  const touchedFlag = new Uint8Array(forms.length);
  const conceptBest = new Float64Array(skills.length).fill(-1);
  const conceptForm = new Int32Array(skills.length);

  function analyze(text: string): QueryTerm[] {
    // Lower-case "it"/"us" are pronouns; upper-case IT/US are the abbreviations.
    let prepared = text.replace(/\b(it|us)\b/g, ' ');
    prepared = foldText(prepared);
    for (const [pattern, replacement] of PARAPHRASES) prepared = prepared.replace(pattern, replacement);
    const tokens = tokenize(prepared).filter((t) => !STOP_WORDS.has(t.word) && !AD_FILLER.has(t.surface) && !AD_FILLER.has(t.word));
    const terms: QueryTerm[] = [];
    for (const t of tokens) {
      const term: QueryTerm = { surface: t.surface, word: t.word, stem: t.stem, position: t.position, weight: 1 };
      if (!idf.has(t.stem)) {
        // "reactjs", "node.js" → "react", "node"; else try a spelling fix against label words.
        const bare = t.word.replace(/\.?js$/, '');
        if (bare !== t.word && bare.length >= 3 && idf.has(stemWord(bare))) {
          term.word = bare;
          term.stem = stemWord(bare);
        } else if (t.word.length >= 5) {
          const fix = corrector.correct(t.word);
          if (fix) {
            term.word = fix.word;
            term.stem = stemWord(fix.word);
            term.weight = fix.similarity;
            term.corrected = true;
          }
        }
      }
      terms.push(term);
    }
    // Components: "java script" → "javascript", "power point" → "powerpoint".
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i + 1].position !== tokens[i].position + 1) continue;
      const joined = tokens[i].word + tokens[i + 1].word;
      const stem = stemWord(joined);
      if (idf.has(stem)) terms.push({ surface: `${tokens[i].surface} ${tokens[i + 1].surface}`, word: joined, stem, position: tokens[i].position, weight: 1 });
    }
    return terms;
  }

  function extract(text: string, k = 10): ConceptMatch[] {
    const terms = analyze(text);
    if (terms.length === 0 || k <= 0) return [];
    const termWeight = new Map<string, number>();
    const positions = new Map<string, number[]>();
    for (const t of terms) {
      termWeight.set(t.stem, Math.max(termWeight.get(t.stem) ?? 0, t.weight));
      const list = positions.get(t.stem) ?? [];
      list.push(t.position);
      positions.set(t.stem, list);
    }
    // Coverage ranker: matched IDF mass per form, main words and qualifier words apart.
    const touched: number[] = [];
    const touch = (f: number) => { if (!touchedFlag[f]) { touchedFlag[f] = 1; touched.push(f); } };
    for (const [stem, w] of termWeight) {
      const mass = (idf.get(stem) ?? 0) * w;
      const all = postings.get(stem);
      if (!all) continue;
      for (const f of all) { touch(f); totalMass[f] += mass; }
      for (const f of mainPostings.get(stem) ?? []) mainMass[f] += mass;
    }
    for (const f of touched) {
      const form = forms[f];
      const mass = mainMass[f];
      if (mass <= 0) continue;
      const covMain = Math.min(1, mass / (form.mainIdf || 1));
      const share = form.qualifier.length > 0 ? opt.qualifierShare : 0;
      const covQual = form.qualifierIdf > 0 ? Math.min(1, (totalMass[f] - mass) / form.qualifierIdf) : 0;
      const cov = (1 - share) * covMain + share * covQual;
      const specific = 1 - Math.exp(-mass / opt.specificMass);
      let score = cov * cov * specific;
      if (covMain >= 1 && form.main.length > 1 && isPhrase(form.main, positions)) score += opt.phraseBonus;
      combined[f] += opt.coverageWeight * score;
    }
    const queryStems = terms.map((t) => t.stem);
    const queryWeights = terms.map((t) => t.weight);
    if (opt.wordWeight > 0) {
      for (const hit of wordIndex.search(queryStems, queryWeights)) { touch(hit.doc); combined[hit.doc] += opt.wordWeight * hit.score; }
    }
    if (opt.charWeight > 0) {
      const grams: string[] = [];
      for (const t of terms) if (!t.surface.includes(' ')) grams.push(...charNgrams(t.word));
      for (const hit of charIndex.search(grams, undefined, opt.charMaxDocFraction)) { touch(hit.doc); combined[hit.doc] += opt.charWeight * hit.score; }
    }
    const norm = opt.coverageWeight * (1 + opt.phraseBonus) + opt.wordWeight + opt.charWeight;
    const conceptsTouched: number[] = [];
    for (const f of touched) {
      const c = forms[f].concept;
      const score = (combined[f] / norm) * forms[f].factor;
      if (conceptBest[c] < 0) conceptsTouched.push(c);
      if (score > conceptBest[c]) { conceptBest[c] = score; conceptForm[c] = f; }
      mainMass[f] = 0; totalMass[f] = 0; combined[f] = 0; touchedFlag[f] = 0;
    }
    const ranked = selectTop(conceptsTouched, k, (c) => conceptBest[c]).map((c) => [c, { score: conceptBest[c], form: conceptForm[c] }] as const);
    for (const c of conceptsTouched) conceptBest[c] = -1;
    return ranked.map(([concept, { score, form }]) => {
      const c = skills[concept];
      const f = forms[form];
      return { id: c.id, label: c.label, score: Math.max(0, Math.min(1, score)), matched: provenance(terms, f), via: f.text };
    });
  }

  return { extract };
}

/** The k items with the highest score, best first (ties by index), without sorting everything. */
function selectTop(items: readonly number[], k: number, score: (item: number) => number): number[] {
  const top: number[] = [];
  for (const item of items) {
    const s = score(item);
    if (top.length === k && s <= score(top[k - 1])) continue;
    let i = top.length === k ? k - 1 : top.length;
    if (top.length < k) top.push(item);
    while (i > 0 && (score(top[i - 1]) < s || (score(top[i - 1]) === s && top[i - 1] > item))) { top[i] = top[i - 1]; i--; }
    top[i] = item;
  }
  return top;
}

/** True when every stem of the label occurs at consecutive positions of the text, in order. */
function isPhrase(stems: readonly string[], positions: Map<string, number[]>): boolean {
  const starts = positions.get(stems[0]) ?? [];
  return starts.some((start) => stems.every((s, i) => (positions.get(s) ?? []).some((p) => p > start + i - 1 - 2 && p <= start + i + 2 && (i === 0 || p > start))));
}

function provenance(terms: readonly QueryTerm[], form: Form): string[] {
  const stems = new Set([...form.main, ...form.qualifier]);
  const out: string[] = [];
  for (const t of terms) {
    if (!stems.has(t.stem)) continue;
    const entry = t.corrected ? `${t.surface}~${t.word}` : t.surface === t.word ? t.surface : `${t.surface}→${t.word}`;
    if (!out.includes(entry)) out.push(entry);
  }
  return out;
}
