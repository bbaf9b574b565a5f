import { z } from 'zod';
import type { Member } from '../../domain/index.ts';
import { MatchIndex, parseJobSearch, rankApplicants } from '../../matching/index.ts';
import type { Skill } from '../types.ts';
import { clip, ownJob, place, publicMember } from './shape.ts';

const CandidateOut = z.object({
  memberId: z.string(), headline: z.string(), location: z.string(), skills: z.array(z.string()),
  level: z.string().optional(), score: z.number().optional(), summary: z.string().optional(),
});

export const searchMembers: Skill = {
  name: 'search_members',
  summary: 'Open-to-work members for a job (ranked by fit) or matching a search (skills, location); never contact data.',
  whenToUse: 'Recruiters sourcing candidates: "find candidates for j-12", "Python developers in Berlin".',
  whenNotToUse: 'For people who already applied (list_applicants_ranked). Never to look up one named person\'s private data.',
  input: z.object({
    jobId: z.string().max(300).optional().describe('rank candidates for this job (must be the recruiter\'s own)'),
    query: z.string().max(500).default('').describe('skills / location in plain words, when there is no job'),
    limit: z.coerce.number().int().min(1).max(10).default(5).describe('how many (1-10)'),
  }),
  output: z.object({ candidates: z.array(CandidateOut), total: z.number() }),
  mapsTo: 'matching.MatchIndex.rankMembersForJob (or parseJobSearch filters over members)',
  roles: ['recruiter', 'admin'],
  scope: 'Only open-to-work members; public fields only (no name, e-mail or phone); jobs must be the recruiter\'s own.',
  hints: { latency: 'ms', resultTokens: 300 },
  async run(args: { jobId?: string; query: string; limit: number }, ctx) {
    const members: Member[] = [];
    for await (const batch of ctx.app.repos.members.scan({ openToWork: true })) members.push(...batch);
    const mctx = { taxonomy: ctx.app.taxonomy, courses: ctx.app.courses, now: ctx.app.clock() };
    if (args.jobId) {
      const job = await ownJob(ctx, args.jobId);
      const index = new MatchIndex(ctx.app.taxonomy, { members });
      const page = index.rankMembersForJob(job, mctx, { topK: args.limit, filters: { seniorityBand: false, location: false, remote: false } });
      const byId = new Map(members.map((m) => [m.id, m]));
      return {
        total: page.total,
        candidates: page.items.map((r) => ({ ...publicMember(byId.get(r.memberId)!), level: r.level, score: Math.round(r.score * 100) / 100, summary: r.assessment.facts.summary })),
      };
    }
    const f = parseJobSearch(args.query, ctx.app.taxonomy).filters;
    const hits = members.filter((m) => {
      const ids = new Set(m.skills.map((s) => s.skillId).filter(Boolean));
      if (!f.skills.every((s) => ids.has(s.id) || m.skills.some((x) => x.name.toLowerCase() === s.label.toLowerCase()))) return false;
      if (f.location?.city && (m.location.city ?? '').toLowerCase() !== f.location.city.toLowerCase()) return false;
      if (f.location?.country && (m.location.country ?? '').toLowerCase() !== f.location.country.toLowerCase()) return false;
      return f.skills.length > 0 || !!f.location || f.keywords.some((k) => `${m.headline} ${m.summary}`.toLowerCase().includes(k));
    });
    return { total: hits.length, candidates: hits.slice(0, args.limit).map(publicMember) };
  },
};

export const listApplicantsRanked: Skill = {
  name: 'list_applicants_ranked',
  summary: 'A job\'s applicants, best fit first (level, score, evidence; never arrival time), with the fit summary per applicant.',
  whenToUse: 'Recruiters: "who are the best applicants for j-12?", "rank the applicants".',
  whenNotToUse: 'For sourcing people who did not apply (search_members). Never rank by age, gender or any protected attribute: refuse.',
  input: z.object({
    jobId: z.string().min(1).max(300).describe('the recruiter\'s own job'),
    limit: z.coerce.number().int().min(1).max(20).default(10).describe('how many (1-20)'),
  }),
  output: z.object({
    jobId: z.string(), jobTitle: z.string(), total: z.number(),
    applicants: z.array(z.object({
      rank: z.number(), applicationId: z.string(), memberId: z.string(), headline: z.string(), location: z.string(),
      level: z.string(), score: z.number(), summary: z.string(), topEvidence: z.array(z.string()).describe('met requirements with a quote'),
    })),
  }),
  mapsTo: 'matching.rankApplicants(job, applicants, ctx)',
  roles: ['recruiter', 'admin'],
  scope: 'Only the recruiter\'s own company\'s jobs; applicants\' public fields only (no name, e-mail or phone).',
  hints: { latency: 'ms', resultTokens: 400 },
  async run(args: { jobId: string; limit: number }, ctx) {
    const job = await ownJob(ctx, args.jobId);
    const apps = await ctx.app.repos.applications.forJob(job.id);
    const members = new Map((await ctx.app.repos.members.getMany(apps.map((a) => a.memberId))).map((m) => [m.id, m]));
    const ranked = rankApplicants(job, apps.filter((a) => members.has(a.memberId)).map((a) => ({ application: a, member: members.get(a.memberId)! })),
      { taxonomy: ctx.app.taxonomy, courses: ctx.app.courses, now: ctx.app.clock() });
    return {
      jobId: job.id, jobTitle: job.title, total: ranked.length,
      applicants: ranked.slice(0, args.limit).map((r) => {
        const m = members.get(r.memberId)!;
        return {
          rank: r.rank, applicationId: r.applicationId, memberId: r.memberId, headline: clip(m.headline, 120), location: place(m.location),
          level: r.level, score: Math.round(r.score * 100) / 100, summary: r.summary,
          topEvidence: r.assessment.qualifications.filter((q) => q.status === 'met' && q.evidence[0]).slice(0, 3)
            .map((q) => `${q.requirement}: ${clip(q.evidence[0]!.quote, 80)}`),
        };
      }),
    };
  },
};
