import type { Role } from '../../skills/index.ts';
import type { Agent, Composition, SkillResults } from './agent.ts';
import { LEVEL_PHRASE } from './member-agents.ts';

function failure(results: SkillResults, skill: string, what: string): Composition | undefined {
  const err = results.error(skill);
  return err ? { text: `I could not ${what}: ${err}.`, citations: [], data: { error: err } } : undefined;
}

type CompanyOut = { companyId: string; name: string; industry: string; size: string; headquarters: string; website?: string; description: string; openJobs: { jobId: string; title: string }[]; openJobCount: number };
type WebOut = { enabled: boolean; message?: string; results: { title: string; url: string; snippet: string }[] };

export const companyInfoAgent: Agent = {
  intent: 'company_info',
  roles: ['member', 'recruiter', 'admin'],
  skills: ['get_company', 'get_job', 'web_search'],
  plan(input) {
    const e = input.entities;
    const calls = [];
    if (e.companyId) calls.push({ skill: 'get_company', args: { companyId: e.companyId } });
    else if (e.jobId) calls.push({ skill: 'get_job', args: { jobId: e.jobId } });
    else if (e.companyName) calls.push({ skill: 'get_company', args: { name: e.companyName } });
    else if (input.caller.companyId) calls.push({ skill: 'get_company', args: { companyId: input.caller.companyId } });
    if (/\b(news|recent|latest|funding|layoffs?|acquisition)\b/i.test(input.text) && (e.companyName || e.companyId)) {
      calls.push({ skill: 'web_search', args: { query: `${e.companyName ?? e.companyId} news` } });
    }
    return calls;
  },
  followUp(_input, results) {
    const job = results.get<{ companyId: string }>('get_job');
    return job && !results.get('get_company') ? [{ skill: 'get_company', args: { companyId: job.companyId } }] : [];
  },
  compose(_input, results) {
    const c = results.get<CompanyOut>('get_company');
    if (!c) return failure(results, 'get_company', 'find that company') ?? { text: 'Which company do you mean? Give me its name or id (for example c-0002).', citations: [] };
    const lines = [`${c.name} is a${/^[aeiou]/i.test(c.industry) ? 'n' : ''} ${c.industry || 'company'} company with ${c.size} employees, headquartered in ${c.headquarters || 'an undisclosed location'}.`];
    if (c.description) lines.push(c.description);
    if (c.openJobs.length) {
      lines.push(`Open jobs (${c.openJobCount}):`);
      for (const j of c.openJobs) lines.push(`- ${j.title} (${j.jobId})`);
    } else lines.push('It has no open jobs right now.');
    const web = results.get<WebOut>('web_search');
    if (web && !web.enabled) lines.push('Web search is disabled here, so I cannot check recent news.');
    if (web?.enabled) for (const r of web.results) lines.push(`- From the web: ${r.title} (${r.url})`);
    return { text: lines.join('\n'), citations: [{ kind: 'company', id: c.companyId, label: c.name }, ...c.openJobs.map((j) => ({ kind: 'job' as const, id: j.jobId, label: j.title }))] };
  },
};

type Candidates = { total: number; candidates: { memberId: string; headline: string; location: string; skills: string[]; level?: string; summary?: string }[] };

export const findCandidatesAgent: Agent = {
  intent: 'find_candidates',
  roles: ['recruiter', 'admin'],
  skills: ['search_members', 'get_job'],
  plan: (input) => [{ skill: 'search_members', args: { ...(input.entities.jobId ? { jobId: input.entities.jobId } : {}), query: input.text, limit: 5 } }],
  compose(input, results) {
    const fail = failure(results, 'search_members', 'search candidates');
    if (fail) return fail;
    const s = results.get<Candidates>('search_members')!;
    if (s.candidates.length === 0) return { text: 'No open-to-work member matches that yet; try fewer criteria, or give me a job id to rank by fit.', citations: [] };
    const lines = [`Open-to-work candidates${input.entities.jobId ? ` for ${input.entities.jobId}, best fit first` : ''} (contact details stay private until they respond):`];
    for (const c of s.candidates) lines.push(`- ${c.memberId}: ${c.headline}${c.location ? `, ${c.location}` : ''}${c.level ? `: ${LEVEL_PHRASE[c.level]} (${c.summary})` : ''}`);
    return { text: lines.join('\n'), citations: s.candidates.map((c) => ({ kind: 'member' as const, id: c.memberId })) };
  },
};

type Ranked = { jobId: string; jobTitle: string; total: number; applicants: { rank: number; memberId: string; headline: string; level: string; summary: string; topEvidence: string[] }[] };

function askForOwnJob(results: SkillResults, what: string): Composition {
  const c = results.get<CompanyOut>('get_company');
  const jobs = c?.openJobs ?? [];
  return {
    text: `Which job should I ${what}? Give me its id.${jobs.length ? `\nYour open jobs:\n${jobs.map((j) => `- ${j.title} (${j.jobId})`).join('\n')}` : ''}`,
    citations: jobs.map((j) => ({ kind: 'job', id: j.jobId, label: j.title })), data: { needs: 'jobId' },
  };
}

const ownCompany = (role: Role, companyId?: string) => (role === 'recruiter' && companyId ? [{ skill: 'get_company', args: { companyId } }] : []);

export const rankApplicantsAgent: Agent = {
  intent: 'rank_applicants',
  roles: ['recruiter', 'admin'],
  skills: ['list_applicants_ranked'],
  plan: (input) => (input.entities.jobId ? [{ skill: 'list_applicants_ranked', args: { jobId: input.entities.jobId, limit: 10 } }] : ownCompany(input.caller.role, input.caller.companyId)),
  compose(input, results) {
    if (!input.entities.jobId) return askForOwnJob(results, 'rank applicants for');
    const fail = failure(results, 'list_applicants_ranked', 'rank these applicants');
    if (fail) return fail;
    const r = results.get<Ranked>('list_applicants_ranked')!;
    if (r.applicants.length === 0) return { text: `${r.jobTitle} (${r.jobId}) has no applicants yet.`, citations: [{ kind: 'job', id: r.jobId }] };
    const lines = [`Applicants for ${r.jobTitle} (${r.jobId}), best fit first; ranked by fit and evidence only, never by arrival time:`];
    for (const a of r.applicants) lines.push(`- #${a.rank} ${a.memberId}: ${LEVEL_PHRASE[a.level]} (${a.summary})${a.topEvidence.length ? `; evidence: ${a.topEvidence.join('; ')}` : ''}`);
    return { text: lines.join('\n'), citations: [{ kind: 'job', id: r.jobId, label: r.jobTitle }, ...r.applicants.map((a) => ({ kind: 'member' as const, id: a.memberId }))], data: { total: r.total } };
  },
};

type PostingQ = { score: number; issues: { message: string; suggestion: string }[]; inclusiveLanguage: { phrase: string; kind: string; suggestion: string }[] };

export const improvePostingAgent: Agent = {
  intent: 'improve_posting',
  roles: ['recruiter', 'admin'],
  skills: ['posting_quality', 'get_job'],
  plan(input) {
    if (input.entities.jobId) return [{ skill: 'posting_quality', args: { jobId: input.entities.jobId } }];
    if (input.text.length > 160) return [{ skill: 'posting_quality', args: { text: input.text } }];
    return ownCompany(input.caller.role, input.caller.companyId);
  },
  compose(_input, results) {
    if (!results.get('posting_quality') && !results.error('posting_quality')) return askForOwnJob(results, 'review');
    const fail = failure(results, 'posting_quality', 'review this posting');
    if (fail) return fail;
    const q = results.get<PostingQ>('posting_quality')!;
    const lines = [`This posting scores ${q.score}/100 on the posting checklist.`];
    for (const i of q.issues.filter((x) => !x.message.startsWith('Wording'))) lines.push(`- ${i.message} Fix: ${i.suggestion}`);
    if (q.inclusiveLanguage.length) {
      lines.push('Inclusive language:');
      for (const f of q.inclusiveLanguage) lines.push(`- "${f.phrase}" is ${f.kind.replace('_', '-')}: ${f.suggestion}.`);
    }
    if (q.issues.length === 0) lines.push('No issue found on the checklist.');
    return { text: lines.join('\n'), citations: [], data: { score: q.score } };
  },
};

function capabilities(role: Role): string {
  return role === 'member'
    ? 'check your fit for a job, find jobs, tell you about a company, improve your profile, suggest courses for your gaps, and prepare you for interviews'
    : 'rank the applicants of your jobs by fit, find candidates, review your postings, and tell you about a company';
}

export const smallTalkAgent: Agent = {
  intent: 'small_talk',
  roles: ['member', 'recruiter', 'admin'],
  skills: [],
  plan: () => [],
  compose: (input) => ({ text: `Hello! Glad to help. I can ${capabilities(input.caller.role)}.`, citations: [] }),
};

export const outOfScopeAgent: Agent = {
  intent: 'out_of_scope',
  roles: ['member', 'recruiter', 'admin'],
  skills: [],
  plan: () => [],
  compose: (input) => ({ text: `Sorry, that is outside what I can help with. I can ${capabilities(input.caller.role)}.`, citations: [] }),
};

export { capabilities };
