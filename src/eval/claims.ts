import { LOCAL_LABEL } from '../assistant/index.ts';
import type { Course } from '../domain/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';
import type { AnswerFacts } from './target.ts';

/**
 * Claim extraction for the hallucination rate (docs/EVALUATION.md). A claim is a checkable item named in an
 * answer: a skill (taxonomy label or alias), an employer or other proper name, a job title (taxonomy
 * occupation), a number, a date, a course, a fit level, a years-of-experience statement, or a statement
 * that the member has a skill. Each claim is `supported` (the facts given contain it), `unsupported` (they
 * do not) or `contradicted` (the facts say otherwise: another level, other years, a gap stated as met).
 */
export type ClaimKind = 'skill' | 'employer' | 'title' | 'number' | 'date' | 'course' | 'level' | 'years' | 'possession';
export type ClaimStatus = 'supported' | 'unsupported' | 'contradicted';
export interface Claim { kind: ClaimKind; text: string; status: ClaimStatus }

export interface ClaimCatalog {
  taxonomy: Taxonomy;
  courses: readonly Course[];
}

const LEVELS: [string, RegExp][] = [
  ['strong', /\b(a\s+)?(strong|excellent|perfect|ideal|great)\s+(fit|match|candidate)\b/i],
  ['good', /\b(a\s+)?(good|solid)\s+(fit|match)\b/i],
  ['partial', /\b(a\s+)?(partial|moderate)\s+(fit|match)\b/i],
  ['stretch', /\ba\s+stretch\b/i],
];
const POSSESSION = /\b(you (have|bring|already|know|master|hold)|your (experience|skills?) (with|in)|you'?ve (used|worked))\b/i;
const GAP_CUE = /\b(gap|missing|close|build|learn|practi[sc]e|course|partly|nice-to-have|not yet|lack|add)\b/i;
const NAME_AFTER = /\b(?:at|for|with|from|joined)\s+((?:[A-Z][\w&'.-]*)(?:\s+(?:[A-Z][\w&'.-]*|of|&))*)/g;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const DATE = new RegExp(`\\b(?:(?:${MONTHS})\\s+)?(?:19|20)\\d{2}(?:-\\d{2})?\\b`, 'g');

/** Ids (j-eval-1), field pointers (skills[0], experience[1].description) and the local-engine label are not claims. */
function stripNonClaims(text: string): string {
  return text.replace(LOCAL_LABEL, ' ')
    .replace(/\b[a-z]{1,8}-[\w-]*\d[\w-]*\b/gi, ' ')
    .replace(/\b[a-z]+\[\d+\](?:\.[a-z]+)*/gi, ' ');
}

function numbers(text: string): string[] {
  return [...stripNonClaims(text).replace(DATE, ' ').matchAll(/(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?/g)]
    .map((m) => String(Number(m[0].replace(/,/g, ''))));
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
}

interface SkillLexicon { byPhrase: Map<string, { label: string; exact: string[]; anyCase: boolean }>; maxWords: number }
const lexicons = new WeakMap<Taxonomy, SkillLexicon>();

/**
 * Skill names in a text, by word n-gram lookup in the taxonomy's labels and aliases (fast: no regex per
 * label). Short labels with capitals ("Go", "R", "REST") only match with the same capitals, so "go" and
 * "the rest" are not skills.
 */
export function skillMentions(text: string, taxonomy: Taxonomy): { label: string; surface: string }[] {
  let lex = lexicons.get(taxonomy);
  if (!lex) {
    lex = { byPhrase: new Map(), maxWords: 1 };
    for (const c of taxonomy.skills()) {
      for (const label of new Set([c.label, ...c.altLabels])) {
        const key = label.toLowerCase();
        const entry = lex.byPhrase.get(key) ?? { label: c.label, exact: [], anyCase: false };
        if (label.length <= 4 && /[A-Z]/.test(label)) entry.exact.push(label);
        else entry.anyCase = true;
        lex.byPhrase.set(key, entry);
        lex.maxWords = Math.max(lex.maxWords, label.split(/\s+/).length);
      }
    }
    lexicons.set(taxonomy, lex);
  }
  const words = text.split(/\s+/).map((w) => w.replace(/^[("'“‘\[]+|[)"'”’\],;:!?]+$/g, '')).filter(Boolean);
  const out: { label: string; surface: string }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(lex.maxWords, words.length - i); n >= 1; n--) {
      let surface = words.slice(i, i + n).join(' ');
      let entry = lex.byPhrase.get(surface.toLowerCase());
      if (!entry && surface.endsWith('.')) { surface = surface.slice(0, -1); entry = lex.byPhrase.get(surface.toLowerCase()); }
      if (!entry) continue;
      if (!entry.anyCase && !entry.exact.includes(surface)) continue;
      if (!seen.has(entry.label)) { seen.add(entry.label); out.push({ label: entry.label, surface }); }
      i += n - 1;
      break;
    }
  }
  return out;
}

export function extractClaims(answer: string, facts: AnswerFacts, catalog: ClaimCatalog): Claim[] {
  const text = stripNonClaims(answer);
  const factsLower = facts.text.toLowerCase();
  const has = (s: string) => factsLower.includes(s.toLowerCase().trim());
  const claims: Claim[] = [];
  const seen = new Set<string>();
  const add = (kind: ClaimKind, value: string, status: ClaimStatus) => {
    const key = `${kind}:${value.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    claims.push({ kind, text: value, status });
  };

  for (const m of skillMentions(text, catalog.taxonomy)) add('skill', m.label, has(m.label) || has(m.surface) ? 'supported' : 'unsupported');

  const lower = text.toLowerCase();
  for (const o of catalog.taxonomy.occupations()) {
    for (const label of [o.label, ...o.altLabels]) {
      if (label.length < 4) continue;
      const i = lower.indexOf(label.toLowerCase());
      if (i >= 0 && !/[\p{L}\p{N}]/u.test(lower[i - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(lower[i + label.length] ?? ' ')) {
        add('title', label, has(label) ? 'supported' : 'unsupported');
      }
    }
  }

  for (const m of text.matchAll(NAME_AFTER)) {
    const name = m[1]!.replace(/[.'’]+$/, '');
    if (name.length < 3 || claims.some((c) => c.text.toLowerCase() === name.toLowerCase())) continue;
    add('employer', name, has(name) ? 'supported' : 'unsupported');
  }

  for (const c of catalog.courses) if (c.title.length >= 6 && lower.includes(c.title.toLowerCase())) add('course', c.title, has(c.title) ? 'supported' : 'unsupported');
  for (const m of text.matchAll(/\bcourse\s+["“]([^"”]{3,160})["”]/gi)) add('course', m[1]!, has(m[1]!) ? 'supported' : 'unsupported');

  for (const m of text.matchAll(DATE)) add('date', m[0], has(m[0]) ? 'supported' : 'unsupported');

  const factNumbers = new Set(numbers(facts.text));
  for (const n of [...factNumbers]) if (Number(n) > 0 && Number(n) < 1) factNumbers.add(String(Math.round(Number(n) * 100)));
  for (const n of numbers(text)) add('number', n, factNumbers.has(n) ? 'supported' : 'unsupported');

  for (const s of sentences(text)) {
    for (const [level, re] of LEVELS) {
      if (re.test(s) && /\b(you|you're|your profile|this member|m-)\b/i.test(s)) add('level', level, level === facts.level ? 'supported' : 'contradicted');
    }
    const years = /\byou have (?:about |around )?(\d+(?:\.\d+)?) years?\b/i.exec(s);
    if (years) add('years', years[1]!, Math.abs(Number(years[1]) - facts.memberYears) < 1 ? 'supported' : 'contradicted');
    if (POSSESSION.test(s) && !GAP_CUE.test(s)) {
      for (const g of facts.gaps) if (g.kind === 'required' && s.toLowerCase().includes(g.requirement.toLowerCase())) add('possession', g.requirement, 'contradicted');
    }
  }
  return claims;
}

export interface ClaimTally { total: number; unsupported: number; contradicted: number }

export function tallyClaims(claims: readonly Claim[]): ClaimTally {
  return {
    total: claims.length,
    unsupported: claims.filter((c) => c.status === 'unsupported').length,
    contradicted: claims.filter((c) => c.status === 'contradicted').length,
  };
}
