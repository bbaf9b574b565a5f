import { SENIORITY_RANK, annualSalary, type Concept, type EmploymentType, type Job, type RemotePolicy, type Seniority } from '../domain/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';
import { gazetteer } from './gazetteer.ts';
import { contentTokens, countryKey } from './profile.ts';
import { STOPWORDS, labelKey, tokenize, type Token } from './text.ts';
import { porterStem } from '../taxonomy/normalizer/porter-stemmer.ts';

export interface JobSearchFilters {
  keywords: string[];
  skills: { id: string; label: string }[];
  occupation?: { id: string; label: string };
  location?: { city?: string; country?: string };
  remote?: RemotePolicy;
  seniority?: Seniority;
  /** Yearly, in `currency` when one was stated. */
  salaryMin?: number;
  currency?: string;
  company?: string;
  employmentType?: EmploymentType;
}

export interface ParsedJobSearch {
  filters: JobSearchFilters;
  /** Parts of the text that looked like a filter but could not be read ("in Atlantis", a lone "over"). */
  unparsed: string[];
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  '€': 'EUR', $: 'USD', '£': 'GBP', eur: 'EUR', euro: 'EUR', euros: 'EUR', usd: 'USD', dollar: 'USD', dollars: 'USD',
  gbp: 'GBP', pound: 'GBP', pounds: 'GBP', chf: 'CHF', sek: 'SEK', nok: 'NOK', dkk: 'DKK', pln: 'PLN', cad: 'CAD', aud: 'AUD', inr: 'INR',
};
const CUR = '(€|\\$|£|eur|euros?|usd|dollars?|gbp|pounds?|chf|sek|nok|dkk|pln|cad|aud|inr)';
const NUM = '(\\d{1,3}(?:[.,\\s]\\d{3})+|\\d+(?:[.,]\\d+)?)';
const COMPARATOR = '(over|above|more than|at least|min(?:imum)?|from|starting at|paying|salary(?: of)?|>=?)';
const PERIOD = '(?:\\s*(?:per|a|an|/)\\s*(year|yr|annum|month|mo|hour|hr|h)\\b)?';
const SALARY = new RegExp(
  `(?:${COMPARATOR}\\s+)?${CUR}?\\s?${NUM}\\s?(k|m)?(?:\\s?(?:-|–|to)\\s?${CUR}?\\s?(?:\\d[\\d.,]*)\\s?(?:k|m)?)?(\\+)?\\s?${CUR}?${PERIOD}(?![\\p{L}\\p{N}])`,
  'giu',
);

function parseAmount(num: string, suffix: string | undefined): number {
  let n: number;
  if (/^\d{1,3}([.,\s]\d{3})+$/.test(num)) n = Number(num.replace(/[.,\s]/g, ''));
  else n = Number(num.replace(',', '.'));
  if (suffix?.toLowerCase() === 'k') n *= 1000;
  if (suffix?.toLowerCase() === 'm') n *= 1_000_000;
  return n;
}

const REMOTE_PHRASES: Record<string, RemotePolicy> = {
  remote: 'remote', 'fully remote': 'remote', 'remote-first': 'remote', wfh: 'remote', 'work from home': 'remote', 'home office': 'remote',
  hybrid: 'hybrid', onsite: 'onsite', 'on-site': 'onsite', 'on site': 'onsite', 'in office': 'onsite', 'in-office': 'onsite', 'office-based': 'onsite',
};
const SENIORITY_PHRASES: Record<string, Seniority> = {
  intern: 'intern', junior: 'entry', jr: 'entry', 'entry level': 'entry', 'entry-level': 'entry', graduate: 'entry', grad: 'entry',
  mid: 'mid', 'mid-level': 'mid', 'mid level': 'mid', intermediate: 'mid', senior: 'senior', sr: 'senior',
  lead: 'lead', principal: 'lead', staff: 'lead', executive: 'executive',
};
const EMPLOYMENT_PHRASES: Record<string, EmploymentType> = {
  'full-time': 'full_time', 'full time': 'full_time', fulltime: 'full_time', permanent: 'full_time',
  'part-time': 'part_time', 'part time': 'part_time', parttime: 'part_time',
  contract: 'contract', contractor: 'contract', freelance: 'contract', freelancer: 'contract',
  temporary: 'temporary', temp: 'temporary', internship: 'internship', internships: 'internship',
};
const PREPOSITIONS = new Set(['in', 'near', 'around', 'at', 'for', 'with', 'from']);
/** Role nouns after a short lower-case name make it a skill ("go developer", "r programmer"). */
const ROLE_NOUNS = new Set(['developer', 'developers', 'dev', 'devs', 'engineer', 'engineers', 'programmer', 'programmers']);

/**
 * Reads a job search written in the searcher's own words into structured filters that are shown
 * back for correction: "remote senior data engineer jobs in Berlin over 80k with Spark".
 */
export function parseJobSearch(text: string, taxonomy: Taxonomy): ParsedJobSearch {
  const filters: JobSearchFilters = { keywords: [], skills: [] };
  const unparsed: string[] = [];

  // 1. Salary: found on the raw text (symbols matter), then blanked out.
  let rest = text;
  SALARY.lastIndex = 0;
  for (let m = SALARY.exec(text); m; m = SALARY.exec(text)) {
    const [whole, comparator, cur1, num, suffix, cur2, plus, cur3, period] = m;
    const currency = cur1 ?? cur2 ?? cur3;
    const after = text.slice(m.index + whole.length);
    if (/^\s*(years?|yrs?|months?|days?|hours?|people|employees|%)/i.test(after) && !currency) continue;
    const amount = parseAmount(num!, suffix);
    const salaryLike = !!suffix || !!currency || !!plus || !!comparator && amount >= 1000 || amount >= 10000;
    if (!salaryLike || filters.salaryMin !== undefined) continue;
    const p = period?.toLowerCase();
    const per = p === undefined || p.startsWith('y') || p === 'annum' ? 'year' : p.startsWith('mo') ? 'month' : 'hour';
    filters.salaryMin = Math.round(annualSalary(amount, per));
    if (currency) filters.currency = CURRENCY_SYMBOLS[currency.toLowerCase()];
    rest = rest.slice(0, m.index) + ' '.repeat(whole.length) + rest.slice(m.index + whole.length);
  }
  for (const m of rest.matchAll(/\b(over|above|more than|at least)\s*$/gi)) unparsed.push(m[0].trim());
  // Experience asks are not a job filter: shown back as not understood rather than searched as words.
  rest = rest.replace(/\b\d+\+?\s*(?:years?|yrs?)(?:\s+of)?(?:\s+(?:experience|exp))?\b/gi, (m) => { unparsed.push(m); return ' '.repeat(m.length); });

  // 2. Everything else, token by token, longest phrase first.
  const tokens = tokenize(rest);
  const words = tokens.map((t) => t.text);
  const original = (from: number, to: number) => rest.slice(tokens[from]!.start, tokens[to - 1]!.end);
  const places = gazetteer(labelKey);
  const usedSkills = new Set<string>();

  for (let i = 0; i < tokens.length;) {
    const w = words[i]!;
    if (PREPOSITIONS.has(w) && i + 1 < tokens.length
      && longest(words, i + 1, places.maxTokens, (k) => places.byKey.get(k), (k, from, to) => shortAliasOk(k, original(from, to)))) {
      i++; continue; // "in Berlin": the place is read next
    }
    const two = i + 1 < tokens.length ? `${w} ${words[i + 1]}` : '';
    const three = i + 2 < tokens.length ? `${two} ${words[i + 2]}` : '';

    const phrase = pickPhrase([three, two, w], REMOTE_PHRASES);
    if (phrase) { filters.remote ??= REMOTE_PHRASES[phrase]; i += phrase.split(' ').length; continue; }
    const emp = pickPhrase([two, w], EMPLOYMENT_PHRASES);
    if (emp) {
      filters.employmentType ??= EMPLOYMENT_PHRASES[emp];
      if (emp.startsWith('intern')) filters.seniority ??= 'intern';
      i += emp.split(' ').length; continue;
    }
    const sen = pickPhrase([two, w], SENIORITY_PHRASES);
    if (sen && !(sen === 'lead' && i > 0 && taxonomy.findByLabel(`${words[i - 1]} lead`).length > 0)) {
      filters.seniority ??= SENIORITY_PHRASES[sen]; i += sen.split(' ').length; continue;
    }

    const place = longest(words, i, places.maxTokens, (k) => places.byKey.get(k), (k, from, to) => shortAliasOk(k, original(from, to)));
    if (place) {
      if (!filters.location) filters.location = place.value.city ? { city: place.value.city, country: place.value.country } : { country: place.value.country };
      i += place.n; continue;
    }

    const concept = longest(words, i, 6, (k) => lookupConcept(taxonomy, k),
      (k, from, to) => shortAliasOk(k, original(from, to)) || ROLE_NOUNS.has(words[to] ?? ''));
    if (concept) {
      const c = concept.value;
      const addSkill = (skill: Concept) => {
        if (!usedSkills.has(skill.id)) { usedSkills.add(skill.id); filters.skills.push({ id: skill.id, label: skill.label }); }
      };
      if (c.kind === 'occupation' && !filters.occupation) {
        filters.occupation = { id: c.id, label: c.label };
        // "power bi developer" is an alias of BI developer that also names a skill: keep both.
        if (labelKey(c.label) !== words.slice(i, i + concept.n).join(' ')) {
          const skill = longest(words.slice(0, i + concept.n - 1), i, concept.n - 1, (k) => {
            const hit = lookupConcept(taxonomy, k);
            return hit?.kind === 'skill' ? hit : undefined;
          }, () => true);
          if (skill) addSkill(skill.value);
        }
      } else if (c.kind === 'skill') addSkill(c);
      i += concept.n; continue;
    }

    if ((w === 'at' || w === 'for') && i + 1 < tokens.length && /^\p{Lu}/u.test(original(i + 1, i + 2))) {
      let j = i + 1;
      while (j < tokens.length && /^[\p{Lu}\p{N}]/u.test(original(j, j + 1)) && !places.byKey.has(words[j]!)) j++;
      if (j > i + 1) { filters.company ??= original(i + 1, j); i = j; continue; }
    }
    if ((w === 'in' || w === 'near') && i + 1 < tokens.length && /^\p{Lu}/u.test(original(i + 1, i + 2))) {
      let j = i + 1;
      while (j < tokens.length && /^\p{Lu}/u.test(original(j, j + 1))) j++;
      unparsed.push(original(i, j));
      i = j; continue;
    }
    if (!STOPWORDS.has(w) && !PREPOSITIONS.has(w) && !/^\d+$/.test(w)) filters.keywords.push(w);
    i++;
  }
  filters.keywords = [...new Set(filters.keywords)];
  // "devops jobs": a leftover word that only one occupation's labels use (by stem) names that occupation;
  // "teaching" or "nursing" are shared by several (teacher, teaching assistant) and stay keywords.
  if (!filters.occupation) {
    const hit = filters.keywords.map((k) => ({ k, occupations: occupationsSharingStem(taxonomy, k) })).find((h) => h.occupations.length === 1);
    if (hit) {
      const [c] = hit.occupations;
      filters.occupation = { id: c!.id, label: c!.label };
      filters.keywords = filters.keywords.filter((k) => k !== hit.k);
    }
  }
  return { filters, unparsed };
}

function pickPhrase<T>(candidates: string[], table: Record<string, T>): string | undefined {
  for (const c of candidates) if (c && Object.hasOwn(table, c)) return c;
  return undefined;
}

/** Two-letter aliases ("US", "LA", "SF", "Go", "R") only count when written with a capital. */
function shortAliasOk(key: string, originalText: string): boolean {
  if (key.length > 2 || /[+#.]/.test(key)) return !STOPWORDS.has(key) || /^\p{Lu}/u.test(originalText);
  return /^\p{Lu}/u.test(originalText);
}

function longest<T>(words: string[], i: number, max: number, get: (key: string) => T | undefined, ok: (key: string, from: number, to: number) => boolean): { value: T; n: number } | undefined {
  let key = '';
  let best: { value: T; n: number } | undefined;
  for (let n = 1; n <= max && i + n <= words.length; n++) {
    key = n === 1 ? words[i]! : `${key} ${words[i + n - 1]}`;
    const v = get(key) ?? (key.endsWith('s') && key.length > 3 ? get(key.slice(0, -1)) : undefined);
    if (v !== undefined && ok(key, i, i + n)) best = { value: v, n };
  }
  return best;
}

const stemIndexes = new WeakMap<Taxonomy, Map<string, Set<Concept>>>();

/** Occupations whose label or alternative labels contain a word with this word's stem ("devops" → DevOps engineer). */
function occupationsSharingStem(taxonomy: Taxonomy, word: string): Concept[] {
  let index = stemIndexes.get(taxonomy);
  if (!index) {
    index = new Map();
    for (const c of taxonomy.ofKind('occupation')) {
      for (const label of [c.label, ...c.altLabels]) {
        for (const w of labelKey(label).split(' ')) {
          // Agent nouns count for their activity too: "teacher" shares "teaching" with "teaching assistant".
          for (const stem of new Set([porterStem(w), ...(w.length > 5 && /[^e]er$/.test(w) ? [porterStem(w.slice(0, -2))] : [])])) {
            const set = index.get(stem);
            if (set) set.add(c); else index.set(stem, new Set([c]));
          }
        }
      }
    }
    stemIndexes.set(taxonomy, index);
  }
  return [...(index.get(porterStem(word)) ?? [])];
}

const conceptLexicons = new WeakMap<Taxonomy, Map<string, Concept>>();

/** Concepts by label key (occupations win over skills with the same label), built once per taxonomy. */
function lookupConcept(taxonomy: Taxonomy, key: string): Concept | undefined {
  let lex = conceptLexicons.get(taxonomy);
  if (!lex) {
    lex = new Map();
    for (const kind of ['occupation', 'skill'] as const) {
      for (const c of taxonomy.ofKind(kind)) {
        for (const label of [c.label, ...c.altLabels]) {
          const k = labelKey(label);
          if (k && !lex.has(k)) lex.set(k, c);
        }
      }
    }
    conceptLexicons.set(taxonomy, lex);
  }
  return lex.get(key);
}

export interface FilterJobsOptions {
  /** Company name for a job's `companyId`, so "at Acme" can be checked. */
  companyName?: (companyId: string) => string | undefined;
}

/** Does a job satisfy every filter the searcher stated? Jobs without a stated salary fail a salary floor. */
export function jobMatchesSearch(job: Job, f: JobSearchFilters, options: FilterJobsOptions = {}): boolean {
  if (f.remote && job.remote !== f.remote) return false;
  if (f.seniority && SENIORITY_RANK[job.seniority] !== SENIORITY_RANK[f.seniority]) return false;
  if (f.employmentType && job.employmentType !== f.employmentType) return false;
  if (f.salaryMin !== undefined) {
    if (!job.salary) return false;
    if (f.currency && job.salary.currency.toUpperCase() !== f.currency) return false;
    if (annualSalary(job.salary.max, job.salary.period) < f.salaryMin) return false;
  }
  if (f.location) {
    const jc = countryKey(job.location.country ?? '');
    const jcity = labelKey(job.location.city ?? '');
    const wantCountry = f.location.country ? countryKey(f.location.country) : '';
    const countryOk = !wantCountry || !jc || jc === wantCountry;
    if (job.remote === 'remote' && f.remote === 'remote') {
      if (!countryOk) return false;
    } else {
      if (!countryOk) return false;
      if (f.location.city && jcity !== labelKey(f.location.city)) return false;
      if (!f.location.city && !jc) return false;
    }
  }
  const text = ` ${labelKey(`${job.title} ${job.description}`)} `;
  if (f.occupation) {
    const occKey = labelKey(f.occupation.label);
    if (job.occupationId !== f.occupation.id && !` ${labelKey(job.title)} `.includes(` ${occKey}`)) return false;
  }
  if (f.skills.length > 0) {
    const ids = new Set<string>();
    for (const s of [...job.required.skills, ...job.preferred.skills]) { if (s.skillId) ids.add(s.skillId); ids.add(`name:${labelKey(s.name)}`); }
    for (const s of f.skills) {
      if (!ids.has(s.id) && !ids.has(`name:${labelKey(s.label)}`) && !text.includes(` ${labelKey(s.label)} `)) return false;
    }
  }
  if (f.company) {
    const name = options.companyName?.(job.companyId) ?? job.companyId;
    const want = contentTokens(f.company);
    const have = contentTokens(name);
    for (const t of want) if (!have.has(t)) return false;
  }
  for (const k of f.keywords) {
    const stem = k.length > 3 && k.endsWith('s') ? k.slice(0, -1) : k;
    if (!text.includes(` ${k}`) && !text.includes(` ${stem}`)) return false;
  }
  return true;
}

export function filterJobs(jobs: readonly Job[], filters: JobSearchFilters, options: FilterJobsOptions = {}): Job[] {
  return jobs.filter((j) => jobMatchesSearch(j, filters, options));
}

export type { Token };
