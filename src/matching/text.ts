import type { Taxonomy } from '../taxonomy/index.ts';

/**
 * Tokens as matching sees them: lower-cased words that keep the symbols skill names use
 * (`c++`, `c#`, `node.js`, `scikit-learn`); trailing dots and dashes (sentence ends) are dropped.
 */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}+#.\-']*/gu;

export interface Token { text: string; start: number; end: number }

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const lower = text.toLowerCase();
  // toLowerCase can change lengths for a few code points; then positions refer to the lowered text.
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(lower); m; m = TOKEN.exec(lower)) {
    let t = m[0];
    while (t.length > 1 && (t.endsWith('.') || t.endsWith('-') || t.endsWith("'"))) t = t.slice(0, -1);
    if (t.endsWith("'s")) t = t.slice(0, -2);
    if (t) out.push({ text: t, start: m.index, end: m.index + t.length });
  }
  return out;
}

/** The key a label or a skill name is looked up by: its tokens joined by single spaces. */
export function labelKey(text: string): string {
  return tokenize(text.normalize('NFKC')).map((t) => t.text).join(' ');
}

/**
 * Gender-coded words mapped to neutral ones before any lookup, so "chairwoman" and "chairman",
 * "she" and "he" are the same token to matching (fairness by construction; quotes keep the words).
 */
export const GENDER_NEUTRAL: ReadonlyMap<string, string> = new Map(Object.entries({
  he: 'they', she: 'they', him: 'them', her: 'them', his: 'their', hers: 'theirs', himself: 'themself', herself: 'themself',
  man: 'person', woman: 'person', men: 'people', women: 'people', male: 'person', female: 'person',
  guy: 'person', guys: 'people', gal: 'person', lady: 'person', ladies: 'people', gentleman: 'person', gentlemen: 'people',
  boy: 'person', girl: 'person', boys: 'people', girls: 'people',
  mr: 'mx', mrs: 'mx', ms: 'mx', miss: 'mx', sir: 'mx', madam: 'mx',
  chairman: 'chairperson', chairwoman: 'chairperson', chairmen: 'chairpersons', chairwomen: 'chairpersons',
  salesman: 'salesperson', saleswoman: 'salesperson', salesmen: 'salespeople', saleswomen: 'salespeople',
  businessman: 'businessperson', businesswoman: 'businessperson', spokesman: 'spokesperson', spokeswoman: 'spokesperson',
  foreman: 'supervisor', forewoman: 'supervisor', craftsman: 'craftsperson', craftswoman: 'craftsperson',
  workman: 'worker', workwoman: 'worker', waiter: 'server', waitress: 'server', steward: 'flight attendant', stewardess: 'flight attendant',
  actor: 'performer', actress: 'performer', headmaster: 'head teacher', headmistress: 'head teacher',
  policeman: 'police officer', policewoman: 'police officer', fireman: 'firefighter', firewoman: 'firefighter',
  mother: 'parent', father: 'parent', mom: 'parent', dad: 'parent', maternity: 'parental', paternity: 'parental',
  wife: 'spouse', husband: 'spouse', son: 'child', daughter: 'child', brother: 'sibling', sister: 'sibling',
  manpower: 'workforce', 'man-hours': 'person-hours', mankind: 'humankind', manned: 'staffed', manning: 'staffing',
}));

export function neutralToken(t: string): string {
  return GENDER_NEUTRAL.get(t) ?? t;
}

/** Skill labels (and alternative labels) by label key, with the first-token set that prunes n-gram lookups. */
export interface SkillLexicon {
  byKey: Map<string, string>;
  firstTokens: Set<string>;
  maxTokens: number;
}

const lexicons = new WeakMap<Taxonomy, SkillLexicon>();

/** Labels too short or too common to count as a mention in free text ("go", "r", "c" stay list-only). */
function mentionable(key: string): boolean {
  if (key.includes(' ')) return true;
  if (key.length >= 3) return !STOPWORDS.has(key);
  return /[+#.]/.test(key);
}

export function skillLexicon(taxonomy: Taxonomy): SkillLexicon {
  let lex = lexicons.get(taxonomy);
  if (lex) return lex;
  lex = { byKey: new Map(), firstTokens: new Set(), maxTokens: 1 };
  for (const c of taxonomy.skills()) {
    for (const label of [c.label, ...c.altLabels]) {
      const key = labelKey(label);
      if (!key || !mentionable(key) || lex.byKey.has(key)) continue;
      lex.byKey.set(key, c.id);
      const parts = key.split(' ');
      lex.firstTokens.add(parts[0]!);
      if (parts.length > lex.maxTokens) lex.maxTokens = Math.min(parts.length, 6);
    }
  }
  lexicons.set(taxonomy, lex);
  return lex;
}

/** A skill found in free text: its id, and the token span where it was found. */
export interface Mention { skillId: string; start: number; end: number }

/**
 * One-word skill names that are also everyday English words ("the rest", "react to", "spark interest"):
 * in free text they count only when written with a capital letter, as product names are.
 */
export const CAPITALISED_ONLY: ReadonlySet<string> = new Set([
  'rest', 'react', 'spark', 'swift', 'spring', 'rust', 'ruby', 'access', 'word', 'excel', 'express', 'flask', 'chef',
  'puppet', 'jest', 'mocha', 'hive', 'pig', 'storm', 'ember', 'backbone', 'make', 'ant', 'go', 'dart', 'julia', 'pandas',
  'docker', 'salt', 'teams', 'slack', 'notion', 'sketch', 'figma', 'vault', 'consul', 'airflow', 'redis', 'outlook',
]);

/** Longest-match scan of free text for taxonomy skill labels. */
export function findSkillMentions(text: string, lexicon: SkillLexicon): Mention[] {
  const tokens = tokenize(text);
  const words = tokens.map((t) => neutralToken(t.text));
  const out: Mention[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!lexicon.firstTokens.has(words[i]!)) continue;
    let best = -1;
    let bestId = '';
    let key = '';
    for (let n = 1; n <= lexicon.maxTokens && i + n <= words.length; n++) {
      key = n === 1 ? words[i]! : `${key} ${words[i + n - 1]}`;
      const id = lexicon.byKey.get(key);
      if (id) { best = n; bestId = id; }
    }
    if (best === 1 && CAPITALISED_ONLY.has(words[i]!) && !/^\p{Lu}/u.test(text.slice(tokens[i]!.start, tokens[i]!.end))) continue;
    if (best > 0) {
      out.push({ skillId: bestId, start: tokens[i]!.start, end: tokens[i + best - 1]!.end });
      i += best - 1;
    }
  }
  return out;
}

/** The sentence around a match, cut to about `max` characters, as a quote. */
export function quoteAround(text: string, start: number, end: number, max = 120): string {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e]!)) e++;
  if (e - s > max) {
    const half = Math.max(0, Math.floor((max - (end - start)) / 2));
    const ns = Math.max(s, start - half);
    const ne = Math.min(e, end + half);
    return `${ns > s ? '…' : ''}${text.slice(ns, ne).trim()}${ne < e ? '…' : ''}`;
  }
  return text.slice(s, e).trim();
}

export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'as', 'is', 'are', 'be',
  'was', 'were', 'it', 'its', 'this', 'that', 'these', 'those', 'i', 'we', 'you', 'they', 'them', 'their', 'our', 'my',
  'me', 'us', 'will', 'can', 'all', 'any', 'some', 'not', 'no', 'but', 'if', 'so', 'than', 'then', 'into', 'over',
  'under', 'about', 'job', 'jobs', 'role', 'roles', 'position', 'positions', 'work', 'working', 'looking', 'want',
  'find', 'show', 'me', 'please', 'opening', 'openings', 'vacancy', 'vacancies', 'new', 'who', 'which', 'where',
  'has', 'have', 'had', 'do', 'does', 'did', 'per', 'also', 'more', 'most', 'very', 'such', 'other', 'using', 'use',
  'used', 'team', 'teams', 'based', 'near', 'around', 'like', 'good', 'great', 'one', 'two',
]);
