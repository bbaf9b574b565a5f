import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseOrThrow } from './errors.ts';
import type { EmploymentType, RemotePolicy, Seniority } from './common.ts';
import { Company } from './company.ts';
import { Job } from './job.ts';
import { educationLevel } from './json-resume.ts';

const Str = z.string().max(50000);
const Num = z.union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*$/, 'expected a number').transform(Number)]);
const TextOrList = z.union([Str, z.array(z.union([Str, z.looseObject({ name: Str })]))]);

const PostalAddress = z.looseObject({
  addressLocality: Str.optional(), addressRegion: Str.optional(),
  addressCountry: z.union([Str, z.looseObject({ name: Str.optional() })]).optional(),
});
const Place = z.looseObject({ address: z.union([PostalAddress, Str]).optional() });

/** schema.org JobPosting as JSON-LD — the properties Fitwise reads; unknown ones are allowed. */
export const JobPostingLd = z.looseObject({
  '@context': z.unknown().optional(),
  '@type': z.union([z.literal('JobPosting'), z.array(z.string()).refine((a) => a.includes('JobPosting'), 'must include "JobPosting"')], {
    error: '@type must be "JobPosting"',
  }),
  title: Str.min(1, 'title must not be empty'),
  description: Str.optional(),
  identifier: z.union([Str, z.looseObject({ value: z.union([Str, z.number()]).optional(), name: Str.optional() })]).optional(),
  datePosted: Str.optional(),
  validThrough: Str.optional(),
  employmentType: z.union([Str, z.array(Str)]).optional(),
  hiringOrganization: z.union([Str, z.looseObject({ name: Str.min(1), sameAs: Str.optional(), url: Str.optional(), description: Str.optional() })]),
  jobLocation: z.union([Place, z.array(Place)]).optional(),
  jobLocationType: Str.optional(),
  baseSalary: z.looseObject({
    currency: Str.optional(),
    value: z.union([Num, z.looseObject({ minValue: Num.optional(), maxValue: Num.optional(), value: Num.optional(), unitText: Str.optional() })]),
  }).optional(),
  skills: TextOrList.optional(),
  qualifications: TextOrList.optional(),
  educationRequirements: z.union([Str, z.looseObject({ credentialCategory: Str.optional() }), z.array(z.unknown())]).optional(),
  experienceRequirements: z.union([Str, z.looseObject({ monthsOfExperience: Num.optional() })]).optional(),
  occupationalCategory: z.unknown().optional(),
  industry: z.unknown().optional(),
  url: Str.optional(),
});
export type JobPostingLd = z.infer<typeof JobPostingLd>;

const EMPLOYMENT: Record<string, EmploymentType> = {
  FULL_TIME: 'full_time', PART_TIME: 'part_time', CONTRACTOR: 'contract', TEMPORARY: 'temporary', INTERN: 'internship',
  INTERNSHIP: 'internship', PER_DIEM: 'temporary', VOLUNTEER: 'temporary', OTHER: 'full_time',
};

export function seniorityFromTitle(title: string): Seniority {
  const t = title.toLowerCase();
  if (/\b(intern|internship|trainee|werkstudent|working student)\b/.test(t)) return 'intern';
  if (/\b(chief|cto|ceo|cfo|coo|vp|vice president|head of)\b/.test(t)) return 'executive';
  if (/\bdirector\b/.test(t)) return 'director';
  if (/\b(manager|mgr)\b/.test(t)) return 'manager';
  if (/\b(lead|principal|staff|architect)\b/.test(t)) return 'lead';
  if (/\b(senior|sr\.?|snr)(\s|$)/.test(t)) return 'senior';
  if (/\b(junior|jr\.?|graduate|entry[- ]level|assistant)(\s|$)/.test(t)) return 'entry';
  return 'mid';
}

function stripHtml(html: string): string {
  return html.replace(/<(br|\/p|\/li|\/h\d)\s*\/?>/gi, '\n').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
}

function listOf(v: z.infer<typeof TextOrList> | undefined): string[] {
  if (!v) return [];
  if (typeof v === 'string') return v.split(/[,;\n•]/).map((s) => s.trim()).filter(Boolean);
  return v.map((x) => (typeof x === 'string' ? x : x.name).trim()).filter(Boolean);
}

export function companyIdFromName(name: string): string {
  return `c-${name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'company'}`;
}

/**
 * schema.org JobPosting JSON-LD → Job (+ the hiring Company). Errors name the JSON-LD property path.
 * Skill names stay as written; the normalizer attaches taxonomy ids.
 */
export function jobFromJobPosting(raw: unknown, opts: { id?: string } = {}): { job: Job; company: Company } {
  const p = parseOrThrow(JobPostingLd, raw, 'JobPosting');
  const org = typeof p.hiringOrganization === 'string' ? { name: p.hiringOrganization } : p.hiringOrganization;
  const company = parseOrThrow(Company, {
    id: companyIdFromName(org.name), name: org.name,
    ...('sameAs' in org && org.sameAs ? { website: org.sameAs } : 'url' in org && org.url ? { website: org.url } : {}),
    ...('description' in org && org.description ? { description: org.description.slice(0, 5000) } : {}),
  }, 'JobPosting', ['hiringOrganization']);
  const place = Array.isArray(p.jobLocation) ? p.jobLocation[0] : p.jobLocation;
  const addr = typeof place?.address === 'string' ? { addressLocality: place.address } : place?.address;
  const country = addr?.addressCountry === undefined ? undefined : typeof addr.addressCountry === 'string' ? addr.addressCountry : addr.addressCountry.name;
  const remote: RemotePolicy = p.jobLocationType === 'TELECOMMUTE' ? (place ? 'hybrid' : 'remote') : 'onsite';
  const types = (Array.isArray(p.employmentType) ? p.employmentType : p.employmentType ? [p.employmentType] : []).map((t) => t.toUpperCase().replace(/[- ]/g, '_'));
  let salary: Job['salary'];
  if (p.baseSalary) {
    const v = p.baseSalary.value;
    const unit = typeof v === 'object' ? (v.unitText ?? 'YEAR').toUpperCase() : 'YEAR';
    const min = typeof v === 'number' ? v : v.minValue ?? v.value;
    const max = typeof v === 'number' ? v : v.maxValue ?? v.value ?? min;
    if (min !== undefined && max !== undefined) {
      salary = { min, max, currency: (p.baseSalary.currency ?? 'USD').toUpperCase(), period: unit === 'HOUR' ? 'hour' : unit === 'MONTH' ? 'month' : 'year' };
    }
  }
  const months = typeof p.experienceRequirements === 'object' ? p.experienceRequirements.monthsOfExperience : undefined;
  const edu = typeof p.educationRequirements === 'object' && !Array.isArray(p.educationRequirements) ? p.educationRequirements.credentialCategory
    : typeof p.educationRequirements === 'string' ? p.educationRequirements : undefined;
  const idSource = typeof p.identifier === 'object' ? p.identifier.value : p.identifier;
  const id = opts.id ?? (idSource !== undefined ? `j-${String(idSource).slice(0, 120)}`
    : `j-${createHash('sha256').update(JSON.stringify([org.name, p.title, p.datePosted ?? '', p.url ?? ''])).digest('hex').slice(0, 16)}`);
  const description = stripHtml(p.description ?? '');
  const job = {
    id, companyId: company.id, title: p.title.trim(), description: description.slice(0, 20000),
    location: {
      ...(addr?.addressLocality ? { city: addr.addressLocality } : {}),
      ...(addr?.addressRegion ? { region: addr.addressRegion } : {}),
      ...(country ? { country: country.length === 2 ? country.toUpperCase() : country } : {}),
    },
    remote, seniority: seniorityFromTitle(p.title), employmentType: EMPLOYMENT[types[0] ?? 'FULL_TIME'] ?? 'full_time',
    ...(salary ? { salary } : {}),
    required: {
      skills: listOf(p.skills).map((name) => ({ name: name.slice(0, 200) })),
      ...(months !== undefined ? { minYears: Math.round((months / 12) * 10) / 10 } : {}),
      ...(edu ? { education: { level: educationLevel(edu) } } : {}),
    },
    preferred: { skills: [] },
    status: 'open',
    ...(p.datePosted && !Number.isNaN(Date.parse(p.datePosted)) ? { postedAt: new Date(p.datePosted).toISOString() } : {}),
    ...(p.validThrough && !Number.isNaN(Date.parse(p.validThrough)) ? { closesAt: new Date(p.validThrough).toISOString() } : {}),
  };
  return { job: parseOrThrow(Job, job, 'JobPosting'), company };
}
