import { jobFromJobPosting, memberFromJsonResume, type Company, type Job, type Member } from '../domain/index.ts';
import { resolveJobSkills, resolveMemberSkills } from '../taxonomy/index.ts';
import type { AppContext } from './context.ts';

/** JSON Resume → Member, skills and titles normalized to the taxonomy, stored (idempotent by id). */
export async function importResume(ctx: AppContext, raw: unknown, opts: { id?: string } = {}): Promise<Member> {
  const member = resolveMemberSkills(memberFromJsonResume(raw, opts), ctx.taxonomy);
  return ctx.repos.members.upsert(member);
}

/** schema.org JobPosting → Job (+ its company, created when new), normalized and stored; emits job.posted. */
export async function importJobPosting(ctx: AppContext, raw: unknown, opts: { id?: string } = {}): Promise<{ job: Job; company: Company }> {
  const { job, company } = jobFromJobPosting(raw, opts);
  const existing = await ctx.repos.companies.get(company.id);
  if (!existing) await ctx.repos.companies.upsertMany([company]);
  const stored = await ctx.repos.jobs.upsert(resolveJobSkills(job, ctx.taxonomy));
  return { job: stored, company: existing ?? company };
}
