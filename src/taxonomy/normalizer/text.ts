import { porterStem } from './porter-stemmer.ts';
import { ABBREVIATIONS, FOREIGN_JOB_WORDS, SPELLING } from './lexicon.ts';

// Maps, not object lookups: "constructor" is a word too.
const ABBREVIATION_MAP = new Map([...Object.entries(FOREIGN_JOB_WORDS), ...Object.entries(ABBREVIATIONS)]);
const SPELLING_MAP = new Map(Object.entries(SPELLING));

/** Lower-case, strip accents, keep letters/digits and a few joiners ("c++", "c#", ".net"). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[’`´]/g, "'");
}

/** A word of the input with where it came from, so matches can be explained. */
export interface Token {
  /** the word as written (folded) */
  surface: string;
  /** after abbreviation expansion and spelling folding, before stemming */
  word: string;
  stem: string;
  /** index of the surface word in the input */
  position: number;
}

const WORD_RE = /[a-z0-9]+(?:[+#]+|(?:\.(?:net|js)\b))?|[+#]/g;

/** Splits folded text into surface words ("c++" and "c#" survive; "node.js" → "node.js"). */
export function splitWords(folded: string): string[] {
  const out: string[] = [];
  for (const m of folded.replace(/'s\b/g, '').matchAll(WORD_RE)) out.push(m[0]);
  return out;
}

/** Stem of one expanded word: digits and symbols are kept as is. */
export function stemWord(word: string): string {
  const spelled = SPELLING_MAP.get(word) ?? word;
  // British and American -ise/-ize meet after stemming ("organizational" = "organisational").
  return /^[a-z]+$/.test(spelled) ? porterStem(spelled).replace(/iz/g, 'is') : spelled;
}

/**
 * Tokenizes text: fold, split, expand abbreviations (one surface word may yield several tokens),
 * stem. `expand` can be turned off for the taxonomy side so labels keep their own words.
 */
export function tokenize(text: string, expand = true): Token[] {
  const out: Token[] = [];
  const words = splitWords(foldText(text));
  words.forEach((surface, position) => {
    const expansion = expand ? ABBREVIATION_MAP.get(surface) : undefined;
    for (const word of (expansion ?? surface).split(' ')) out.push({ surface, word, stem: stemWord(word), position });
  });
  return out;
}

/** Character n-grams of a string padded with spaces at word edges ("sales" → " sa", "sal", ...). */
export function charNgrams(text: string, n = 3): string[] {
  const s = ` ${text.replace(/\s+/g, ' ').trim()} `;
  const out: string[] = [];
  for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}
