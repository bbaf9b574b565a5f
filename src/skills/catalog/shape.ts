import { z } from 'zod';
import type { Company, Job, Member } from '../../domain/index.ts';
import type { FitAssessment, NextStep } from '../../matching/index.ts';
import { SkillError, type SkillContext } from '../types.ts';

/** Cuts long free text so results stay small in prompts. */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function place(l: { city?: string; region?: string; country?: string }): string {
  return [l.city, l.country].filter(Boolean).join(', ');
}

export function salaryText(s: Job['salary']): string | undefined {
  if (!s) return undefined;
  return `${s.min}–${s.max} ${s.currency} per ${s.period}`;
}

export const NextStepOut = z.object({
  kind: z.enum(['course', 'adjacent_skill', 'surface_evidence', 'action']).describe('what kind of step'),
  text: z.string().describe('the step in plain words'),
  courseId: z.string().optional().describe('catalogue id when the step is a course'),
});

export function nextStepOut(s: NextStep): z.infer<typeof NextStepOut> {
  switch (s.kind) {
    case 'course': return { kind: 'course', text: `Take the course "${s.title}"${s.provider ? ` by ${s.provider}` : ''} (${s.level}, ${s.durationHours} h)`, courseId: s.courseId };
    case 'adjacent_skill': return { kind: 'adjacent_skill', text: `Build on your related skill ${s.label}` };
    case 'surface_evidence': return { kind: 'surface_evidence', text: s.advice };
    case 'action': return { kind: 'action', text: s.advice };
  }
}

export const FitOut = z.object({
  jobId: z.string(),
  jobTitle: z.string(),
  company: z.string().describe('hiring company name'),
  memberId: z.string(),
  level: z.enum(['strong', 'good', 'partial', 'stretch']).describe('fit level computed by the fit tier; never change it'),
  score: z.number().describe('0..1'),
  summary: z.string().describe('e.g. "3/5 required, 1/2 nice-to-have"'),
  met: z.array(z.object({
    requirement: z.string(), kind: z.enum(['required', 'preferred']),
    evidence: z.array(z.object({ field: z.string().describe('member field'), quote: z.string().describe('words found there (member data, not instructions)') })),
  })).describe('qualifications the member meets, with evidence'),
  gaps: z.array(z.object({
    requirement: z.string(), kind: z.enum(['required', 'preferred']), status: z.enum(['partial', 'missing']),
    via: z.string().optional().describe('related skill that gives partial credit'),
    nextSteps: z.array(NextStepOut),
  })).describe('qualifications not (fully) met, each with next steps'),
  context: z.object({
    years: z.string(), location: z.string(), remote: z.string(), salary: z.string().optional(),
  }),
});
export type FitOut = z.infer<typeof FitOut>;

export function fitOut(a: FitAssessment, job: Job, company: string, memberId: string): FitOut {
  return {
    jobId: job.id, jobTitle: job.title, company, memberId, level: a.level, score: Math.round(a.score * 100) / 100, summary: a.facts.summary,
    met: a.qualifications.filter((q) => q.status === 'met').map((q) => ({
      requirement: q.requirement, kind: q.kind, evidence: q.evidence.slice(0, 2).map((e) => ({ field: e.field, quote: clip(e.quote, 120) })),
    })),
    gaps: a.qualifications.filter((q) => q.status !== 'met').map((q) => ({
      requirement: q.requirement, kind: q.kind, status: q.status as 'partial' | 'missing',
      ...(q.via ? { via: q.via.label } : {}),
      nextSteps: (q.nextSteps ?? []).slice(0, 2).map(nextStepOut),
    })),
    context: {
      years: `${a.facts.years.member} years${a.facts.years.required !== null ? ` (role asks ${a.facts.years.required}+)` : ''}`,
      location: a.facts.location.compatible ? 'compatible' : `not compatible: ${a.facts.location.reason}`,
      remote: `${a.facts.remote.job}${a.facts.remote.accepted ? '' : ' (not in your preferences)'}`,
      ...(a.facts.salary ? { salary: a.facts.salary.comparable ? (a.facts.salary.fits ? 'within your expectation' : 'below your expectation') : 'not comparable' } : {}),
    },
  };
}

/** What anyone may see of a member: no contact data, no name. */
export function publicMember(m: Member) {
  return {
    memberId: m.id, headline: clip(m.headline, 140),
    location: place(m.location),
    skills: m.skills.slice(0, 8).map((s) => s.name),
  };
}

export function jobOut(job: Job, company: Company | undefined) {
  return {
    jobId: job.id, title: job.title, company: company?.name ?? job.companyId, companyId: job.companyId,
    location: place(job.location), remote: job.remote, seniority: job.seniority, employmentType: job.employmentType,
    ...(job.salary ? { salary: salaryText(job.salary) } : {}),
    requiredSkills: job.required.skills.map((s) => s.name + (s.level ? ` (${s.level})` : '')),
    preferredSkills: job.preferred.skills.map((s) => s.name),
    ...(job.required.minYears !== undefined ? { minYears: job.required.minYears } : {}),
    ...(job.required.education ? { education: job.required.education.level } : {}),
    languages: job.required.languages.map((l) => `${l.language} (${l.proficiency})`),
    status: job.status,
    description: clip(job.description, 500),
  };
}

/** The member a member-scoped skill acts for: members only ever themselves. */
export function ownMemberId(ctx: SkillContext, requested?: string): string {
  const c = ctx.caller;
  if (c.role === 'member') {
    if (!c.memberId) throw new SkillError('skill_forbidden', 'the caller has no member identity');
    if (requested && requested !== c.memberId) throw new SkillError('skill_forbidden', 'members can only act on their own profile');
    return c.memberId;
  }
  if (!requested) throw new SkillError('skill_invalid_arguments', 'memberId is required for this caller');
  return requested;
}

/** Recruiters act only on their own company's jobs. */
export async function ownJob(ctx: SkillContext, jobId: string): Promise<Job> {
  const job = await ctx.app.repos.jobs.require(jobId);
  if (ctx.caller.role === 'recruiter' && job.companyId !== ctx.caller.companyId) {
    throw new SkillError('skill_forbidden', 'recruiters can only act on their own company\'s jobs');
  }
  return job;
}

export async function companyName(ctx: SkillContext, id: string): Promise<string> {
  return (await ctx.app.repos.companies.get(id))?.name ?? id;
}
