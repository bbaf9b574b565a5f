import type { Concept } from '../../domain/index.ts';
import { JUNIOR_WORDS, LABEL_STOP_WORDS, STOP_WORDS, TITLE_NOISE, TITLE_SYNONYMS } from './lexicon.ts';
import { SpellingCorrector } from './spelling-corrector.ts';
import { charNgrams, foldText, stemWord, tokenize } from './text.ts';
import { TfidfIndex } from './tfidf-index.ts';
import type { ConceptMatch, TitleNormalizer } from './types.ts';

/** Weights of the title ranker; defaults were set on a fifth of the JobBERT validation titles. */
export interface TitleNormalizerOptions {
  /** weight of the word (stem) ranker vs the character 3-gram ranker */
  wordWeight: number;
  charWeight: number;
  /** bonus when the query's head noun is the label's head noun */
  headBonus: number;
  /** multiplier of the head noun's weight in the query */
  headWeight: number;
  /** exponent balancing "how much of the title is explained" vs "how much of the label is matched" */
  queryCoverage: number;
  /** weight of words in parentheses, after " - ", " in ", " at " (qualifiers and locations) */
  qualifierWeight: number;
  /** an alternative label counts this much of the preferred label */
  altLabelFactor: number;
  /** weight of a second title joined by "cum", "&", "/" ("Graphic Designer cum Admin Assistant") */
  alternativeWeight: number;
  /** a concept gains this share of its second-best label's score (labels that agree) */
  secondLabelShare: number;
  /**
   * score multiplier per level below the ISCO unit group, for concepts whose `category` is an
   * ESCO occupation code ("2512.4.1"): specialised occupations are rarer in job ads
   */
  specificityFactor: number;
  /**
   * score multiplier per word of the preferred label beyond two ("sales assistant" vs "department
   * store sales assistant"): long names are specialised occupations, rarer in job ads
   */
  labelLengthFactor: number;
  /** weight of a concept-level BM25 ranker over all labels together (labels that agree add up) */
  bm25Weight: number;
  /** weight of description words inside that BM25 document, relative to label words */
  descriptionWeight: number;
  /** character 3-grams found in more than this fraction of labels are not walked (speed) */
  charMaxDocFraction: number;
  /** strength multiplier of general job-title synonyms ("associate" → "assistant"); 0 turns them off */
  synonymWeight: number;
  /** weight of the "assistant" hint added by junior/trainee/intern titles */
  juniorHint: number;
  /**
   * optional prior belief in a concept (multiplier, 1 = neutral), e.g. how common it is on a job board.
   * It ranks readings of a title; it does not apply to an occupation whose preferred label the title
   * spells out completely ("Accountant" stays *accountant* however rarely it is posted), and
   * `lexicalScore` leaves it out.
   */
  prior?: (concept: Concept) => number;
}

export const DEFAULT_TITLE_OPTIONS: TitleNormalizerOptions = {
  wordWeight: 0.9, charWeight: 0.7, headBonus: 0, headWeight: 1, queryCoverage: 0.45, bm25Weight: 1, descriptionWeight: 0,
  qualifierWeight: 0.35, altLabelFactor: 0.9, charMaxDocFraction: 0.05, alternativeWeight: 0.5, secondLabelShare: 0.3, specificityFactor: 0.93, labelLengthFactor: 0.97, synonymWeight: 1, juniorHint: 0.6,
};

interface QueryTerm { surface: string; word: string; stem: string; weight: number; head: boolean; corrected?: number; synonym?: boolean }

interface Form {
  concept: number;
  text: string;
  stems: string[];
  words: string[];
  /** stem of each entry of `words`, for provenance */
  wordStems: string[];
  idfSum: number;
  head: string;
  factor: number;
}

const SYNONYM_MAP = new Map(Object.entries(TITLE_SYNONYMS));
const GENDER_MARKERS = /\(\s*(?:[mwfdhxi]\s*\/\s*)+[mwfdhxi]\s*\)|\b[mwfdhx]\s*\/\s*[mwfdhx](?:\s*\/\s*[mwfdhx])*\b|\(\s*all genders?\s*\)|\bm\/w\/d\b/gi;
const ALTERNATIVE_SPLIT = /\s+(?:cum|&|and|\/|\+|or)\s+|\/|\s&\s?|&/i;
const QUALIFIER_START = /\s(?:-|–|—|\||:|@|,|;|\bin\b|\bat\b|\bbased in\b|\blocated in\b)\s/i;

/**
 * Ranks occupations for a free-text job title: title cleaning (gender markers, seniority and contract
 * words, locations), abbreviation expansion, stemming, spelling correction against the taxonomy's
 * vocabulary, then a fusion of an IDF-weighted word-overlap ranker with head-noun agreement and a
 * character 3-gram TF-IDF ranker, each label and alternative label scored on its own.
 */
export function createTitleNormalizer(
  concepts: readonly Concept[],
  options: Partial<TitleNormalizerOptions> = {},
): TitleNormalizer {
  const opt = { ...DEFAULT_TITLE_OPTIONS, ...options };
  const occupations = concepts.filter((c) => c.kind === 'occupation');
  const forms: Form[] = [];
  const postings = new Map<string, number[]>();
  const vocabulary = new Set<string>();
  occupations.forEach((c, ci) => {
    const seen = new Set<string>();
    [c.label, ...c.altLabels].forEach((text, li) => {
      const key = foldText(text).trim();
      if (seen.has(key)) return;
      seen.add(key);
      const tokens = tokenize(text).filter((t) => !LABEL_STOP_WORDS.has(t.word));
      if (tokens.length === 0) return;
      for (const t of tokens) vocabulary.add(t.word);
      const stems = [...new Set(tokens.map((t) => t.stem))];
      const formIndex = forms.length;
      forms.push({
        concept: ci, text, stems, words: tokens.map((t) => t.word), wordStems: tokens.map((t) => t.stem), idfSum: 0,
        head: tokens[tokens.length - 1].stem, factor: li === 0 ? 1 : opt.altLabelFactor,
      });
      for (const s of stems) {
        const list = postings.get(s);
        if (list) list.push(formIndex); else postings.set(s, [formIndex]);
      }
    });
  });
  const shape = occupations.map((c) => {
    const code = /^\d{4}((?:\.\d+)+)$/.exec(c.category ?? '');
    const specificity = code ? opt.specificityFactor ** (code[1].split('.').length - 2) : 1;
    const length = opt.labelLengthFactor ** Math.max(0, labelWordCount(c.label) - 2);
    return specificity * length;
  });
  const external = occupations.map((c) => (opt.prior ? opt.prior(c) : 1));
  const idf = new Map<string, number>();
  for (const [stem, list] of postings) idf.set(stem, Math.log(1 + forms.length / list.length));
  const maxIdf = Math.log(1 + forms.length);
  for (const f of forms) f.idfSum = f.stems.reduce((s, st) => s + (idf.get(st) ?? 0), 0);
  // Concept-level BM25: term frequency summed over a concept's labels, plus lightly weighted description words.
  const conceptTf: Map<string, number>[] = occupations.map(() => new Map());
  forms.forEach((f) => { const tf = conceptTf[f.concept]; for (const st of f.stems) tf.set(st, (tf.get(st) ?? 0) + 1); });
  if (opt.descriptionWeight > 0) {
    occupations.forEach((c, ci) => {
      if (!c.description) return;
      const tf = conceptTf[ci];
      for (const t of tokenize(c.description, false)) {
        if (STOP_WORDS.has(t.word) || !postings.has(t.stem)) continue;
        tf.set(t.stem, (tf.get(t.stem) ?? 0) + opt.descriptionWeight);
      }
    });
  }
  const conceptLength = conceptTf.map((tf) => { let n = 0; for (const v of tf.values()) n += v; return n; });
  const avgLength = conceptLength.reduce((a, b) => a + b, 0) / (conceptLength.length || 1);
  const conceptPostings = new Map<string, { concept: number; tf: number }[]>();
  conceptTf.forEach((tf, ci) => {
    for (const [st, v] of tf) {
      const list = conceptPostings.get(st);
      if (list) list.push({ concept: ci, tf: v }); else conceptPostings.set(st, [{ concept: ci, tf: v }]);
    }
  });
  const conceptIdf = new Map<string, number>();
  for (const [st, list] of conceptPostings) conceptIdf.set(st, Math.log(1 + (occupations.length - list.length + 0.5) / (list.length + 0.5)));
  const corrector = new SpellingCorrector(vocabulary);
  const charIndex = new TfidfIndex(forms.map((f) => charNgrams(f.words.join(' '))));

  function analyze(text: string): QueryTerm[] {
    // "(Korean Speaker)", "Mandarin speaking": a language requirement, not the occupation.
    const cleaned = foldText(text).replace(GENDER_MARKERS, ' ').replace(/\b[a-z]+\s+(?:speakers?|speaking)\b/g, ' ');
    // Parenthesised text and everything after a dash/"in"/"at" qualifies the title rather than naming it.
    const parts: { text: string; qualifier: boolean; alternative?: boolean }[] = [];
    const outside = cleaned.replace(/[([{]([^)\]}]*)[)\]}]?/g, (_, inner: string) => {
      parts.push({ text: inner, qualifier: true });
      return ' , ';
    });
    const segments: { text: string; qualifier: boolean; alternative?: boolean }[] = [];
    outside.split(QUALIFIER_START).forEach((segment, i) => {
      segment.split(ALTERNATIVE_SPLIT).forEach((alt, j) => segments.push({ text: alt, qualifier: i > 0, alternative: j > 0 }));
    });
    const terms: QueryTerm[] = [];
    let mainFound = false;
    let junior = false;
    for (const segment of [...segments, ...parts]) {
      const all = tokenize(segment.text);
      if (all.some((t) => JUNIOR_WORDS.has(t.surface))) junior = true;
      const tokens = all.filter(
        (t) => !STOP_WORDS.has(t.word) && !TITLE_NOISE.has(t.surface) && !TITLE_NOISE.has(t.word) && !/^\d+$/.test(t.word),
      );
      if (tokens.length === 0) continue;
      const main = !segment.qualifier && !mainFound;
      if (main) mainFound = true;
      const weight = main ? 1 : segment.qualifier ? opt.qualifierWeight : segment.alternative ? opt.alternativeWeight : 1;
      tokens.forEach((t, i) => {
        const term: QueryTerm = { surface: t.surface, word: t.word, stem: t.stem, weight, head: main && i === tokens.length - 1 };
        if (!idf.has(t.stem)) {
          const fix = corrector.correct(t.word);
          if (fix) {
            const fixed = tokenize(fix.word, false)[0];
            term.word = fixed.word;
            term.stem = fixed.stem;
            term.corrected = fix.similarity;
            term.weight *= fix.similarity;
          }
        }
        terms.push(term);
      });
    }
    // A title made only of qualifiers ("(Senior)") still deserves an answer: promote them.
    if (!mainFound) for (const t of terms) t.weight = 1;
    const extra: QueryTerm[] = [];
    if (opt.synonymWeight > 0) {
      for (const t of terms) {
        for (const [word, strength] of SYNONYM_MAP.get(t.word) ?? []) {
          extra.push({ surface: t.surface, word, stem: stemWord(word), weight: t.weight * strength * opt.synonymWeight, head: t.head, synonym: true });
        }
      }
    }
    if (junior && opt.juniorHint > 0 && terms.length > 0) {
      extra.push({ surface: 'junior', word: 'assistant', stem: stemWord('assistant'), weight: opt.juniorHint, head: false, synonym: true });
    }
    return [...terms, ...extra.filter((e) => !terms.some((t) => t.stem === e.stem))];
  }

  // Per-query scratch space, sized once; every entry touched by a query is reset before it returns.
  const formSeen = new Uint8Array(forms.length);
  const formWeight = new Float64Array(forms.length);
  const formIdf = new Float64Array(forms.length);
  const conceptSeen = new Uint8Array(occupations.length);
  const wordFirst = new Float64Array(occupations.length).fill(-1);
  const wordSecond = new Float64Array(occupations.length);
  const wordForm = new Int32Array(occupations.length);
  const charScore = new Float64Array(occupations.length);
  const charForm = new Int32Array(occupations.length);
  const bm25Score = new Float64Array(occupations.length);
  const spelledOut = new Uint8Array(occupations.length);
  let bm25Norm = 1;

  function normalize(text: string, k = 10): ConceptMatch[] {
    const terms = analyze(text);
    if (terms.length === 0 || k <= 0) return [];
    const qWeights = terms.map((t) => (idf.get(t.stem) ?? maxIdf) * t.weight * (t.head ? opt.headWeight : 1));
    const qTotal = qWeights.reduce((a, b, i) => a + (terms[i].synonym ? 0 : b), 0);
    const headStem = terms.find((t) => t.head)?.stem;

    // Word ranker: accumulate matched query weight per form (typed scratch arrays, reset at the end).
    const touchedForms: number[] = [];
    const seenStem = new Set<string>();
    terms.forEach((t, i) => {
      const list = postings.get(t.stem);
      if (!list) return;
      const first = !seenStem.has(t.stem);
      seenStem.add(t.stem);
      const stemIdf = idf.get(t.stem) ?? 0;
      for (const f of list) {
        if (!formSeen[f]) { formSeen[f] = 1; touchedForms.push(f); }
        formWeight[f] += qWeights[i];
        if (first) formIdf[f] += stemIdf;
      }
    });
    const touchedConcepts: number[] = [];
    const touchConcept = (c: number) => { if (!conceptSeen[c]) { conceptSeen[c] = 1; touchedConcepts.push(c); } };
    // Stems of the title proper (not qualifiers, alternatives or synonyms): a preferred label holding
    // all of them and nothing else is spelled out by the title, and the prior leaves it alone.
    const mainStems = [...new Set(terms.filter((t) => !t.synonym && t.weight >= 0.99).map((t) => t.stem))];
    for (const f of touchedForms) {
      const form = forms[f];
      const covQ = Math.min(1, formWeight[f] / qTotal);
      const covS = Math.min(1, formIdf[f] / (form.idfSum || 1));
      if (form.factor === 1 && covS >= 0.999 && mainStems.length > 0 && mainStems.length >= form.stems.length && mainStems.every((st) => form.stems.includes(st))) {
        spelledOut[form.concept] = 1;
      }
      let score = covQ ** opt.queryCoverage * covS ** (1 - opt.queryCoverage);
      if (headStem && form.head === headStem) score += opt.headBonus;
      score *= form.factor;
      const c = form.concept;
      touchConcept(c);
      if (wordFirst[c] < 0 || score > wordFirst[c]) { wordSecond[c] = Math.max(wordSecond[c], wordFirst[c]); wordFirst[c] = score; wordForm[c] = f; }
      else if (score > wordSecond[c]) wordSecond[c] = score;
      formSeen[f] = 0; formWeight[f] = 0; formIdf[f] = 0;
    }

    // Character ranker over the cleaned, expanded title (main words weigh more).
    const grams: string[] = [];
    const gramWeights: number[] = [];
    for (const t of terms) if (!t.synonym) for (const g of charNgrams(t.word)) { grams.push(g); gramWeights.push(t.weight); }
    for (const hit of charIndex.search(grams, gramWeights, opt.charMaxDocFraction)) {
      const form = forms[hit.doc];
      const score = hit.score * form.factor;
      const c = form.concept;
      touchConcept(c);
      if (score > charScore[c]) { charScore[c] = score; charForm[c] = hit.doc; }
    }

    if (opt.bm25Weight > 0) {
      const k1 = 1.2, b = 0.75;
      let maxPossible = 0;
      const seenBm = new Set<string>();
      for (const t of terms) {
        const list = conceptPostings.get(t.stem);
        if (!list || seenBm.has(t.stem)) continue;
        seenBm.add(t.stem);
        const w = (conceptIdf.get(t.stem) ?? 0) * t.weight;
        maxPossible += w * (k1 + 1);
        for (const { concept, tf } of list) {
          bm25Score[concept] += (w * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * conceptLength[concept]) / avgLength));
        }
      }
      bm25Norm = maxPossible || 1;
    }
    const norm = opt.wordWeight * (1 + opt.headBonus) + opt.charWeight + opt.bm25Weight;
    // Keep the k best without sorting every touched concept.
    const best: { concept: number; score: number; lexical: number; form: number }[] = [];
    for (const concept of touchedConcepts) {
      const word = wordFirst[concept] < 0 ? 0 : wordFirst[concept] + opt.secondLabelShare * wordSecond[concept];
      const lexical = ((opt.wordWeight * word + opt.charWeight * charScore[concept] + opt.bm25Weight * (bm25Score[concept] / bm25Norm)) / norm) * shape[concept];
      const score = spelledOut[concept] ? lexical : lexical * external[concept];
      const form = word > 0 ? wordForm[concept] : charForm[concept];
      conceptSeen[concept] = 0; wordFirst[concept] = -1; wordSecond[concept] = 0; charScore[concept] = 0; bm25Score[concept] = 0; spelledOut[concept] = 0;
      if (best.length === k && score <= best[k - 1].score) continue;
      let i = best.length === k ? k - 1 : best.length;
      const entry = { concept, score, lexical, form };
      if (best.length < k) best.push(entry);
      while (i > 0 && (best[i - 1].score < score || (best[i - 1].score === score && best[i - 1].concept > concept))) { best[i] = best[i - 1]; i--; }
      best[i] = entry;
    }
    const clamp = (x: number) => Math.max(0, Math.min(1, x));
    return best.map(({ concept, score, lexical, form }) => {
      const c = occupations[concept];
      const f = forms[form];
      return { id: c.id, label: c.label, score: clamp(score), lexicalScore: clamp(lexical), matched: provenance(terms, f), via: f.text };
    });
  }

  return { normalize };
}

function labelWordCount(label: string): number {
  return tokenize(label, false).filter((t) => !LABEL_STOP_WORDS.has(t.word)).length;
}

/** "mgr→manager" for expansions, "enginer~engineer" for spelling fixes, the word itself otherwise. */
function provenance(terms: readonly QueryTerm[], form: Form): string[] {
  const formStems = new Set(form.stems);
  const out: string[] = [];
  for (const t of terms) {
    if (!formStems.has(t.stem)) continue;
    const labelWord = form.words[form.wordStems.indexOf(t.stem)] ?? t.word;
    const entry = t.corrected !== undefined ? `${t.surface}~${labelWord}` : t.surface === labelWord ? t.surface : `${t.surface}→${labelWord}`;
    if (!out.includes(entry)) out.push(entry);
  }
  return out;
}
