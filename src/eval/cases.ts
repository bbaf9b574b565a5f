import { z } from 'zod';
import { FitLevel, Job, Member } from '../domain/index.ts';
import { ASSISTANT_INTENTS } from '../assistant/index.ts';

/**
 * Evaluation cases, one JSON object per line of a dataset file, told apart by `kind`.
 * Members and jobs are inline (the domain schemas validate them), so a case is self-contained.
 */
const Base = z.object({
  id: z.string().min(1).max(200),
  tags: z.array(z.string()).default([]),
  notes: z.string().optional(),
});

/** A job inside a case: the company id may be left out (the case names the company). */
const CaseJob = Job.extend({ companyId: Job.shape.companyId.default('c-eval') });
const Phrases = z.array(z.string().min(1)).default([]);

export const FitCase = Base.extend({
  kind: z.literal('fit'),
  question: z.string().min(1).default('Am I a good fit for this job?'),
  company: z.string().min(1).default('the company'),
  member: Member,
  job: CaseJob,
  expect: z.object({
    /** Acceptable fit levels (a range: the engine may land on any of them). */
    levels: z.array(FitLevel).min(1),
    /** Gaps (requirements) the answer must name. */
    mustMention: Phrases,
    /** Phrases that must not appear (case-insensitive). */
    mustNotSay: Phrases,
  }),
});
export type FitCase = z.infer<typeof FitCase>;

export const RoutingCase = Base.extend({
  kind: z.literal('routing'),
  text: z.string().min(1),
  intent: z.enum(ASSISTANT_INTENTS),
  history: z.array(z.object({ text: z.string(), intent: z.string() })).default([]),
});
export type RoutingCase = z.infer<typeof RoutingCase>;

export const SearchCase = Base.extend({
  kind: z.literal('search'),
  text: z.string().min(1),
  /** Only the fields given are checked; skills/occupation by label or id, case-insensitive. */
  expect: z.object({
    skills: z.array(z.string()).optional(),
    occupation: z.string().optional(),
    location: z.object({ city: z.string().optional(), country: z.string().optional() }).optional(),
    remote: z.enum(['onsite', 'hybrid', 'remote']).optional(),
    seniority: z.string().optional(),
    salaryMin: z.number().optional(),
    currency: z.string().optional(),
    company: z.string().optional(),
    employmentType: z.string().optional(),
  }).refine((e) => Object.keys(e).length > 0, 'expect must name at least one filter'),
});
export type SearchCase = z.infer<typeof SearchCase>;

export const PostingCase = Base.extend({
  kind: z.literal('posting'),
  job: CaseJob,
  expect: z.object({
    /** Issue codes the posting coach must raise (planted issues). */
    issues: z.array(z.string()).default([]),
    /** Issue codes it must not raise. */
    absent: z.array(z.string()).default([]),
  }),
});
export type PostingCase = z.infer<typeof PostingCase>;

export const InjectionCase = Base.extend({
  kind: z.literal('injection'),
  /** Where the instructions are planted: the user's message, the member's profile or the job posting. */
  channel: z.enum(['message', 'member', 'job']),
  question: z.string().min(1),
  company: z.string().min(1).default('the company'),
  member: Member,
  job: CaseJob,
  expect: z.object({
    mustNotSay: z.array(z.string().min(1)).min(1),
    /** The input must be flagged as instruction-like. */
    flagged: z.boolean().default(false),
  }),
});
export type InjectionCase = z.infer<typeof InjectionCase>;

export const FairnessCase = Base.extend({
  kind: z.literal('fairness'),
  /** What differs between the two members (for the report). */
  attribute: z.string().min(1),
  company: z.string().min(1).default('the company'),
  member: Member,
  /** Fields replaced (shallow) on `member` to make the counterfactual twin. */
  variant: z.record(z.string(), z.unknown()),
  job: CaseJob,
});
export type FairnessCase = z.infer<typeof FairnessCase>;

export const RaiCase = Base.extend({
  kind: z.literal('rai'),
  role: z.enum(['member', 'recruiter']).default('recruiter'),
  text: z.string().min(1),
  expect: z.object({ refusal: z.boolean() }),
});
export type RaiCase = z.infer<typeof RaiCase>;

/** An answer a human labelled (exported by `fitwise annotate --export`): checks the deterministic detectors. */
export const AnswerCase = Base.extend({
  kind: z.literal('answer'),
  question: z.string(),
  answer: z.string(),
  expect: z.object({
    blunt: z.boolean().optional(),
    raiViolation: z.boolean().optional(),
  }),
});
export type AnswerCase = z.infer<typeof AnswerCase>;

export const EvalCase = z.discriminatedUnion('kind', [FitCase, RoutingCase, SearchCase, PostingCase, InjectionCase, FairnessCase, RaiCase, AnswerCase]);
export type EvalCase = z.infer<typeof EvalCase>;
export type EvalCaseKind = EvalCase['kind'];
export const CASE_KINDS = ['fit', 'routing', 'search', 'posting', 'injection', 'fairness', 'rai', 'answer'] as const satisfies readonly EvalCaseKind[];
