import { jobFromJobPosting, memberFromJsonResume, type Company, type Job, type Member } from '../domain/index.ts';
import { resolveJobSkills, resolveMemberSkills } from '../taxonomy/index.ts';
import type { AppContext } from './context.ts';

/** JSON Resume → Member, skills and titles normalized to the taxonomy, stored (idempotent by id). */
export async function importResume(ctx: AppContext, raw: unknown | Member, opts: { id?: string } = {}): Promise<Member> {
  const parsed = isParsed<Member>(raw) ? raw.value : memberFromJsonResume(raw, opts);
  return ctx.repos.members.upsert(resolveMemberSkills(parsed, ctx.taxonomy));
}

/** Validated input, so callers can reject bad files before opening the database. */
export interface Parsed<T> { parsed: true; value: T }
export const parsed = <T>(value: T): Parsed<T> => ({ parsed: true, value });
function isParsed<T>(v: unknown): v is Parsed<T> {
  return typeof v === 'object' && v !== null && (v as Parsed<T>).parsed === true && 'value' in v;
}

/** schema.org JobPosting → Job (+ its company, created when new), normalized and stored; emits job.posted. */
export async function importJobPosting(ctx: AppContext, raw: unknown | Parsed<{ job: Job; company: Company }>, opts: { id?: string } = {}): Promise<{ job: Job; company: Company }> {
  const { job, company } = isParsed<{ job: Job; company: Company }>(raw) ? raw.value : jobFromJobPosting(raw, opts);
  const existing = await ctx.repos.companies.get(company.id);
  if (!existing) await ctx.repos.companies.upsertMany([company]);
  const stored = await ctx.repos.jobs.upsert(resolveJobSkills(job, ctx.taxonomy));
  return { job: stored, company: existing ?? company };
}
