import type { FitOut } from '../../skills/index.ts';
import type { Citation } from '../types.ts';
import type { Agent, AgentInput, Composition, SkillResults } from './agent.ts';

export const LEVEL_PHRASE: Record<string, string> = {
  strong: 'a strong fit', good: 'a good fit', partial: 'a partial fit', stretch: 'a stretch for now',
};

const ENCOURAGEMENT: Record<string, string> = {
  strong: 'Your profile covers what this role asks for, so applying soon is worth it.',
  good: 'You cover most of what matters here, so applying is reasonable while you work on the rest.',
  partial: 'You already bring real strengths for this role, and closing the gaps above would move you up a level.',
  stretch: 'That is fine: the steps above are a concrete path toward roles like this one.',
};

/** "Which job?" with the member's best-fitting open jobs. */
function askForJob(results: SkillResults, what: string): Composition {
  const found = results.get<{ jobs: { jobId: string; title: string; company: string; level?: string }[] }>('search_jobs');
  const jobs = found?.jobs ?? [];
  const lines = jobs.map((j) => `- ${j.title} at ${j.company} (${j.jobId})${j.level ? `: ${LEVEL_PHRASE[j.level] ?? j.level}` : ''}`);
  return {
    text: `Which job should I ${what}? Tell me its id, for example ${jobs[0]?.jobId ?? 'j-000123'}.${lines.length ? `\nOpen jobs that fit you best right now:\n${lines.join('\n')}` : ''}`,
    citations: jobs.map((j) => ({ kind: 'job', id: j.jobId, label: j.title })),
    data: { needs: 'jobId' },
  };
}

function stepOf(g: FitOut['gaps'][number]): string {
  return g.nextSteps[0]?.text ?? `Build ${g.requirement} through a project, then add it to your profile.`;
}

function fitCitations(f: FitOut): Citation[] {
  const c: Citation[] = [{ kind: 'job', id: f.jobId, label: f.jobTitle }];
  for (const q of f.met) for (const e of q.evidence) c.push({ kind: 'member_field', id: e.field, label: q.requirement });
  for (const g of f.gaps) for (const s of g.nextSteps) if (s.courseId) c.push({ kind: 'course', id: s.courseId });
  return c;
}

function fitGuard(f: FitOut): Composition['guard'] {
  const phrase = LEVEL_PHRASE[f.level]!;
  return {
    level: f.level,
    levelSentence: `For ${f.jobTitle} at ${f.company}, you are ${phrase} (${f.summary}).`,
    gaps: f.gaps.filter((g) => g.kind === 'required').map((g) => ({ requirement: g.requirement, step: stepOf(g) })),
  };
}

function failure(results: SkillResults, skill: string, what: string): Composition | undefined {
  const err = results.error(skill);
  return err ? { text: `I could not ${what}: ${err}.`, citations: [], data: { error: err } } : undefined;
}

const jobOrSearch = (input: AgentInput, skill: string, extra: Record<string, unknown> = {}) =>
  input.entities.jobId ? [{ skill, args: { jobId: input.entities.jobId, ...extra } }] : [{ skill: 'search_jobs', args: { query: '', limit: 3 } }];

export const assessFitAgent: Agent = {
  intent: 'assess_fit',
  roles: ['member', 'recruiter', 'admin'],
  skills: ['assess_fit', 'get_job', 'search_jobs'],
  plan(input) {
    if (input.caller.role !== 'member' && input.entities.jobId) {
      return [{ skill: 'assess_fit', args: { jobId: input.entities.jobId, ...(input.entities.memberId ? { memberId: input.entities.memberId } : {}) } }];
    }
    return jobOrSearch(input, 'assess_fit');
  },
  compose(input, results) {
    if (!input.entities.jobId) return askForJob(results, 'assess you for');
    const fail = failure(results, 'assess_fit', 'assess this fit');
    if (fail) return fail;
    const f = results.get<FitOut>('assess_fit')!;
    const who = input.caller.role === 'member' ? 'you are' : `${f.memberId} is`;
    const lines = [`For ${f.jobTitle} at ${f.company}, ${who} ${LEVEL_PHRASE[f.level]} (${f.summary}).`];
    if (f.met.length) {
      lines.push('What you already bring:');
      for (const q of f.met.slice(0, 4)) {
        const e = q.evidence[0];
        lines.push(`- ${q.requirement}${e ? `: "${e.quote}" (${e.field})` : ''}`);
      }
    }
    const gaps = [...f.gaps.filter((g) => g.kind === 'required'), ...f.gaps.filter((g) => g.kind === 'preferred').slice(0, 2)];
    if (gaps.length) {
      lines.push('To close the gaps:');
      for (const g of gaps) lines.push(`- ${g.requirement}${g.kind === 'preferred' ? ' (nice-to-have)' : ''}${g.via ? `, partly covered by ${g.via}` : ''}: ${stepOf(g)}`);
    }
    lines.push(ENCOURAGEMENT[f.level]!);
    return { text: lines.join('\n'), citations: fitCitations(f), data: { level: f.level, score: f.score, summary: f.summary, jobId: f.jobId }, guard: fitGuard(f) };
  },
};

type SearchOut = { filters: Record<string, any>; unparsed: string[]; total: number; jobs: { jobId: string; title: string; company: string; location: string; remote: string; salary?: string; level?: string; summary?: string }[] };

function readFilters(f: Record<string, any>): string {
  const parts: string[] = [];
  if (f.remote) parts.push(f.remote);
  if (f.seniority) parts.push(f.seniority);
  if (f.occupation?.label) parts.push(f.occupation.label);
  if (f.skills?.length) parts.push(`with ${f.skills.map((s: { label: string }) => s.label).join(', ')}`);
  if (f.location) parts.push(`in ${[f.location.city, f.location.country].filter(Boolean).join(', ')}`);
  if (f.salaryMin) parts.push(`paying at least ${f.salaryMin}${f.currency ? ` ${f.currency}` : ''}`);
  if (f.company) parts.push(`at ${f.company}`);
  if (f.keywords?.length) parts.push(`matching ${f.keywords.join(', ')}`);
  return parts.join(' ');
}

export const findJobsAgent: Agent = {
  intent: 'find_jobs',
  roles: ['member', 'admin'],
  skills: ['search_jobs', 'get_job'],
  plan: (input) => [{ skill: 'search_jobs', args: { query: input.text, limit: 5 } }],
  compose(_input, results) {
    const fail = failure(results, 'search_jobs', 'search jobs');
    if (fail) return fail;
    const s = results.get<SearchOut>('search_jobs')!;
    const read = readFilters(s.filters);
    const head = read ? `I read your search as: ${read}.` : 'I looked for open jobs that fit your profile.';
    if (s.jobs.length === 0) {
      return { text: `${head} No open job matches all of that right now; try fewer filters.${s.unparsed.length ? ` I could not read: ${s.unparsed.join(', ')}.` : ''}`, citations: [], data: { total: 0 } };
    }
    const lines = s.jobs.map((j) => `- ${j.title} at ${j.company}, ${j.location || j.remote} (${j.remote})${j.salary ? `, ${j.salary}` : ''}${j.level ? `: ${LEVEL_PHRASE[j.level]} (${j.summary})` : ''} [${j.jobId}]`);
    return {
      text: `${head} Best fits first:\n${lines.join('\n')}\nAsk me about any of them for the full fit.`,
      citations: s.jobs.map((j) => ({ kind: 'job', id: j.jobId, label: j.title })),
      data: { total: s.total, jobIds: s.jobs.map((j) => j.jobId) },
    };
  },
};

type Profile = { headline: string; experience: { title: string }[]; skills: string[] };
type Quality = { score: number; issues: { message: string; suggestion: string; severity: string }[]; missingSkills: { label: string; field: string; quote: string }[] };

export const improveProfileAgent: Agent = {
  intent: 'improve_profile',
  roles: ['member'],
  skills: ['get_my_profile', 'profile_quality'],
  plan: () => [{ skill: 'get_my_profile', args: {} }, { skill: 'profile_quality', args: {} }],
  compose(_input, results) {
    const fail = failure(results, 'profile_quality', 'check your profile') ?? failure(results, 'get_my_profile', 'read your profile');
    if (fail) return fail;
    const q = results.get<Quality>('profile_quality')!;
    const p = results.get<Profile>('get_my_profile')!;
    const lines = [`Your profile scores ${q.score}/100 on the profile checklist.`];
    const order = { high: 0, medium: 1, low: 2 } as Record<string, number>;
    const issues = [...q.issues].sort((a, b) => order[a.severity]! - order[b.severity]!).slice(0, 5);
    if (issues.length) {
      lines.push('What to improve first:');
      for (const i of issues) lines.push(`- ${i.message} ${i.suggestion}`);
    } else lines.push('No issue found on the checklist.');
    if (q.missingSkills.length) {
      lines.push('Skills your experience shows but your list omits:');
      for (const m of q.missingSkills.slice(0, 5)) lines.push(`- ${m.label}, shown in ${m.field}: "${m.quote}"`);
    }
    const title = p.experience[0]?.title;
    const top = [...q.missingSkills.map((m) => m.label), ...p.skills.map((s) => s.replace(/ \(.*\)$/, ''))].slice(0, 3);
    if (title && top.length) lines.push(`A headline built from your own facts: ${title} · ${top.join(', ')}`);
    return { text: lines.join('\n'), citations: q.missingSkills.map((m) => ({ kind: 'member_field' as const, id: m.field, label: m.label })), data: { score: q.score } };
  },
};

type Courses = { path: { skill: string; courses: { courseId: string; title: string; provider: string; level: string; durationHours: number }[] }[]; totalHours: number; noCourse: string[] };

export const learningPathAgent: Agent = {
  intent: 'learning_path',
  roles: ['member'],
  skills: ['suggest_courses', 'assess_fit', 'search_jobs'],
  plan(input) {
    if (input.entities.jobId) return [{ skill: 'suggest_courses', args: { jobId: input.entities.jobId } }];
    const words = input.text.replace(/\b(learn|learning|course|courses|for|about|on|in|a|an|the|i|want|to|should|what|study|me|recommend|suggest|some|good)\b/gi, ' ').trim();
    return words ? [{ skill: 'suggest_courses', args: { skills: [words] } }] : [{ skill: 'search_jobs', args: { query: '', limit: 3 } }];
  },
  compose(input, results) {
    if (!results.get('suggest_courses') && !results.error('suggest_courses')) return askForJob(results, 'build a learning path for');
    const fail = failure(results, 'suggest_courses', 'build a learning path');
    if (fail) return fail;
    const c = results.get<Courses>('suggest_courses')!;
    if (c.path.length === 0) {
      return { text: `The course catalogue has nothing for these gaps yet${c.noCourse.length ? ` (${c.noCourse.join(', ')})` : ''}; practise them on a project and add them to your profile.`, citations: [] };
    }
    const lines = [`A learning path${input.entities.jobId ? ` for ${input.entities.jobId}` : ''}, foundations first:`];
    for (const step of c.path) {
      const first = step.courses[0]!;
      lines.push(`- ${step.skill}: "${first.title}" by ${first.provider} (${first.level}, ${first.durationHours} h)`);
    }
    lines.push(`About ${c.totalHours} h in total.`);
    if (c.noCourse.length) lines.push(`No catalogue course yet for ${c.noCourse.join(', ')}: practise it on a project and add it to your profile.`);
    return { text: lines.join('\n'), citations: c.path.map((s) => ({ kind: 'course' as const, id: s.courses[0]!.courseId, label: s.courses[0]!.title })), data: { totalHours: c.totalHours } };
  },
};

export const interviewPrepAgent: Agent = {
  intent: 'interview_prep',
  roles: ['member'],
  skills: ['get_job', 'assess_fit'],
  plan: (input) => (input.entities.jobId ? [{ skill: 'assess_fit', args: { jobId: input.entities.jobId } }] : [{ skill: 'search_jobs', args: { query: '', limit: 3 } }]),
  compose(input, results) {
    if (!input.entities.jobId) return askForJob(results, 'prepare you for');
    const fail = failure(results, 'assess_fit', 'read this job');
    if (fail) return fail;
    const f = results.get<FitOut>('assess_fit')!;
    const lines = [`Likely questions for ${f.jobTitle} at ${f.company}, with answers from your own experience:`];
    for (const q of f.met.slice(0, 4)) {
      const e = q.evidence[0];
      const ask = /degree|years|experience|\(/i.test(q.requirement) ? `Walk me through your background for ${q.requirement}.` : `Tell me about your experience with ${q.requirement}.`;
      lines.push(`- Q: ${ask} Draw on: ${e ? `"${e.quote}" (${e.field})` : 'your projects with it'}.`);
    }
    for (const g of f.gaps.filter((x) => x.kind === 'required').slice(0, 3)) {
      lines.push(`- Q: How would you get up to speed on ${g.requirement}? Be honest, and say what you are doing about it: ${stepOf(g)}`);
    }
    lines.push('Prepare one short story per answer: the situation, what you did, and the result.');
    return { text: lines.join('\n'), citations: fitCitations(f), data: { jobId: f.jobId, level: f.level } };
  },
};
