import {
  EDUCATION_RANK, LANGUAGE_RANK, SENIORITY_RANK, SKILL_LEVEL_RANK,
  type EducationLevel, type Job, type LanguageProficiency, type Location, type Member, type MemberSkill,
  type Seniority, type SkillLevel, type WorkPreferences,
} from '../domain/index.ts';
import { foldLabel, type Taxonomy } from '../taxonomy/index.ts';
import type { Evidence, QualificationKind } from './types.ts';
import { findSkillMentions, labelKey, neutralToken, quoteAround, skillLexicon, tokenize } from './text.ts';

/**
 * The only view of a member that matching may read. Contact data (name, email, phone, url),
 * graduation years, employer names, experience locations, headline and summary are not in it:
 * free-text evidence comes from experience entries only, because the summary and headline are
 * where members introduce themselves by name ("I'm Ruby" must never read as the skill Ruby).
 */
export interface MatchableMember {
  id: string;
  openToWork: boolean;
  location: Location;
  preferences: WorkPreferences;
  desiredRoles: string[];
  seniority?: Seniority;
  experience: { title: string; occupationId?: string; startDate: string; endDate?: string | null; description: string }[];
  education: { level: EducationLevel; field: string }[];
  skills: { skillId?: string; name: string; level?: SkillLevel; years?: number }[];
  languages: { language: string; proficiency: LanguageProficiency }[];
  certifications: { name: string; issuer?: string }[];
}

export function matchableMember(member: Member): MatchableMember {
  // Plain loops and explicit fields (no spreads): this runs for every member the index holds.
  const experience: MatchableMember['experience'] = new Array(member.experience.length);
  for (let i = 0; i < member.experience.length; i++) {
    const e = member.experience[i]!;
    const x: MatchableMember['experience'][number] = { title: e.title, startDate: e.startDate, endDate: e.endDate ?? null, description: e.description };
    if (e.occupationId) x.occupationId = e.occupationId;
    experience[i] = x;
  }
  const skills: MatchableMember['skills'] = new Array(member.skills.length);
  for (let i = 0; i < member.skills.length; i++) {
    const s = member.skills[i]!;
    const x: MatchableMember['skills'][number] = { name: s.name };
    if (s.skillId) x.skillId = s.skillId;
    if (s.level) x.level = s.level;
    if (s.years !== undefined) x.years = s.years;
    skills[i] = x;
  }
  const education: MatchableMember['education'] = new Array(member.education.length);
  for (let i = 0; i < member.education.length; i++) education[i] = { level: member.education[i]!.level, field: member.education[i]!.field };
  const languages: MatchableMember['languages'] = new Array(member.languages.length);
  for (let i = 0; i < member.languages.length; i++) languages[i] = { language: member.languages[i]!.language, proficiency: member.languages[i]!.proficiency };
  const certifications: MatchableMember['certifications'] = new Array(member.certifications.length);
  for (let i = 0; i < member.certifications.length; i++) {
    const c = member.certifications[i]!;
    certifications[i] = c.issuer ? { name: c.name, issuer: c.issuer } : { name: c.name };
  }
  const loc: Location = {};
  if (member.location.city) loc.city = member.location.city;
  if (member.location.region) loc.region = member.location.region;
  if (member.location.country) loc.country = member.location.country;
  const out: MatchableMember = {
    id: member.id, openToWork: member.openToWork, location: loc, preferences: member.preferences,
    desiredRoles: member.desiredRoles.slice(), experience, education, skills, languages, certifications,
  };
  if (member.seniority) out.seniority = member.seniority;
  return out;
}

/** A skill key: the taxonomy id when the name resolves, else `name:<label key>` so free names still match each other. */
export function resolveSkillKey(skillId: string | undefined, name: string, taxonomy: Taxonomy): string {
  if (skillId) return skillId;
  const found = taxonomy.findByLabel(name, 'skill')[0];
  if (found) return found.id;
  const key = labelKey(name);
  const viaLexicon = skillLexicon(taxonomy).byKey.get(key);
  return viaLexicon ?? `name:${key}`;
}

export interface ListedSkill { index: number; level: number; years: number | undefined; evidence: Evidence }
export interface TextField { field: string; text: string; /** Neutral-token key, built on first use (only unresolved names need it). */ key?: string }

/** A member compiled once for fast repeated assessment (and indexing). */
export interface MemberProfile {
  readonly id: string;
  readonly member: MatchableMember;
  readonly taxonomy: Taxonomy;
  readonly listed: Map<string, ListedSkill>;
  /** Skills found only in experience titles and descriptions, with the first quote. */
  readonly mentioned: Map<string, Evidence>;
  readonly occupations: ReadonlySet<string>;
  /** Merged experience intervals, in months since year 0. */
  readonly intervals: { start: number; end: number | null; index: number }[];
  readonly experienceEvidence: Evidence[];
  readonly education: { index: number; rank: number; field: string; level: EducationLevel; fieldTokens: ReadonlySet<string>; evidence: Evidence }[];
  readonly languages: Map<string, { index: number; rank: number; proficiency: LanguageProficiency; evidence: Evidence }>;
  readonly certifications: { index: number; key: string; tokens: ReadonlySet<string>; name: string }[];
  readonly textFields: TextField[];
  readonly city: string;
  readonly country: string;
  /** Seniority rank the member states, or -1 (then it is inferred from years at assessment time). */
  readonly seniorityRank: number;
  /** Memo of months of experience for the last `now` seen. */
  yearsMemo: { now: number; months: number };
}

export function monthIndex(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + (ym.length >= 7 ? Number(ym.slice(5, 7)) - 1 : 0);
}
export function nowMonth(now: Date): number {
  return now.getUTCFullYear() * 12 + now.getUTCMonth();
}

export function compileMember(member: Member, taxonomy: Taxonomy): MemberProfile {
  const m = matchableMember(member);
  const lexicon = skillLexicon(taxonomy);
  const listed = new Map<string, ListedSkill>();
  m.skills.forEach((s, index) => {
    const key = resolveSkillKey(s.skillId, s.name, taxonomy);
    if (listed.has(key)) return;
    const yearsText = s.years !== undefined ? `${s.years} ${s.years === 1 ? 'year' : 'years'}` : '';
    const detail = s.level ? (yearsText ? `${s.level}, ${yearsText}` : s.level) : yearsText;
    listed.set(key, {
      index,
      level: s.level ? SKILL_LEVEL_RANK[s.level] : 0,
      years: s.years,
      evidence: Object.freeze({ field: `skills[${index}]`, quote: detail ? `${s.name} (${detail})` : s.name }),
    });
  });

  const textFields: TextField[] = [];
  const pushText = (field: string, text: string) => { if (text) textFields.push({ field, text }); };
  m.experience.forEach((e, i) => { pushText(`experience[${i}].title`, e.title); pushText(`experience[${i}].description`, e.description); });

  const mentioned = new Map<string, Evidence>();
  for (const f of textFields) {
    for (const mention of findSkillMentions(f.text, lexicon)) {
      if (listed.has(mention.skillId) || mentioned.has(mention.skillId)) continue;
      mentioned.set(mention.skillId, Object.freeze({
        field: f.field,
        quote: quoteAround(f.text, mention.start, mention.end),
        note: 'mentioned in experience, not listed in skills',
      }));
    }
  }

  const occupations = new Set<string>();
  for (const e of m.experience) if (e.occupationId) occupations.add(e.occupationId);
  for (const r of m.desiredRoles) {
    if (taxonomy.get(r)?.kind === 'occupation') occupations.add(r);
    else { const o = taxonomy.findByLabel(r, 'occupation')[0]; if (o) occupations.add(o.id); }
  }

  const intervals = m.experience.map((e, index) => ({ start: monthIndex(e.startDate), end: e.endDate ? monthIndex(e.endDate) : null, index }));

  return {
    id: m.id,
    member: m,
    taxonomy,
    listed,
    mentioned,
    occupations,
    intervals,
    // Shared by every assessment of this member: frozen so no consumer can alter another's evidence.
    experienceEvidence: Object.freeze(m.experience.map((e, i) => Object.freeze({ field: `experience[${i}]`, quote: `${e.title} (${e.startDate} – ${e.endDate ?? 'present'})` }))) as Evidence[],
    education: m.education.map((e, index) => ({
      index, rank: EDUCATION_RANK[e.level], field: e.field, level: e.level, fieldTokens: contentTokens(e.field),
      evidence: Object.freeze({ field: `education[${index}]`, quote: e.field ? `${e.level}, ${e.field}` : e.level }),
    })),
    languages: new Map(m.languages.map((l, index) => [languageKey(l.language), {
      index, rank: LANGUAGE_RANK[l.proficiency], proficiency: l.proficiency,
      evidence: Object.freeze({ field: `languages[${index}]`, quote: `${l.language} (${l.proficiency})` }),
    }])),
    certifications: m.certifications.map((c, index) => ({ index, key: labelKeyMemo(c.name), tokens: contentTokens(c.name), name: c.name })),
    textFields,
    city: foldMemo(m.location.city ?? ''),
    country: countryKey(m.location.country ?? ''),
    seniorityRank: m.seniority ? SENIORITY_RANK[m.seniority] : -1,
    yearsMemo: { now: -1, months: 0 },
  };
}

/** Total months of experience up to `now`, overlapping roles counted once. */
export function experienceMonths(profile: MemberProfile, now: number): number {
  if (profile.intervals.length === 0) return 0;
  const spans = profile.intervals
    .map((iv) => [iv.start, Math.min(iv.end ?? now, now) + 1] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curS = -1;
  let curE = -1;
  for (const [s, e] of spans) {
    if (s > curE) { total += curE - curS; curS = s; curE = e; } else if (e > curE) curE = e;
  }
  total += curE - curS;
  return total;
}

/** Seniority from years of experience when the member states none (documented in docs/MATCHING.md). */
export function seniorityFromYears(years: number): Seniority {
  if (years < 2) return 'entry';
  if (years < 5) return 'mid';
  if (years < 10) return 'senior';
  return 'lead';
}

export interface SkillRequirement {
  type: 'skill'; kind: QualificationKind; key: string; skillId?: string; requirement: string; name: string;
  level: number; levelName?: SkillLevel; years?: number; related: string[];
}
export type Requirement =
  | SkillRequirement
  | { type: 'years'; kind: QualificationKind; requirement: string; years: number }
  | { type: 'education'; kind: QualificationKind; requirement: string; level: EducationLevel; rank: number; field?: string; fieldTokens: ReadonlySet<string> }
  | { type: 'language'; kind: QualificationKind; requirement: string; language: string; key: string; rank: number; proficiency: LanguageProficiency }
  | { type: 'certification'; kind: QualificationKind; requirement: string; name: string; key: string; nameKey: string; tokens: ReadonlySet<string> };

/** A job compiled once: its requirements resolved to skill keys, in the order they are reported. */
export interface JobProfile {
  readonly id: string;
  readonly job: Job;
  readonly taxonomy: Taxonomy;
  readonly requirements: Requirement[];
  readonly requiredCount: number;
  readonly preferredCount: number;
  /** Taxonomy-skill requirements by kind (the rest count as "other" in retrieval's upper bound). */
  readonly requiredSkills: number;
  readonly preferredSkills: number;
  readonly city: string;
  readonly country: string;
  readonly seniorityRank: number;
}

const relatedCache = new WeakMap<Taxonomy, Map<string, string[]>>();
/** Related skill ids in a stable order, shared by every job that asks for the skill. */
function sortedRelated(taxonomy: Taxonomy, id: string): string[] {
  let m = relatedCache.get(taxonomy);
  if (!m) { m = new Map(); relatedCache.set(taxonomy, m); }
  let r = m.get(id);
  if (!r) { r = [...taxonomy.related(id)].sort(); m.set(id, r); }
  return r;
}

const EDUCATION_LABEL: Record<EducationLevel, string> = {
  none: 'No formal education', secondary: 'Secondary school', vocational: 'Vocational qualification',
  associate: "Associate's degree", bachelor: "Bachelor's degree", master: "Master's degree", doctorate: 'Doctorate',
};

export function compileJob(job: Job, taxonomy: Taxonomy): JobProfile {
  const requirements: Requirement[] = [];
  const seen = new Set<string>();
  for (const kind of ['required', 'preferred'] as const) {
    const q = job[kind];
    for (const s of q.skills) {
      const key = resolveSkillKey(s.skillId, s.name, taxonomy);
      if (seen.has(key)) continue;
      seen.add(key);
      const detail = [s.level, s.years !== undefined ? `${s.years}+ years` : undefined].filter(Boolean).join(', ');
      const isTaxonomy = !key.startsWith('name:');
      requirements.push({
        type: 'skill', kind, key, ...(isTaxonomy ? { skillId: key } : {}), name: s.name,
        requirement: detail ? `${s.name} (${detail})` : s.name,
        level: s.level ? SKILL_LEVEL_RANK[s.level] : 0, ...(s.level ? { levelName: s.level } : {}),
        ...(s.years !== undefined ? { years: s.years } : {}),
        related: isTaxonomy ? sortedRelated(taxonomy, key) : [],
      });
    }
    if (q.minYears !== undefined && q.minYears > 0) {
      requirements.push({ type: 'years', kind, years: q.minYears, requirement: `${q.minYears}+ years of experience` });
    }
    if (q.education && q.education.level !== 'none') {
      const e = q.education;
      requirements.push({
        type: 'education', kind, level: e.level, rank: EDUCATION_RANK[e.level],
        ...(e.field ? { field: e.field } : {}), fieldTokens: contentTokens(e.field ?? ''),
        requirement: `${EDUCATION_LABEL[e.level]}${e.field ? ` in ${e.field}` : ''}`,
      });
    }
    for (const l of q.languages) {
      requirements.push({
        type: 'language', kind, language: l.language, key: languageKey(l.language), rank: LANGUAGE_RANK[l.proficiency],
        proficiency: l.proficiency, requirement: `${l.language} (${l.proficiency})`,
      });
    }
    for (const c of q.certifications) {
      const key = labelKey(c);
      requirements.push({ type: 'certification', kind, name: c, key, nameKey: `name:${key}`, tokens: contentTokens(c), requirement: c });
    }
  }
  return {
    id: job.id,
    job,
    taxonomy,
    requirements,
    requiredCount: requirements.filter((r) => r.kind === 'required').length,
    preferredCount: requirements.filter((r) => r.kind === 'preferred').length,
    // Only taxonomy skills: a free-named skill can be met from experience text, which the index's
    // postings do not cover, so retrieval's upper bound treats it like a non-skill requirement.
    requiredSkills: requirements.filter((r) => r.kind === 'required' && r.type === 'skill' && !r.key.startsWith('name:')).length,
    preferredSkills: requirements.filter((r) => r.kind === 'preferred' && r.type === 'skill' && !r.key.startsWith('name:')).length,
    city: foldMemo(job.location.city ?? ''),
    country: countryKey(job.location.country ?? ''),
    seniorityRank: SENIORITY_RANK[job.seniority],
  };
}

/** Small memo for values that repeat across profiles (cities, languages, fields of study). */
function memo<T>(fn: (s: string) => T, max = 50_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

/** The neutral-token key of a text field, e.g. ` built spark pipelines `, computed once. */
export function textKey(f: TextField): string {
  if (f.key === undefined) f.key = ` ${tokenize(f.text).map((t) => neutralToken(t.text)).join(' ')} `;
  return f.key;
}

const CONTENT_STOP = new Set(['of', 'in', 'and', 'the', 'a', 'an', 'for', 'to', 'on', '-', '&', 'certified', 'certification', 'certificate']);
/** Content words of a short label; memoised and shared, so callers must not mutate the set. */
export const contentTokens: (text: string) => ReadonlySet<string> = memo((text: string) =>
  new Set(tokenize(text).map((t) => t.text).filter((t) => !CONTENT_STOP.has(t))));
const foldMemo = memo(foldLabel);
const labelKeyMemo = memo(labelKey);

const LANGUAGE_CODES: Record<string, string> = {
  en: 'english', de: 'german', fr: 'french', es: 'spanish', it: 'italian', pt: 'portuguese', nl: 'dutch', pl: 'polish',
  sv: 'swedish', da: 'danish', no: 'norwegian', fi: 'finnish', ru: 'russian', uk: 'ukrainian', tr: 'turkish', ar: 'arabic',
  zh: 'chinese', ja: 'japanese', ko: 'korean', hi: 'hindi', cs: 'czech', el: 'greek', he: 'hebrew', hu: 'hungarian', ro: 'romanian',
  deutsch: 'german', français: 'french', francais: 'french', español: 'spanish', espanol: 'spanish', mandarin: 'chinese',
};
export function languageKey(language: string): string {
  const k = foldMemo(language);
  return LANGUAGE_CODES[k] ?? k;
}

const COUNTRY_ALIASES: Record<string, string> = {
  germany: 'de', deutschland: 'de', 'united states': 'us', usa: 'us', 'united states of america': 'us', america: 'us',
  'united kingdom': 'gb', uk: 'gb', 'great britain': 'gb', england: 'gb', france: 'fr', spain: 'es', italy: 'it',
  netherlands: 'nl', 'the netherlands': 'nl', austria: 'at', switzerland: 'ch', poland: 'pl', ireland: 'ie', canada: 'ca',
  india: 'in', portugal: 'pt', sweden: 'se', belgium: 'be', denmark: 'dk', norway: 'no', finland: 'fi',
};
/** Country as a lower-case ISO code where we know it, so "Germany" and "DE" compare equal. */
export function countryKey(country: string): string {
  const k = foldMemo(country);
  return COUNTRY_ALIASES[k] ?? k;
}
