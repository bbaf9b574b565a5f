import type {
  Application, Company, Concept, Course, EducationLevel, Job, Member, Seniority, SkillLevel,
} from '../domain/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';
import { Random } from './random.ts';
import {
  CITIES, COMPANY_PREFIX, COMPANY_SUFFIX, COUNTRY_LANGUAGE, COURSE_PROVIDERS, CURRENCY, DUTY_TEMPLATES, FIRST_NAMES, LAST_NAMES, UNIVERSITIES,
} from './vocabulary.ts';

export interface DemoSizes {
  members: number;
  jobs: number;
  companies: number;
  courses: number;
  seed: number;
  /** Reference date for careers and postings; fixed by default so data is reproducible. */
  now?: Date;
}

export const DEFAULT_SIZES: DemoSizes = { members: 5000, jobs: 1000, companies: 200, courses: 200, seed: 42 };
const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');

const CITY_WEIGHTS = CITIES.map((c) => c[2]);
const SENIORITY_TITLES: Partial<Record<Seniority, string>> = { entry: 'Junior', senior: 'Senior', lead: 'Lead', intern: 'Intern' };
const TECH_HINT = /software|data|cloud|devops|programming|web|mobile|security|machine|ai|database|network|it\b|engineer|analytics/i;

/**
 * Precomputed view of the taxonomy for generation: occupations that have typical skills, and for each
 * the pool of skills that co-occur with it (typical skills first, then their related skills).
 */
export class DemoContext {
  readonly occupations: Concept[];
  readonly occWeights: number[];
  private readonly pools = new Map<string, string[]>();

  constructor(readonly taxonomy: Taxonomy, readonly sizes: DemoSizes) {
    this.occupations = taxonomy.occupations().filter((o) => o.skills.some((s) => taxonomy.has(s)));
    if (this.occupations.length === 0) throw new Error('the taxonomy has no occupations with typical skills to generate demo data from');
    // Technical occupations are over-represented on the boards Fitwise targets, but every family appears.
    this.occWeights = this.occupations.map((o) => (TECH_HINT.test(`${o.category ?? ''} ${o.label}`) ? 2 : 1));
    for (const o of this.occupations) {
      const typical = o.skills.filter((s) => taxonomy.has(s));
      const related = typical.flatMap((s) => [...taxonomy.related(s)]).filter((s) => !typical.includes(s));
      this.pools.set(o.id, [...typical, ...new Set(related)]);
    }
  }

  pool(occupationId: string): string[] {
    return this.pools.get(occupationId) ?? [];
  }

  typical(occupationId: string): string[] {
    return (this.taxonomy.get(occupationId)?.skills ?? []).filter((s) => this.taxonomy.has(s));
  }

  get now(): Date {
    return this.sizes.now ?? DEFAULT_NOW;
  }
}

function pad(n: number, width = 6): string {
  return String(n).padStart(width, '0');
}

export function companyId(i: number): string { return `c-${pad(i, 4)}`; }
export function memberId(i: number): string { return `m-${pad(i, 7)}`; }
export function jobId(i: number): string { return `j-${pad(i, 6)}`; }

const SMALL_WORDS = new Set(['of', 'and', 'in', 'for', 'the', 'to', 'a', 'an', 'on', 'with']);

/** Job titles as people write them: "senior data engineer" → "Senior Data Engineer" (acronyms kept). */
export function titleCase(s: string): string {
  return s.split(' ').map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(' ');
}

function ym(d: Date): string {
  return d.toISOString().slice(0, 7);
}

function addMonths(d: Date, months: number): Date {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

function baseSalary(occ: Concept): number {
  return TECH_HINT.test(`${occ.category ?? ''} ${occ.label}`) ? 62000 : 44000;
}

const SENIORITY_PAY: Record<Seniority, number> = { intern: 0.4, entry: 0.75, mid: 1, senior: 1.3, lead: 1.55, manager: 1.5, director: 1.9, executive: 2.5 };

function seniorityForYears(years: number, r: Random): Seniority {
  if (years < 1) return r.chance(0.3) ? 'intern' : 'entry';
  if (years < 3) return 'entry';
  if (years < 6) return 'mid';
  if (years < 10) return r.chance(0.75) ? 'senior' : 'lead';
  if (years < 16) return r.weighted(['senior', 'lead', 'manager'] as const, [4, 3, 2]);
  return r.weighted(['senior', 'lead', 'manager', 'director'] as const, [3, 3, 2, 1]);
}

function levelForYears(years: number, r: Random): SkillLevel {
  const x = years + r.normal(0, 1.5);
  if (x < 1.5) return 'beginner';
  if (x < 4) return 'intermediate';
  if (x < 9) return 'advanced';
  return 'expert';
}

function educationFor(occ: Concept, r: Random): EducationLevel {
  if (TECH_HINT.test(`${occ.category ?? ''} ${occ.label}`)) return r.weighted(['bachelor', 'master', 'doctorate', 'vocational', 'none'] as const, [50, 30, 4, 10, 6]);
  return r.weighted(['secondary', 'vocational', 'associate', 'bachelor', 'master'] as const, [20, 30, 10, 30, 10]);
}

function fillTemplate(t: string, skills: string[], r: Random): string {
  return t.replace('{skill}', skills[0] ?? 'core tools').replace('{skill2}', skills[1] ?? skills[0] ?? 'teamwork')
    .replace('{pct}', String(r.int(5, 40))).replace('{n}', String(r.int(3, 25)));
}

export function generateCompany(ctx: DemoContext, i: number): Company {
  const r = Random.for(ctx.sizes.seed, 'company', i);
  const [city, country] = r.weighted(CITIES, CITY_WEIGHTS);
  const occ = r.weighted(ctx.occupations, ctx.occWeights);
  const name = `${r.pick(COMPANY_PREFIX)} ${r.pick(COMPANY_SUFFIX)}${i >= COMPANY_PREFIX.length * COMPANY_SUFFIX.length ? ` ${i}` : ''}`;
  return {
    id: companyId(i), name, industry: occ.category ?? 'General',
    size: r.pick(['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001+'] as const),
    website: `https://${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`,
    description: `${name} is a ${occ.category?.toLowerCase() ?? 'growing'} company headquartered in ${city}.`,
    headquarters: { city, country },
  };
}

/** One member, derived only from (seed, index): careers progress, skills co-occur by occupation. */
export function generateMember(ctx: DemoContext, i: number): Member {
  const r = Random.for(ctx.sizes.seed, 'member', i);
  const tax = ctx.taxonomy;
  const occ = r.weighted(ctx.occupations, ctx.occWeights);
  const [city, country] = r.weighted(CITIES, CITY_WEIGHTS);
  const years = Math.max(0, Math.min(35, Math.round(r.normal(8, 6) * 10) / 10));
  const seniority = seniorityForYears(years, r);
  const now = ctx.now;

  // Career: earlier roles may be in a related occupation, later ones in the current one.
  const positions = years < 1 ? 1 : Math.min(5, 1 + Math.floor(years / r.int(3, 5)));
  const prevOcc = occ.related.length && r.chance(0.4) ? tax.get(r.pick(occ.related)) : undefined;
  const experience: Member['experience'] = [];
  let end: Date | null = null;
  let remainingMonths = Math.max(3, Math.round(years * 12));
  const employers = Array.from({ length: positions }, () => `${r.pick(COMPANY_PREFIX)} ${r.pick(COMPANY_SUFFIX)}`);
  const ownSkills = r.sampleSkewed(ctx.pool(occ.id), r.int(5, 12), 1.7);
  for (let p = 0; p < positions; p++) {
    const months = p === positions - 1 ? remainingMonths : Math.max(3, Math.round(remainingMonths / (positions - p) * (0.7 + r.next() * 0.6)));
    remainingMonths -= months;
    const stop: Date = end ?? now;
    const start = addMonths(stop, -months);
    const isLatest = p === 0;
    const roleOcc = !isLatest && prevOcc && p >= Math.floor(positions / 2) ? prevOcc : occ;
    const roleYearsBefore = Math.max(0, years - (now.getTime() - stop.getTime()) / 3.15e10 - months / 12);
    const roleSeniority = isLatest ? seniority : seniorityForYears(roleYearsBefore, r);
    const prefix = SENIORITY_TITLES[roleSeniority];
    const title = roleSeniority === 'manager' && !/manager/i.test(roleOcc.label) ? `${roleOcc.label} Manager`
      : `${prefix ? `${prefix} ` : ''}${roleOcc.label}`;
    const used = r.sampleSkewed(roleOcc === occ ? ownSkills : ctx.pool(roleOcc.id), 3, 1.2).map((s) => tax.labelOf(s));
    const duties = r.sampleSkewed(DUTY_TEMPLATES, r.int(1, 3)).map((t) => fillTemplate(t, r.sampleSkewed(used, 2), r));
    experience.push({
      title: titleCase(title), company: employers[p]!, occupationId: roleOcc.id,
      startDate: ym(start), endDate: isLatest && r.chance(0.8) ? null : ym(stop), description: duties.join(' '),
      location: { city, country },
    });
    end = addMonths(start, -r.int(0, 4));
  }

  // Some used skills stay unlisted: evidence the profile coach can tell the member to surface.
  const listed = ownSkills.filter(() => r.chance(0.85));
  const skills = listed.map((id) => {
    const skillYears = Math.max(0.5, Math.round(years * (0.3 + r.next() * 0.7) * 2) / 2);
    return { skillId: id, name: tax.labelOf(id), level: levelForYears(skillYears, r), years: skillYears };
  });
  const edu = educationFor(occ, r);
  const gradYear = now.getUTCFullYear() - Math.round(years) - r.int(0, 3);
  const local = COUNTRY_LANGUAGE[country];
  const languages: Member['languages'] = [{ language: 'English', proficiency: local ? r.pick(['professional', 'full'] as const) : 'native' }];
  if (local) languages.push({ language: local, proficiency: 'native' });
  const openToWork = r.chance(0.3);
  const salaryMin = Math.round(baseSalary(occ) * SENIORITY_PAY[seniority] * (0.85 + r.next() * 0.3) / 1000) * 1000;
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  const topSkills = skills.slice(0, 3).map((s) => s.name);
  return {
    id: memberId(i),
    contact: { name: `${first} ${last}`, email: `${first}.${last}.${i}@example.com`.toLowerCase() },
    headline: `${experience[0]!.title}${topSkills.length ? ` · ${topSkills.join(', ')}` : ''}`,
    summary: `${occ.label.charAt(0).toUpperCase() + occ.label.slice(1)} with ${Math.round(years)} years of experience${topSkills.length ? ` in ${topSkills.join(', ')}` : ''}.`,
    location: { city, country },
    openToWork,
    alerts: { enabled: openToWork || r.chance(0.2), minLevel: r.weighted(['strong', 'good', 'partial'] as const, [2, 6, 2]), channels: ['in_app'], maxPerDay: 10 },
    preferences: {
      remote: r.weighted([['onsite', 'hybrid', 'remote'], ['hybrid', 'remote'], ['remote'], ['onsite', 'hybrid']] as const, [5, 3, 1, 2]).slice(),
      employmentTypes: r.chance(0.85) ? ['full_time'] : ['full_time', 'contract'],
      ...(openToWork && r.chance(0.7) ? { salaryMin } : {}),
      currency: CURRENCY[country] ?? 'EUR',
      willingToRelocate: r.chance(0.2),
    },
    desiredRoles: r.chance(0.5) ? [occ.id] : occ.related.length ? [occ.id, r.pick(occ.related)] : [occ.id],
    seniority,
    experience,
    education: edu === 'none' ? [] : [{ institution: r.pick(UNIVERSITIES), level: edu, field: occ.category ?? '', endYear: gradYear }],
    skills,
    languages,
    certifications: r.chance(0.15) ? [{ name: `Certified ${tax.labelOf(ownSkills[0]!)} Professional`, issuer: r.pick(COURSE_PROVIDERS), year: now.getUTCFullYear() - r.int(0, 5) }] : [],
  };
}

const MIN_YEARS: Record<Seniority, number> = { intern: 0, entry: 0, mid: 2, senior: 5, lead: 7, manager: 6, director: 10, executive: 12 };

export function generateJob(ctx: DemoContext, i: number): Job {
  const r = Random.for(ctx.sizes.seed, 'job', i);
  const tax = ctx.taxonomy;
  const occ = r.weighted(ctx.occupations, ctx.occWeights);
  const company = generateCompany(ctx, r.int(0, ctx.sizes.companies - 1));
  const city = r.chance(0.7) ? company.headquarters.city! : r.weighted(CITIES, CITY_WEIGHTS)[0];
  const country = CITIES.find((c) => c[0] === city)?.[1] ?? company.headquarters.country!;
  const seniority = r.weighted(['intern', 'entry', 'mid', 'senior', 'lead', 'manager', 'director'] as const, [3, 15, 35, 28, 10, 7, 2]);
  const typical = ctx.typical(occ.id);
  const required = r.sampleSkewed(typical, Math.min(typical.length, r.int(3, 6)), 2);
  const preferredPool = ctx.pool(occ.id).filter((s) => !required.includes(s));
  const preferred = r.sampleSkewed(preferredPool, Math.min(preferredPool.length, r.int(1, 3)), 1.3);
  const prefix = SENIORITY_TITLES[seniority];
  const title = seniority === 'manager' && !/manager/i.test(occ.label) ? `${occ.label} Manager` : `${prefix ? `${prefix} ` : ''}${occ.label}`;
  const pay = baseSalary(occ) * SENIORITY_PAY[seniority];
  const remote = r.weighted(['onsite', 'hybrid', 'remote'] as const, [45, 30, 25]);
  const local = COUNTRY_LANGUAGE[country];
  const posted = addMonths(ctx.now, -r.int(0, 2));
  posted.setUTCDate(1 + r.int(0, 27));
  const reqSkills = required.map((id) => ({ skillId: id, name: tax.labelOf(id), ...(r.chance(0.3) ? { level: r.pick(['intermediate', 'advanced'] as const) } : {}) }));
  const niceSkills = preferred.map((id) => ({ skillId: id, name: tax.labelOf(id) }));
  const Title = titleCase(title);
  return {
    id: jobId(i), companyId: company.id, title: Title, occupationId: occ.id,
    description: `${company.name} is hiring a ${Title} in ${remote === 'remote' ? 'a remote role' : city}. ${occ.description ?? ''} `
      + `You will work with ${reqSkills.map((s) => s.name).join(', ')}${niceSkills.length ? `; experience with ${niceSkills.map((s) => s.name).join(', ')} is a plus` : ''}.`,
    location: { city, country }, remote, seniority,
    employmentType: r.weighted(['full_time', 'part_time', 'contract', 'temporary', 'internship'] as const, [78, 8, 9, 2, seniority === 'intern' ? 30 : 0]),
    ...(r.chance(0.7) ? { salary: { min: Math.round(pay * 0.9 / 1000) * 1000, max: Math.round(pay * 1.25 / 1000) * 1000, currency: CURRENCY[country] ?? 'EUR', period: 'year' as const } } : {}),
    required: {
      skills: reqSkills, minYears: MIN_YEARS[seniority], languages: local && r.chance(0.4) ? [{ language: local, proficiency: 'professional' as const }] : [],
      certifications: [], ...(r.chance(0.5) ? { education: { level: educationFor(occ, r) === 'master' ? 'master' as const : 'bachelor' as const } } : {}),
    },
    preferred: { skills: niceSkills, languages: [], certifications: [] },
    status: r.chance(0.92) ? 'open' : 'closed',
    notifyMinLevel: 'good',
    postedAt: posted.toISOString(),
  };
}

export function generateCourses(ctx: DemoContext): Course[] {
  // Teach the skills jobs ask for most: walk occupations' typical skills round-robin.
  const order: string[] = [];
  const seen = new Set<string>();
  for (let rank = 0; order.length < ctx.sizes.courses * 2 && rank < 20; rank++) {
    for (const o of ctx.occupations) {
      const s = ctx.typical(o.id)[rank];
      if (s && !seen.has(s)) { seen.add(s); order.push(s); }
    }
  }
  return Array.from({ length: ctx.sizes.courses }, (_, i) => {
    const r = Random.for(ctx.sizes.seed, 'course', i);
    const main = order[i % Math.max(1, order.length)]!;
    const extra = [...ctx.taxonomy.related(main)].slice(0, r.int(0, 2));
    const level = r.weighted(['beginner', 'intermediate', 'advanced'] as const, [5, 3, 2]);
    const label = ctx.taxonomy.labelOf(main);
    const title = level === 'beginner' ? `Introduction to ${label}` : level === 'intermediate' ? `${label} in Practice` : `Advanced ${label}`;
    return {
      id: `course-${pad(i, 4)}`, title, provider: r.pick(COURSE_PROVIDERS), skills: [main, ...extra], level,
      durationHours: level === 'beginner' ? r.int(4, 20) : level === 'intermediate' ? r.int(10, 40) : r.int(20, 80),
      url: `https://courses.example/${main.replace(/[^a-z0-9]+/gi, '-')}-${i}`,
      description: `${title}: a ${level} course covering ${[main, ...extra].map((s) => ctx.taxonomy.labelOf(s)).join(', ')}.`,
    };
  });
}

/** Applications: each open job gets 0–30 applicants, arriving over the weeks after posting. */
export function generateApplications(ctx: DemoContext, jobIndex: number, job: Job): Application[] {
  const r = Random.for(ctx.sizes.seed, 'applications', jobIndex);
  if (job.status !== 'open' || ctx.sizes.members === 0) return [];
  const n = Math.min(ctx.sizes.members, r.int(0, 30));
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(r.int(0, ctx.sizes.members - 1));
  const posted = new Date(job.postedAt ?? ctx.now).getTime();
  return [...chosen].map((m) => ({
    id: `a-${job.id}-${memberId(m)}`, jobId: job.id, memberId: memberId(m), status: 'applied' as const, note: '',
    appliedAt: new Date(posted + r.int(0, 21 * 24 * 3600) * 1000).toISOString(),
  }));
}
