import { z } from 'zod';
import type { Course, Job } from '../../domain/index.ts';
import { assessFit, filterJobs, fitKey, parseJobSearch } from '../../matching/index.ts';
import { assessPostingQuality } from '../coaches/posting-quality.ts';
import { assessProfileQuality } from '../coaches/profile-quality.ts';
import { findSkillMentions } from '../skill-mentions.ts';
import { SkillError, type Skill, type SkillContext } from '../types.ts';
import { FitOut, clip, companyName, fitOut, ownJob, ownMemberId, place, salaryText } from './shape.ts';

const MemberIdArg = z.string().max(300).optional().describe('member id; omit for the caller\'s own profile (members can only use their own)');

export const getMyProfile: Skill = {
  name: 'get_my_profile',
  summary: 'The caller\'s own profile: headline, summary, skills with levels, experience, education, languages.',
  whenToUse: 'To answer questions about the member\'s own background, or before rewriting or coaching their profile.',
  whenNotToUse: 'For fit against a job (use assess_fit: it already includes the evidence); for other members (never allowed).',
  input: z.object({}).describe('no arguments'),
  output: z.object({
    memberId: z.string(), headline: z.string(), summary: z.string(), location: z.string(), openToWork: z.boolean(),
    skills: z.array(z.string()).describe('"name (level, N y)"'),
    experience: z.array(z.object({ title: z.string(), company: z.string(), period: z.string(), description: z.string() })),
    education: z.array(z.string()), languages: z.array(z.string()), certifications: z.array(z.string()),
  }),
  mapsTo: 'repos.members.require(caller.memberId)',
  roles: ['member'],
  scope: 'Only the caller\'s own profile; contact data (e-mail, phone) is never returned.',
  hints: { latency: 'ms', resultTokens: 350 },
  async run(_args, ctx) {
    const m = await ctx.app.repos.members.require(ownMemberId(ctx));
    return {
      memberId: m.id, headline: clip(m.headline, 200), summary: clip(m.summary, 600), location: place(m.location), openToWork: m.openToWork,
      skills: m.skills.map((s) => `${s.name}${s.level || s.years ? ` (${[s.level, s.years ? `${s.years} y` : ''].filter(Boolean).join(', ')})` : ''}`),
      experience: m.experience.slice(0, 6).map((e) => ({ title: e.title, company: e.company, period: `${e.startDate} – ${e.endDate ?? 'present'}`, description: clip(e.description, 300) })),
      education: m.education.map((e) => [e.level, e.field, e.institution].filter(Boolean).join(', ')),
      languages: m.languages.map((l) => `${l.language} (${l.proficiency})`),
      certifications: m.certifications.map((c) => c.name),
    };
  },
};

export const assessFitSkill: Skill = {
  name: 'assess_fit',
  summary: 'The computed fit of a member for a job: level, score, met qualifications with evidence, gaps with next steps.',
  whenToUse: 'Whenever the question is whether, or how well, someone fits a specific job ("am I a fit for j-12?", "what am I missing for this role?").',
  whenNotToUse: 'For finding jobs (search_jobs) or for ranking a job\'s applicants (list_applicants_ranked). Never guess a level: call this.',
  input: z.object({
    jobId: z.string().min(1).max(300).describe('job id, e.g. "j-000123"'),
    memberId: MemberIdArg,
  }),
  output: FitOut,
  mapsTo: 'matching.assessFit(member, job, ctx)',
  roles: ['member', 'recruiter', 'admin'],
  scope: 'Members: only themselves. Recruiters: only for their own company\'s jobs.',
  hints: { latency: 'sub-ms', resultTokens: 400 },
  async run(args: { jobId: string; memberId?: string }, ctx) {
    const memberId = ownMemberId(ctx, args.memberId);
    const job = await ownJob(ctx, args.jobId);
    const member = await ctx.app.repos.members.require(memberId);
    const a = assessFit(member, job, { taxonomy: ctx.app.taxonomy, courses: ctx.app.courses, now: ctx.app.clock() });
    return fitOut(a, job, await companyName(ctx, job.companyId), member.id);
  },
};

export const searchJobs: Skill = {
  name: 'search_jobs',
  summary: 'Open jobs matching a search in the member\'s own words, best fit first.',
  whenToUse: 'To find jobs: "remote data engineer jobs in Berlin over 80k", "jobs that fit me".',
  whenNotToUse: 'For one known job (get_job / assess_fit); for searching people (search_members).',
  input: z.object({
    query: z.string().max(500).default('').describe('the search in plain words; empty = jobs that fit the member'),
    limit: z.coerce.number().int().min(1).max(10).default(5).describe('how many jobs (1-10)'),
  }),
  output: z.object({
    filters: z.record(z.string(), z.unknown()).describe('how the search was read'),
    unparsed: z.array(z.string()),
    jobs: z.array(z.object({
      jobId: z.string(), title: z.string(), company: z.string(), location: z.string(), remote: z.string(), salary: z.string().optional(),
      level: z.string().optional().describe('the caller\'s fit level, for members'), summary: z.string().optional(),
    })),
    total: z.number().describe('jobs matching the filters'),
  }),
  mapsTo: 'matching.parseJobSearch + filterJobs + assessFit per job',
  roles: ['member', 'admin'],
  scope: 'Open jobs are public; fit levels are the caller\'s own.',
  hints: { latency: 'ms', resultTokens: 250 },
  async run(args: { query: string; limit: number }, ctx) {
    const parsed = parseJobSearch(args.query, ctx.app.taxonomy);
    const names = new Map<string, string>();
    for (let offset = 0; ; offset += 200) {
      const page = await ctx.app.repos.companies.list({ limit: 200, offset });
      for (const c of page.items) names.set(c.id, c.name);
      if (page.items.length < 200) break;
    }
    const open: Job[] = [];
    for await (const batch of ctx.app.repos.jobs.scan({ status: 'open' })) open.push(...batch);
    const f = { ...parsed.filters };
    const matches = filterJobs(open, f, { companyName: (id) => names.get(id) });
    const member = ctx.caller.role === 'member' && ctx.caller.memberId ? await ctx.app.repos.members.get(ctx.caller.memberId) : undefined;
    const mctx = { taxonomy: ctx.app.taxonomy, courses: ctx.app.courses, now: ctx.app.clock() };
    const scored = matches.slice(0, 500).map((job) => ({ job, a: member ? assessFit(member, job, mctx) : undefined }));
    scored.sort((x, y) => (y.a ? fitKey(y.a.level, y.a.score) : 0) - (x.a ? fitKey(x.a.level, x.a.score) : 0) || (x.job.id < y.job.id ? -1 : 1));
    return {
      filters: f as Record<string, unknown>, unparsed: parsed.unparsed, total: matches.length,
      jobs: scored.slice(0, args.limit).map(({ job, a }) => ({
        jobId: job.id, title: job.title, company: names.get(job.companyId) ?? job.companyId, location: place(job.location), remote: job.remote,
        ...(job.salary ? { salary: salaryText(job.salary) } : {}),
        ...(a ? { level: a.level, summary: a.facts.summary } : {}),
      })),
    };
  },
};

export const suggestCourses: Skill = {
  name: 'suggest_courses',
  summary: 'Courses from the catalogue for the member\'s skill gaps for a job (or for named skills), in learning order.',
  whenToUse: 'For learning paths: "what should I learn for j-12?", "a course for Kubernetes".',
  whenNotToUse: 'To judge fit (assess_fit already lists one step per gap).',
  input: z.object({
    jobId: z.string().max(300).optional().describe('job whose gaps to close'),
    skills: z.array(z.string().max(200)).max(10).default([]).describe('skill names to learn, when there is no job'),
  }),
  output: z.object({
    path: z.array(z.object({
      skill: z.string(), courses: z.array(z.object({ courseId: z.string(), title: z.string(), provider: z.string(), level: z.string(), durationHours: z.number() })),
    })),
    totalHours: z.number(),
    noCourse: z.array(z.string()).describe('gaps the catalogue has no course for'),
  }),
  mapsTo: 'matching.assessFit gaps → course catalogue (skills taught, ordered beginner → expert)',
  roles: ['member', 'admin'],
  scope: 'Gaps of the caller\'s own profile only.',
  hints: { latency: 'sub-ms', resultTokens: 250 },
  async run(args: { jobId?: string; skills: string[] }, ctx) {
    const wanted: { id: string; label: string }[] = [];
    if (args.jobId) {
      const member = await ctx.app.repos.members.require(ownMemberId(ctx));
      const job = await ctx.app.repos.jobs.require(args.jobId);
      const a = assessFit(member, job, { taxonomy: ctx.app.taxonomy, courses: ctx.app.courses, now: ctx.app.clock() });
      for (const q of a.qualifications) {
        if (q.status !== 'met' && q.type === 'skill' && q.skillId) wanted.push({ id: q.skillId, label: q.requirement.replace(/ \((beginner|intermediate|advanced|expert)\)$/, '') });
      }
    }
    for (const s of args.skills) {
      const m = findSkillMentions(s, ctx.app.taxonomy)[0] ?? ctx.app.taxonomy.findByLabel(s, 'skill').map((c) => ({ skillId: c.id, label: c.label }))[0];
      if (m && !wanted.some((w) => w.id === m.skillId)) wanted.push({ id: m.skillId, label: m.label });
    }
    if (!args.jobId && args.skills.length === 0) throw new SkillError('skill_invalid_arguments', 'give a jobId or at least one skill');
    const order = { beginner: 1, intermediate: 2, advanced: 3, expert: 4 } as const;
    const path: { skill: string; courses: Pick<Course, 'title' | 'provider' | 'level' | 'durationHours'>[] & { courseId: string }[] }[] = [];
    const noCourse: string[] = [];
    let totalHours = 0;
    for (const w of wanted) {
      const courses = ctx.app.courses.filter((c) => c.skills.includes(w.id)).sort((a, b) => order[a.level] - order[b.level] || a.durationHours - b.durationHours || (a.id < b.id ? -1 : 1)).slice(0, 2);
      if (courses.length === 0) { noCourse.push(w.label); continue; }
      totalHours += courses[0]!.durationHours;
      path.push({ skill: w.label, courses: courses.map((c) => ({ courseId: c.id, title: c.title, provider: c.provider, level: c.level, durationHours: c.durationHours })) });
    }
    // Foundations first: paths whose first course is easier come earlier.
    path.sort((a, b) => order[a.courses[0]!.level as keyof typeof order] - order[b.courses[0]!.level as keyof typeof order]);
    return { path, totalHours, noCourse };
  },
};

export const profileQuality: Skill = {
  name: 'profile_quality',
  summary: 'Profile coach: a 0-100 quality score, issues (missing headline/summary, vague or unquantified descriptions) and skills the experience shows but the list omits.',
  whenToUse: 'When the member wants to improve their profile or asks why they do not get matches.',
  whenNotToUse: 'For job postings (posting_quality).',
  input: z.object({}).describe('no arguments'),
  output: z.object({
    score: z.number(),
    issues: z.array(z.object({ code: z.string(), severity: z.string(), field: z.string(), message: z.string(), suggestion: z.string() })),
    missingSkills: z.array(z.object({ skillId: z.string(), label: z.string(), field: z.string(), quote: z.string() })),
  }),
  mapsTo: 'skills/coaches.assessProfileQuality(member, taxonomy)',
  roles: ['member'],
  scope: 'Only the caller\'s own profile.',
  hints: { latency: 'ms', resultTokens: 250 },
  async run(_args, ctx) {
    return assessProfileQuality(await ctx.app.repos.members.require(ownMemberId(ctx)), ctx.app.taxonomy);
  },
};

export const postingQuality: Skill = {
  name: 'posting_quality',
  summary: 'Posting coach: a 0-100 quality score, missing or contradictory requirements, missing salary range, vague requirements and gender- or age-coded wording.',
  whenToUse: 'When a recruiter wants to improve a posting (by job id, or a draft text).',
  whenNotToUse: 'For member profiles (profile_quality).',
  input: z.object({
    jobId: z.string().max(300).optional().describe('the posting to check'),
    title: z.string().max(200).optional().describe('draft title, when there is no job id'),
    text: z.string().max(20000).optional().describe('draft description, when there is no job id'),
  }),
  output: z.object({
    score: z.number(),
    issues: z.array(z.object({ code: z.string(), severity: z.string(), field: z.string(), message: z.string(), suggestion: z.string() })),
    inclusiveLanguage: z.array(z.object({ phrase: z.string(), kind: z.string(), field: z.string(), suggestion: z.string() })),
  }),
  mapsTo: 'skills/coaches.assessPostingQuality(job)',
  roles: ['recruiter', 'admin'],
  scope: 'Recruiters: their own company\'s postings, or a draft text they pass.',
  hints: { latency: 'sub-ms', resultTokens: 250 },
  async run(args: { jobId?: string; title?: string; text?: string }, ctx: SkillContext) {
    if (args.jobId) return assessPostingQuality(await ownJob(ctx, args.jobId));
    if (!args.text) throw new SkillError('skill_invalid_arguments', 'give a jobId or a draft text');
    const title = args.title ?? args.text.split('\n')[0]!.slice(0, 200);
    const seniority = /\b(junior|entry[- ]level|graduate)\b/i.test(`${title} ${args.text}`) ? 'entry' as const : 'mid' as const;
    const skills = findSkillMentions(args.text, ctx.app.taxonomy).map((m) => ({ skillId: m.skillId, name: m.label }));
    return assessPostingQuality({ title, description: args.text, seniority, salary: undefined, required: { skills, languages: [], certifications: [] }, preferred: { skills: [], languages: [], certifications: [] } });
  },
};
