/**
 * Test and benchmark fixtures for the matching engine: a small hand-made taxonomy and course
 * catalogue for unit tests, and a deterministic (seeded) synthetic member/job generator that works
 * on any taxonomy (the shipped default when it is usable, else the hand-made one).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Concept, Course, Job, Member,
  type ConceptInput, type CourseInput, type EducationLevel, type JobInput, type MemberInput, type RemotePolicy, type Seniority, type SkillLevel,
} from '../../src/domain/index.ts';
import { Taxonomy } from '../../src/taxonomy/index.ts';
import { Random } from '../../src/seed/index.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NOW = new Date('2026-11-15T12:00:00Z');

const skill = (id: string, label: string, altLabels: string[] = [], related: string[] = []): ConceptInput =>
  ({ id: `skill:${id}`, kind: 'skill', label, altLabels, related: related.map((r) => `skill:${r}`) });
const occupation = (id: string, label: string, altLabels: string[], skills: string[]): ConceptInput =>
  ({ id: `occ:${id}`, kind: 'occupation', label, altLabels, skills: skills.map((s) => `skill:${s}`) });

/** A small taxonomy written by hand so unit tests never depend on the shipped one. */
export const FIXTURE_CONCEPTS: ConceptInput[] = [
  skill('python', 'Python', ['python3'], ['pandas', 'django']),
  skill('pandas', 'pandas'),
  skill('django', 'Django'),
  skill('sql', 'SQL', ['structured query language'], ['postgresql']),
  skill('postgresql', 'PostgreSQL', ['postgres']),
  skill('spark', 'Apache Spark', ['Spark', 'PySpark'], ['hadoop', 'kafka', 'scala']),
  skill('hadoop', 'Hadoop'),
  skill('kafka', 'Apache Kafka', ['Kafka']),
  skill('airflow', 'Apache Airflow', ['Airflow']),
  skill('scala', 'Scala'),
  skill('java', 'Java', [], ['scala', 'kotlin']),
  skill('kotlin', 'Kotlin'),
  skill('go', 'Go', ['golang']),
  skill('r', 'R'),
  skill('aws', 'Amazon Web Services', ['AWS'], ['gcp', 'azure']),
  skill('gcp', 'Google Cloud Platform', ['GCP']),
  skill('azure', 'Microsoft Azure', ['Azure']),
  skill('docker', 'Docker', [], ['kubernetes']),
  skill('kubernetes', 'Kubernetes', ['k8s']),
  skill('javascript', 'JavaScript', ['JS'], ['typescript', 'react']),
  skill('typescript', 'TypeScript'),
  skill('react', 'React', ['React.js', 'ReactJS']),
  skill('ml', 'Machine Learning', ['ML'], ['python', 'pandas']),
  skill('communication', 'Communication', ['communication skills']),
  skill('leadership', 'Team Leadership', ['people management']),
  skill('german', 'German language', ['German']),
  skill('cicd', 'CI/CD', ['continuous integration']),
  occupation('data-engineer', 'Data Engineer', ['Big Data Engineer', 'ETL Developer'], ['python', 'sql', 'spark', 'airflow', 'kafka', 'aws']),
  occupation('data-scientist', 'Data Scientist', [], ['python', 'ml', 'pandas', 'sql', 'r']),
  occupation('backend-developer', 'Backend Developer', ['Back-end Developer', 'Backend Engineer'], ['java', 'go', 'postgresql', 'docker', 'kubernetes', 'kotlin']),
  occupation('frontend-developer', 'Frontend Developer', ['Front-end Developer', 'Frontend Engineer'], ['javascript', 'typescript', 'react', 'cicd']),
  occupation('engineering-manager', 'Engineering Manager', [], ['leadership', 'communication', 'cicd', 'aws']),
];

export function fixtureTaxonomy(): Taxonomy {
  return new Taxonomy(FIXTURE_CONCEPTS.map((c) => Concept.parse(c)));
}

export const FIXTURE_COURSES: Course[] = ([
  { id: 'course:spark-101', title: 'Spark Fundamentals', provider: 'OpenLearn', skills: ['skill:spark'], level: 'beginner', durationHours: 12 },
  { id: 'course:spark-adv', title: 'Advanced Spark Tuning', provider: 'OpenLearn', skills: ['skill:spark'], level: 'advanced', durationHours: 30 },
  { id: 'course:spark-mid', title: 'Spark for Data Pipelines', provider: 'DataCamp-like', skills: ['skill:spark', 'skill:airflow'], level: 'intermediate', durationHours: 20 },
  { id: 'course:airflow', title: 'Orchestrating with Airflow', provider: 'OpenLearn', skills: ['skill:airflow'], level: 'beginner', durationHours: 8 },
  { id: 'course:k8s', title: 'Kubernetes Basics', provider: 'CNCF', skills: ['skill:kubernetes'], level: 'beginner', durationHours: 10 },
  { id: 'course:german-b2', title: 'German for Work (B2)', provider: 'Goethe', skills: ['skill:german'], level: 'intermediate', durationHours: 120 },
  { id: 'course:aws-saa', title: 'AWS Solutions Architect Associate Exam Prep', provider: 'Cloud Academy', skills: ['skill:aws'], level: 'intermediate', durationHours: 40 },
] satisfies CourseInput[]).map((c) => Course.parse(c));

export function makeMember(input: Partial<MemberInput> & { id?: string } = {}): Member {
  return Member.parse({ id: 'm1', openToWork: true, ...input });
}
export function makeJob(input: Partial<JobInput> & { id?: string } = {}): Job {
  return Job.parse({ id: 'j1', companyId: 'c1', title: 'Data Engineer', ...input });
}

/** The shipped taxonomy when it has skills and occupations with typical skills; else the fixture. */
export function benchmarkTaxonomy(): { taxonomy: Taxonomy; source: string } {
  const file = join(REPO_ROOT, 'data', 'taxonomy', 'default.jsonl');
  if (existsSync(file)) {
    try {
      const concepts = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => Concept.parse(JSON.parse(l)));
      const occs = concepts.filter((c) => c.kind === 'occupation' && c.skills.length >= 3);
      if (occs.length >= 5 && concepts.some((c) => c.kind === 'skill')) return { taxonomy: new Taxonomy(concepts), source: 'data/taxonomy/default.jsonl' };
    } catch { /* being written by another engineer: fall back */ }
  }
  return { taxonomy: fixtureTaxonomy(), source: 'test/matching/fixtures.ts' };
}

// ---------------------------------------------------------------------------------------------
// Seeded generator

/** A seeded generator (the demo-data PRNG), as a plain function. */
export function createRng(seed: number): () => number {
  const r = new Random(seed);
  return () => r.next();
}
const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const int = (rng: () => number, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
function sample<T>(rng: () => number, list: readonly T[], n: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rng() * copy.length), 1)[0]!);
  return out;
}

const FIRST_NAMES = ['Anna', 'Ben', 'Chen', 'Dana', 'Emeka', 'Fatima', 'Giulia', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Ruby', 'Julia', 'Sven', 'Tomasz'];
const LAST_NAMES = ['Schmidt', 'Okafor', 'Garcia', 'Nguyen', 'Kowalski', 'Rossi', 'Haddad', 'Tanaka', 'Murphy', 'Silva', 'Go', 'Spark'];
const CITIES: { city: string; country: string }[] = [
  { city: 'Berlin', country: 'DE' }, { city: 'Munich', country: 'DE' }, { city: 'Hamburg', country: 'DE' }, { city: 'Amsterdam', country: 'NL' },
  { city: 'London', country: 'GB' }, { city: 'Paris', country: 'FR' }, { city: 'Madrid', country: 'ES' }, { city: 'Warsaw', country: 'PL' },
];
const LEVELS: SkillLevel[] = ['beginner', 'intermediate', 'advanced', 'expert'];
const SENIORITIES: Seniority[] = ['entry', 'mid', 'senior', 'lead'];
const REMOTES: RemotePolicy[] = ['onsite', 'hybrid', 'remote'];
const EDUCATION: EducationLevel[] = ['secondary', 'vocational', 'bachelor', 'bachelor', 'master', 'doctorate'];
const FIELDS = ['Computer Science', 'Mathematics', 'Physics', 'Business Administration', 'Information Systems'];
const LANGS = ['English', 'German', 'French', 'Spanish', 'Polish'];
const PROFS = ['limited', 'professional', 'full', 'native'] as const;
const CERTS = ['AWS Certified Solutions Architect', 'Certified Kubernetes Administrator', 'Google Professional Data Engineer', 'Scrum Master'];

/** Gendered sentence templates; `{p}` is a pronoun, `{P}` a possessive, `{role}` a gendered role noun. */
const SENTENCES = [
  'As {role} of the guild, {p} set the direction for {S}.',
  'Worked with {S} every day; {P} team shipped weekly.',
  '{P} main tools were {S} and {S2}.',
  'Mentored two juniors while {p} rebuilt the {S} stack.',
];
export const GENDER_FORMS = {
  masculine: { p: 'he', P: 'his', role: 'chairman' },
  feminine: { p: 'she', P: 'her', role: 'chairwoman' },
} as const;

interface Pools { skills: { id: string; label: string }[]; occupations: { id: string; label: string; skills: string[] }[] }
function pools(taxonomy: Taxonomy): Pools {
  const skills = taxonomy.skills().map((s) => ({ id: s.id, label: s.label }));
  const occupations = taxonomy.occupations().map((o) => ({ id: o.id, label: o.label, skills: o.skills.filter((s) => taxonomy.has(s)) }))
    .filter((o) => o.skills.length >= 2);
  return { skills, occupations };
}

function ym(monthIndex: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

export interface GenerateOptions { now?: Date; openToWorkShare?: number; gender?: keyof typeof GENDER_FORMS }

/** Deterministic members: same taxonomy + seed → the same members, built without zod for speed. */
export function generateMembers(taxonomy: Taxonomy, count: number, seed: number, options: GenerateOptions = {}): Member[] {
  const rng = createRng(seed);
  const { skills, occupations } = pools(taxonomy);
  const nowM = (options.now ?? NOW).getUTCFullYear() * 12 + (options.now ?? NOW).getUTCMonth();
  const out: Member[] = [];
  for (let i = 0; i < count; i++) {
    const occ = pick(rng, occupations);
    const own = sample(rng, occ.skills, int(rng, 2, Math.min(6, occ.skills.length)));
    const extra = sample(rng, skills, int(rng, 0, 4)).map((s) => s.id).filter((s) => !own.includes(s));
    const listed = [...own, ...extra];
    const unlisted = sample(rng, occ.skills.filter((s) => !listed.includes(s)), 1);
    const gender = GENDER_FORMS[options.gender ?? (rng() < 0.5 ? 'masculine' : 'feminine')];
    const first = pick(rng, FIRST_NAMES);
    const last = pick(rng, LAST_NAMES);
    const years = int(rng, 0, 18);
    const roles = int(rng, 1, 3);
    const experience: Member['experience'] = [];
    let end = nowM;
    for (let r = 0; r < roles; r++) {
      const len = Math.max(6, Math.floor((years * 12) / roles));
      const start = end - len;
      const words = (s: string) => taxonomy.labelOf(s);
      const mention = unlisted[0] && r === 0 ? words(unlisted[0]) : words(pick(rng, listed));
      const sentence = pick(rng, SENTENCES).replace('{role}', gender.role).replace('{p}', gender.p).replace('{P}', gender.P)
        .replace(/^\{P\}/, gender.P[0]!.toUpperCase() + gender.P.slice(1)).replace('{S}', mention).replace('{S2}', words(pick(rng, listed)));
      experience.push({
        title: `${r === 0 ? pick(rng, ['Senior ', '', 'Lead ']) : ''}${occ.label}`,
        company: `Company ${int(rng, 1, 500)}`,
        occupationId: occ.id,
        startDate: ym(start),
        endDate: r === 0 ? null : ym(end),
        description: `${sentence[0]!.toUpperCase()}${sentence.slice(1)} ${gender.p[0]!.toUpperCase()}${gender.p.slice(1)} improved reliability.`,
      });
      end = start - int(rng, 0, 3);
    }
    const place = pick(rng, CITIES);
    const edu = pick(rng, EDUCATION);
    const member: Member = {
      id: `m${String(i).padStart(6, '0')}`,
      contact: { name: `${first} ${last}`, email: `${first}.${last}@example.org`.toLowerCase(), phone: `+49 30 ${int(rng, 1000000, 9999999)}` },
      headline: `${occ.label}`,
      summary: `I'm ${first}. ${gender.p[0]!.toUpperCase()}${gender.p.slice(1)} likes hard problems; ${gender.P} focus is ${taxonomy.labelOf(pick(rng, listed))}.`,
      location: { city: place.city, country: place.country },
      openToWork: rng() < (options.openToWorkShare ?? 0.7),
      alerts: { enabled: true, minLevel: 'good', channels: ['in_app'], maxPerDay: 10 },
      preferences: {
        remote: rng() < 0.7 ? ['onsite', 'hybrid', 'remote'] : ['remote', 'hybrid'],
        employmentTypes: ['full_time'], currency: 'EUR', willingToRelocate: rng() < 0.3,
        ...(rng() < 0.5 ? { salaryMin: int(rng, 40, 110) * 1000 } : {}),
      },
      desiredRoles: [occ.id],
      ...(rng() < 0.5 ? { seniority: pick(rng, SENIORITIES) } : {}),
      experience,
      education: [{ institution: 'University', level: edu, field: pick(rng, FIELDS), endYear: int(rng, 1985, 2024) }],
      skills: listed.map((id) => ({
        ...(rng() < 0.8 ? { skillId: id } : {}),
        name: taxonomy.labelOf(id),
        ...(rng() < 0.7 ? { level: pick(rng, LEVELS) } : {}),
        ...(rng() < 0.5 ? { years: int(rng, 1, 10) } : {}),
      })),
      languages: sample(rng, LANGS, int(rng, 1, 3)).map((language) => ({ language, proficiency: pick(rng, PROFS) })),
      certifications: rng() < 0.3 ? [{ name: pick(rng, CERTS), year: int(rng, 2010, 2025) }] : [],
    };
    out.push(member);
  }
  return out;
}

export function generateJobs(taxonomy: Taxonomy, count: number, seed: number): Job[] {
  const rng = createRng(seed);
  const { skills, occupations } = pools(taxonomy);
  const out: Job[] = [];
  for (let i = 0; i < count; i++) {
    const occ = pick(rng, occupations);
    const req = sample(rng, occ.skills, int(rng, 2, Math.min(5, occ.skills.length)));
    const pref = sample(rng, [...occ.skills.filter((s) => !req.includes(s)), ...sample(rng, skills, 2).map((s) => s.id)], int(rng, 0, 3))
      .filter((s) => !req.includes(s));
    const place = pick(rng, CITIES);
    const min = int(rng, 40, 100) * 1000;
    const job: Job = {
      id: `j${String(i).padStart(6, '0')}`,
      companyId: `c${int(rng, 1, 200)}`,
      title: `${pick(rng, ['', 'Senior ', 'Junior ', 'Lead '])}${occ.label}`,
      occupationId: occ.id,
      description: `We are hiring a ${occ.label}.`,
      location: { city: place.city, country: place.country },
      remote: pick(rng, REMOTES),
      seniority: pick(rng, SENIORITIES),
      employmentType: 'full_time',
      ...(rng() < 0.6 ? { salary: { min, max: min + int(rng, 5, 40) * 1000, currency: 'EUR', period: 'year' as const } } : {}),
      required: {
        skills: req.map((id) => ({ skillId: id, name: taxonomy.labelOf(id), ...(rng() < 0.4 ? { level: pick(rng, LEVELS) } : {}) })),
        ...(rng() < 0.7 ? { minYears: int(rng, 1, 8) } : {}),
        ...(rng() < 0.4 ? { education: { level: pick(rng, ['bachelor', 'master'] as const), ...(rng() < 0.5 ? { field: pick(rng, FIELDS) } : {}) } } : {}),
        languages: rng() < 0.5 ? [{ language: pick(rng, LANGS), proficiency: pick(rng, PROFS) }] : [],
        certifications: rng() < 0.15 ? [pick(rng, CERTS)] : [],
      },
      preferred: {
        skills: pref.map((id) => ({ skillId: id, name: taxonomy.labelOf(id) })),
        languages: [], certifications: [],
      },
      status: 'open',
      notifyMinLevel: 'good',
    };
    out.push(job);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Counterfactuals for the fairness test

const GENDER_SWAPS: [RegExp, string][] = [
  [/\bhe\b/g, 'she'], [/\bHe\b/g, 'She'], [/\bhis\b/g, 'her'], [/\bHis\b/g, 'Her'], [/\bchairman\b/g, 'chairwoman'],
  [/\bsalesman\b/g, 'saleswoman'], [/\bMr\b/g, 'Ms'],
];
const GENDER_SWAPS_BACK: [RegExp, string][] = [
  [/\bshe\b/g, 'he'], [/\bShe\b/g, 'He'], [/\bher\b/g, 'his'], [/\bHer\b/g, 'His'], [/\bchairwoman\b/g, 'chairman'],
  [/\bsaleswoman\b/g, 'salesman'], [/\bMs\b/g, 'Mr'],
];

/** Flip gender-coded words one way or the other (he↔she, his↔her, chairman↔chairwoman). */
export function swapGenderWords(text: string): string {
  const hasMasc = /\b(he|He|his|His|chairman|salesman|Mr)\b/.test(text);
  let out = text;
  for (const [re, to] of hasMasc ? GENDER_SWAPS : GENDER_SWAPS_BACK) out = out.replace(re, to);
  return out;
}

/** The same member with another name (everywhere it appears), flipped gender words and shifted graduation years. */
export function counterfactual(member: Member, rng: () => number): Member {
  const oldFirst = member.contact.name.split(' ')[0]!;
  const newFirst = pick(rng, FIRST_NAMES.filter((n) => n !== oldFirst));
  const newName = `${newFirst} ${pick(rng, LAST_NAMES)}`;
  const rename = (t: string) => swapGenderWords(t.replace(new RegExp(`\\b${oldFirst}\\b`, 'g'), newFirst));
  return {
    ...member,
    contact: { ...member.contact, name: newName, email: `${newFirst.toLowerCase()}@example.com`, phone: '+1 555 0100', url: 'https://example.com/x' },
    headline: rename(member.headline),
    summary: rename(member.summary),
    experience: member.experience.map((e) => ({ ...e, title: rename(e.title), description: rename(e.description) })),
    education: member.education.map((e) => ({ ...e, endYear: e.endYear === undefined ? 1970 + int(rng, 0, 55) : e.endYear + int(rng, -30, 30) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Benchmark data: the lead's demo-data generator (src/seed) when present, else ours.

export interface BenchData { members: Member[]; jobs: Job[]; courses: Course[]; now: Date; generator: string }

/**
 * Members, jobs and courses for benchmarks. Prefers `src/seed` (realistic demo data and course
 * catalogue) and falls back to this file's generator; `prefer: 'fixtures'` forces ours.
 */
export async function benchmarkData(
  taxonomy: Taxonomy, sizes: { members: number; jobs: number; seed: number }, prefer: 'seed' | 'fixtures' = 'seed',
): Promise<BenchData> {
  if (prefer === 'seed') {
    try {
      const seed = await import('../../src/seed/index.ts') as Record<string, any>;
      if (seed.DemoContext && seed.generateMember && seed.generateJob) {
        const ctx = new seed.DemoContext(taxonomy, { ...seed.DEFAULT_SIZES, members: sizes.members, jobs: sizes.jobs, seed: sizes.seed });
        const members: Member[] = [];
        for (let i = 0; i < sizes.members; i++) members.push(seed.generateMember(ctx, i));
        const jobs: Job[] = [];
        for (let i = 0; i < sizes.jobs; i++) jobs.push({ ...seed.generateJob(ctx, i), status: 'open' });
        const courses: Course[] = seed.generateCourses ? seed.generateCourses(ctx) : FIXTURE_COURSES;
        return { members, jobs, courses, now: ctx.now, generator: 'src/seed' };
      }
    } catch { /* not there yet, or mid-edit by its owner: fall back */ }
  }
  return {
    members: generateMembers(taxonomy, sizes.members, sizes.seed),
    jobs: generateJobs(taxonomy, sizes.jobs, sizes.seed + 1),
    courses: FIXTURE_COURSES,
    now: NOW,
    generator: 'test/matching/fixtures.ts',
  };
}
