import type { Taxonomy } from '../../taxonomy/index.ts';
import { findSkillMentions } from '../../skills/index.ts';

/**
 * The facts an answer may state: the text of everything given to the model (tool results, computed
 * facts), plus entity lists (all employers, all course titles) so a real name that is not in *these*
 * facts is still caught.
 */
export interface GroundingFacts {
  text: string;
  taxonomy: Taxonomy;
  /** Every employer name the platform knows (lower-cased lookups). */
  companies?: readonly string[];
  /** Every course title in the catalogue. */
  courses?: readonly string[];
}

export interface UngroundedClaim {
  kind: 'skill' | 'number' | 'name' | 'quote' | 'employer' | 'course' | 'id';
  text: string;
}

/** Words that start sentences or name the product and are not claims. */
const COMMON = new Set(`i i'm i've i'd i'll you you're you've your yours we we're our it it's this that these those there here the a an and but or so if
when while since because as also however overall next then first second third finally great good well yes no hello hi thanks thank please note
based for with to in on at of by from about after before during each every all some most many more less one two three several strong partial stretch
fit level score nice-to-have required requirement requirements gap gaps step steps met evidence course courses skills skill experience profile
summary headline job role company consider try take add start build keep focus highlight practise practice learn show mention describe list
congratulations remember tip tips option options question questions answer answers why what how who where which fitwise ai ok okay
here's let's that's there's what's it'd great, sure happy glad composed local engine facts computed certification certifications education
degree language languages english years year months month interview interviews salary remote hybrid onsite location`.split(/\s+/));

function numbersIn(text: string): string[] {
  const withoutIds = text.replace(/\b[a-z]{1,8}[-:][\w-]*\d[\w-]*\b/gi, ' ');
  return [...withoutIds.matchAll(/(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?/g)].map((m) => normalizeNumber(m[0]));
}

function normalizeNumber(n: string): string {
  const v = Number(n.replace(/,/g, ''));
  return Number.isFinite(v) ? String(v) : n;
}

export interface PreparedFacts {
  lower: string;
  numbers: Set<string>;
  ids: Set<string>;
  facts: GroundingFacts;
}

export function prepareFacts(facts: GroundingFacts): PreparedFacts {
  const numbers = new Set(numbersIn(facts.text));
  // Scores are given as 0..1; a model may say "82%". Small counting words are not claims.
  for (const n of [...numbers]) {
    const v = Number(n);
    if (v > 0 && v < 1) numbers.add(String(Math.round(v * 100)));
  }
  for (const n of ['0', '1', '2', '3', '100']) numbers.add(n);
  const ids = new Set([...facts.text.matchAll(/\b[a-z]{1,8}-[\w-]*\d[\w-]*\b/gi)].map((m) => m[0].toLowerCase()));
  return { lower: facts.text.toLowerCase(), numbers, ids, facts };
}

/** Claims in one sentence that the facts do not support. */
export function ungroundedClaims(sentence: string, p: PreparedFacts): UngroundedClaim[] {
  const out: UngroundedClaim[] = [];
  const has = (s: string) => p.lower.includes(s.toLowerCase().trim());
  for (const m of findSkillMentions(sentence, p.facts.taxonomy)) {
    if (!has(m.surface) && !has(m.label)) out.push({ kind: 'skill', text: m.surface });
  }
  for (const id of sentence.matchAll(/\b[a-z]{1,8}-[\w-]*\d[\w-]*\b/gi)) {
    if (!p.ids.has(id[0].toLowerCase())) out.push({ kind: 'id', text: id[0] });
  }
  for (const n of numbersIn(sentence)) {
    if (!p.numbers.has(n)) out.push({ kind: 'number', text: n });
  }
  for (const q of sentence.matchAll(/["“]([^"”]{3,160})["”]/g)) {
    if (!has(q[1]!.replace(/…$/, ''))) out.push({ kind: 'quote', text: q[1]! });
  }
  const lowerSentence = sentence.toLowerCase();
  for (const name of p.facts.companies ?? []) {
    if (name.length >= 3 && containsWord(lowerSentence, name.toLowerCase()) && !has(name)) out.push({ kind: 'employer', text: name });
  }
  for (const title of p.facts.courses ?? []) {
    if (title.length >= 6 && lowerSentence.includes(title.toLowerCase()) && !has(title)) out.push({ kind: 'course', text: title });
  }
  for (const name of properNames(sentence)) {
    if (!has(name) && !out.some((c) => name.toLowerCase().includes(c.text.toLowerCase()) || c.text.toLowerCase().includes(name.toLowerCase()))) {
      out.push({ kind: 'name', text: name });
    }
  }
  return out;
}

function containsWord(haystack: string, needle: string): boolean {
  const i = haystack.indexOf(needle);
  if (i < 0) return false;
  const before = haystack[i - 1];
  const after = haystack[i + needle.length];
  return (!before || !/[\p{L}\p{N}]/u.test(before)) && (!after || !/[\p{L}\p{N}]/u.test(after));
}

/**
 * Capitalized word runs that are not sentence openers or common words: employers, schools, titles,
 * course names. The first word of a sentence counts only as part of a longer run.
 */
export function properNames(sentence: string): string[] {
  const words = [...sentence.matchAll(/[\p{L}\p{N}][\p{L}\p{N}&'’.+#-]*/gu)];
  const names: string[] = [];
  let run: string[] = [];
  let runStart = -1;
  const flush = () => {
    let r = run;
    const connector = (w: string | undefined) => w === 'of' || w === '&' || w === 'for';
    // A sentence opener is not part of a name, even when a connector follows it ("Applicants for Acme").
    if (runStart === 0 && r.length > 0 && (COMMON.has(r[0]!.toLowerCase()) || r.length === 1 || connector(r[1]))) r = r.slice(1);
    while (r.length && (COMMON.has(r[0]!.toLowerCase()) || connector(r[0]))) r = r.slice(1);
    while (r.length && COMMON.has(r[r.length - 1]!.toLowerCase())) r = r.slice(0, -1);
    if (r.length) names.push(r.join(' ').replace(/[.'’]+$/, ''));
    run = [];
    runStart = -1;
  };
  words.forEach((m, i) => {
    const w = m[0];
    const prevEnd = i > 0 ? words[i - 1]!.index! + words[i - 1]![0].length : 0;
    const gap = sentence.slice(prevEnd, m.index);
    const lineStart = i === 0 || /[\n:•]|^\s*-\s|[.!?]\s*$/.test(gap);
    if (run.length && !/^[ \t]*$/.test(gap)) flush();
    if (/^\p{Lu}/u.test(w) && !/^\d/.test(w)) {
      if (run.length === 0) runStart = lineStart ? 0 : i;
      run.push(w);
    } else if (run.length && (w === 'of' || w === '&' || w === 'for') && i + 1 < words.length && /^\p{Lu}/u.test(words[i + 1]![0])) {
      run.push(w);
    } else if (run.length) {
      flush();
    }
  });
  if (run.length) flush();
  return names.filter((n) => n.length > 1 && !COMMON.has(n.toLowerCase()));
}

/** Splits an answer into sentences (and bullet lines), keeping each one's trailing whitespace. */
export function splitSentences(text: string): string[] {
  return text.match(/(?:[^\n.!?]|[.!?](?=[^\s.!?]))*(?:[.!?]+(?=\s|$)|\n|$)[ \t]*\n*/g)?.filter((s) => s.length > 0) ?? [text];
}
