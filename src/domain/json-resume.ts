import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseOrThrow } from './errors.ts';
import type { EducationLevel, LanguageProficiency, SkillLevel } from './common.ts';
import { Member } from './member.ts';

/** Dates in JSON Resume are ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD). */
const ResumeDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD');
const Str = z.string().max(10000);

/** The JSON Resume schema (jsonresume.org, v1.0.0) — the parts Fitwise reads; unknown keys are allowed. */
export const JsonResume = z.looseObject({
  basics: z.looseObject({
    name: Str.optional(),
    label: Str.optional(),
    image: Str.optional(),
    email: Str.optional(),
    phone: Str.optional(),
    url: Str.optional(),
    summary: Str.optional(),
    location: z.looseObject({
      address: Str.optional(), postalCode: Str.optional(), city: Str.optional(), countryCode: Str.optional(), region: Str.optional(),
    }).optional(),
  }).optional(),
  work: z.array(z.looseObject({
    name: Str.optional(),
    position: Str.optional(),
    url: Str.optional(),
    startDate: ResumeDate.optional(),
    endDate: ResumeDate.optional(),
    summary: Str.optional(),
    highlights: z.array(Str).optional(),
  })).optional(),
  education: z.array(z.looseObject({
    institution: Str.optional(), area: Str.optional(), studyType: Str.optional(),
    startDate: ResumeDate.optional(), endDate: ResumeDate.optional(),
  })).optional(),
  certificates: z.array(z.looseObject({ name: Str, date: ResumeDate.optional(), issuer: Str.optional() })).optional(),
  skills: z.array(z.looseObject({ name: Str, level: Str.optional(), keywords: z.array(Str).optional() })).optional(),
  languages: z.array(z.looseObject({ language: Str, fluency: Str.optional() })).optional(),
  meta: z.looseObject({ id: Str.optional() }).optional(),
});
export type JsonResume = z.infer<typeof JsonResume>;

function skillLevel(level?: string): SkillLevel | undefined {
  const l = (level ?? '').toLowerCase();
  if (/master|expert/.test(l)) return 'expert';
  if (/advanced|senior|proficient/.test(l)) return 'advanced';
  if (/intermediate|competent|working/.test(l)) return 'intermediate';
  if (/beginner|basic|novice|junior|elementary/.test(l)) return 'beginner';
  return undefined;
}

export function educationLevel(studyType?: string): EducationLevel {
  const s = (studyType ?? '').toLowerCase();
  if (/ph\.?d|doctor|dphil|md\b/.test(s)) return 'doctorate';
  if (/master|m\.?sc|\bma\b|mba|m\.?eng|\bms\b|magister/.test(s)) return 'master';
  if (/bachelor|b\.?sc|\bba\b|b\.?eng|\bbs\b|licen/.test(s)) return 'bachelor';
  if (/associate/.test(s)) return 'associate';
  if (/vocational|apprentice|diploma|certificate/.test(s)) return 'vocational';
  if (/high school|secondary|a-level|abitur|ged/.test(s)) return 'secondary';
  return s ? 'vocational' : 'none';
}

function fluency(f?: string): LanguageProficiency {
  const s = (f ?? '').toLowerCase();
  if (/native|mother|bilingual/.test(s)) return 'native';
  if (/fluent|full|c2|c1/.test(s)) return 'full';
  if (/professional|working|b2/.test(s)) return 'professional';
  if (/limited|conversational|intermediate|b1/.test(s)) return 'limited';
  if (s) return 'elementary';
  return 'professional';
}

/** A stable id for a resume: `meta.id`, else derived from the e-mail, else from the content. */
function resumeId(r: JsonResume, raw: unknown): string {
  if (r.meta?.id) return r.meta.id.slice(0, 200);
  const basis = r.basics?.email ? `email:${r.basics.email.toLowerCase()}` : JSON.stringify(raw);
  return `m-${createHash('sha256').update(basis).digest('hex').slice(0, 16)}`;
}

/**
 * JSON Resume → Member. Errors name the field path in the resume (e.g. `work[0].startDate`).
 * Skills stay as written (`name`); taxonomy ids are attached by the normalizer.
 */
export function memberFromJsonResume(raw: unknown, opts: { id?: string; openToWork?: boolean } = {}): Member {
  const r = parseOrThrow(JsonResume, raw, 'JSON Resume');
  const b = r.basics ?? {};
  const experience = (r.work ?? []).flatMap((w, i) => {
    if (!w.startDate) return [];
    const description = [w.summary, ...(w.highlights ?? [])].filter(Boolean).join('\n');
    return [{
      title: w.position || w.name || 'Position', company: w.name ?? '', startDate: w.startDate, endDate: w.endDate ?? null,
      description, _i: i,
    }];
  }).map(({ _i, ...e }) => e);
  const skills = (r.skills ?? []).flatMap((s) => {
    const level = skillLevel(s.level);
    return [
      { name: s.name, ...(level ? { level } : {}) },
      ...(s.keywords ?? []).map((k) => ({ name: k })),
    ];
  }).filter((s, i, all) => s.name.trim() && all.findIndex((t) => t.name.toLowerCase() === s.name.toLowerCase()) === i);
  const member = {
    id: opts.id ?? resumeId(r, raw),
    contact: { name: b.name ?? '', ...(b.email ? { email: b.email } : {}), ...(b.phone ? { phone: b.phone } : {}), ...(b.url ? { url: b.url } : {}) },
    headline: b.label ?? '',
    summary: b.summary ?? '',
    location: {
      ...(b.location?.city ? { city: b.location.city } : {}),
      ...(b.location?.region ? { region: b.location.region } : {}),
      ...(b.location?.countryCode ? { country: b.location.countryCode.toUpperCase() } : {}),
    },
    openToWork: opts.openToWork ?? true,
    experience,
    education: (r.education ?? []).map((e) => ({
      institution: e.institution ?? '', level: educationLevel(e.studyType), field: e.area ?? '',
      ...(e.endDate ? { endYear: Number(e.endDate.slice(0, 4)) } : {}),
    })),
    skills,
    languages: (r.languages ?? []).map((l) => ({ language: l.language, proficiency: fluency(l.fluency) })),
    certifications: (r.certificates ?? []).map((c) => ({
      name: c.name, ...(c.issuer ? { issuer: c.issuer } : {}), ...(c.date ? { year: Number(c.date.slice(0, 4)) } : {}),
    })),
  };
  return parseOrThrow(Member, member, 'JSON Resume');
}
