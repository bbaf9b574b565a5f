import type { AppContext } from '../app/index.ts';
import {
  AGENTS, LOCAL_LABEL, createKeywordRouter, detectInjection, isDiscriminatoryRequest, neutralizeValue,
  type Agent, type Assistant, type AssistantAnswer, type IntentRouterLike,
} from '../assistant/index.ts';
import { Company, type Course, type FitLevel, type Job, type Member } from '../domain/index.ts';
import {
  assessFit, buildCourseIndex, parseJobSearch, type CourseIndex, type FitAssessment, type JobSearchFilters,
} from '../matching/index.ts';
import { assessPostingQuality, fitOut, type FitOut, type PostingQuality } from '../skills/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';

/** "Now" for every offline evaluation, so years of experience (and so levels) never drift with the date. */
export const EVAL_NOW = new Date('2026-06-01T00:00:00Z');

/** The answer object of `fitwise ask --json` plus what the evaluators need to check it. */
export interface TargetAnswer extends Pick<AssistantAnswer, 'answer' | 'engine' | 'model' | 'citations' | 'tokens' | 'costUsd'> {
  intent: string;
  /** The facts the answer was written from: what it may state. */
  facts: AnswerFacts;
  /** The input was flagged as instruction-like (prompt injection). */
  flagged: boolean;
}

export interface AnswerFacts {
  /** Everything the answer writer was given, as text. */
  text: string;
  level: FitLevel;
  score: number;
  /** Requirements not (fully) met, with their kind. */
  gaps: { requirement: string; kind: 'required' | 'preferred' }[];
  /** Requirements met. */
  met: string[];
  memberYears: number;
}

export interface FitQuestion { member: Member; job: Job; company: string; question: string }

/** What the evaluation exercises: the product's answer functions, behind one adapter so a run can swap or degrade them. */
export interface EvaluationTarget {
  readonly name: string;
  readonly engine: string;
  readonly taxonomy: Taxonomy;
  answerFit(q: FitQuestion): Promise<TargetAnswer>;
  assess(member: Member, job: Job): FitAssessment;
  route(text: string, history?: readonly { text: string; intent: string }[]): { intent: string; confidence: number };
  parseSearch(text: string): JobSearchFilters;
  coachPosting(job: Job): PostingQuality;
  /** A recruiter's or member's request screened by the Responsible-AI policy: refused or not. */
  screenRequest(text: string, role: 'member' | 'recruiter'): { refused: boolean };
  close(): Promise<void>;
}

/** The `assess_fit` skill's result shape, built without a database. */
export const fitResult = fitOut;

export function answerFacts(a: FitAssessment, fit: FitOut, q: FitQuestion): AnswerFacts {
  return {
    text: `${JSON.stringify(fit)}\n${q.company}\n${q.job.title}\n${q.member.experience.map((e) => `${e.title} ${e.company}`).join('\n')}`,
    level: a.level, score: a.score,
    gaps: fit.gaps.map((g) => ({ requirement: g.requirement, kind: g.kind })),
    met: fit.met.map((m) => m.requirement),
    memberYears: a.facts.years.member,
  };
}

/** The skill results an agent composes from (the assistant's own `SkillResults` shape). */
type SkillResults = Parameters<Agent['compose']>[1];

class Results implements SkillResults {
  constructor(private readonly values: Record<string, unknown>) {}
  get<T>(name: string): T | undefined { return this.values[name] as T | undefined; }
  error(): string | undefined { return undefined; }
}

const REFUSAL = 'I can\'t rank, filter or choose people by a protected attribute.';

export interface LocalTargetOptions {
  taxonomy: Taxonomy;
  courses: readonly Course[];
  router?: IntentRouterLike;
  routerName?: string;
  now?: Date;
}

/**
 * The offline target: the fit tier, the assistant's own `assess_fit` agent composing from computed facts
 * (what the `local` engine answers), the router, search parsing, the posting coach and the RAI policy —
 * all without a database, so hundreds of cases run in seconds.
 */
export function createLocalTarget(opts: LocalTargetOptions): EvaluationTarget {
  const router = opts.router ?? createKeywordRouter();
  const courseIndex: CourseIndex = buildCourseIndex(opts.courses);
  const ctx = { taxonomy: opts.taxonomy, courses: courseIndex, now: opts.now ?? EVAL_NOW };
  return {
    name: `local (${opts.routerName ?? 'router'})`,
    engine: 'local',
    taxonomy: opts.taxonomy,
    assess: (member, job) => assessFit(member, job, ctx),
    async answerFit(q) {
      const a = assessFit(q.member, q.job, ctx);
      const fit = fitResult(a, q.job, q.company, q.member.id);
      const composition = AGENTS.assess_fit.compose(
        { text: q.question, caller: { role: 'member', memberId: q.member.id }, entities: { jobId: q.job.id } },
        new Results({ assess_fit: neutralizeValue(fit) }),
      );
      return {
        intent: 'assess_fit', answer: `${composition.text}\n\n${LOCAL_LABEL}`, engine: 'local', model: 'local', citations: composition.citations,
        tokens: { input: 0, output: 0 }, costUsd: 0, facts: answerFacts(a, fit, q), flagged: detectInjection(q.question).length > 0,
      };
    },
    route: (text, history) => router.route(text, history ? [...history] : undefined),
    parseSearch: (text) => parseJobSearch(text, opts.taxonomy).filters,
    coachPosting: (job) => assessPostingQuality(job),
    // The assistant's own rule: recruiters always, members when the request is about ranking or finding people.
    screenRequest: (text, role) => ({
      refused: (role !== 'member' || ['rank_applicants', 'find_candidates'].includes(router.route(text).intent)) && isDiscriminatoryRequest(text),
    }),
    async close() {},
  };
}

/**
 * The full assistant as the target (database, gateway, guardrails; an LLM when one is configured): each
 * case's company, member and job are written to the app's database and the question is asked through
 * `assistant.ask`, exactly as `fitwise ask` does. Slower; use it to evaluate an LLM configuration.
 */
export function createAssistantTarget(app: AppContext, assistant: Assistant, local: EvaluationTarget): EvaluationTarget {
  return {
    ...local,
    name: 'assistant',
    engine: 'assistant',
    async answerFit(q) {
      await app.repos.companies.upsertMany([Company.parse({ id: q.job.companyId, name: q.company })]);
      await app.repos.members.upsertMany([q.member]);
      await app.repos.jobs.upsertMany([q.job]);
      const answer: AssistantAnswer = await assistant.ask({ caller: { role: 'member', memberId: q.member.id }, text: q.question, jobId: q.job.id });
      const a = assessFit(q.member, q.job, { taxonomy: app.taxonomy, courses: app.courses, now: app.clock() });
      const fit = fitResult(a, q.job, q.company, q.member.id);
      return {
        intent: answer.intent, answer: answer.answer, engine: answer.engine, model: answer.model, citations: answer.citations,
        tokens: answer.tokens, costUsd: answer.costUsd, facts: answerFacts(a, fit, q),
        flagged: answer.guardrails.some((g) => g.guardrail === 'injection'),
      };
    },
  };
}

/** Deliberate degradations, to prove the gate catches them (tests, `fitwise eval --degrade`). */
export const DEGRADATIONS = ['no-next-steps', 'blunt', 'ungrounded', 'inflate-level'] as const;
export type Degradation = (typeof DEGRADATIONS)[number];

/** Wraps a target's fit answers: strips next steps (tone guardrail off), adds a blunt verdict, invents claims, or inflates the level. */
export function degradeTarget(target: EvaluationTarget, how: Degradation): EvaluationTarget {
  return {
    ...target,
    name: `${target.name}, degraded: ${how}`,
    async answerFit(q) {
      const a = await target.answerFit(q);
      let text = a.answer;
      switch (how) {
        case 'no-next-steps': {
          const gaps = a.facts.gaps.map((g) => g.requirement);
          text = text.split('\n').map((line) => {
            const gap = gaps.find((g) => line.startsWith(`- ${g}`));
            return gap ? `- ${gap}` : line;
          }).filter((line) => !/^(You cover|You already bring real|That is fine)/.test(line)).join('\n');
          break;
        }
        case 'blunt':
          text = `To be honest, you are not a fit for this role.\n${text}`;
          break;
        case 'ungrounded':
          text = text.replace(/\n\n/, '\nYou also led the COBOL migration at Initrode Systems in 2011 and manage a team of 14 engineers.\n\n');
          break;
        case 'inflate-level':
          text = text.replace(/you are (a strong fit|a good fit|a partial fit|a stretch for now)/, 'you are a strong fit');
          break;
      }
      return { ...a, answer: text };
    },
  };
}
