import type { Caller, Role } from '../../skills/index.ts';
import type { Entities } from '../entities.ts';
import type { GuardOptions } from '../guardrails/answer-guard.ts';
import type { AssistantIntent, Citation } from '../types.ts';

export interface AgentInput {
  text: string;
  caller: Caller;
  /** Ids from the message, the request and the conversation, in that order of precedence. */
  entities: Entities;
}

export interface PlannedCall {
  skill: string;
  args: Record<string, unknown>;
}

/** Results of the skill calls, by skill name (neutralized data), and the calls that failed. */
export interface SkillResults {
  get<T = any>(name: string): T | undefined;
  error(name: string): string | undefined;
}

export interface Composition {
  text: string;
  citations: Citation[];
  data?: Record<string, unknown>;
  /** What the guardrails check an LLM answer against (level, gaps that need next steps). */
  guard?: Pick<GuardOptions, 'level' | 'levelSentence' | 'gaps'>;
}

/**
 * An agent serves one intent: it plans skill calls from the message (rules, or the model's own plan
 * when an LLM is configured), and composes the local answer from what the skills returned.
 */
export interface Agent {
  intent: AssistantIntent;
  /** Roles the agent serves; others get a polite "that is for members/recruiters". */
  roles: readonly Role[];
  /** Skills the model may call when it plans. */
  skills: readonly string[];
  plan(input: AgentInput): PlannedCall[];
  /** Calls that depend on first results (e.g. the company of a job). */
  followUp?(input: AgentInput, results: SkillResults): PlannedCall[];
  compose(input: AgentInput, results: SkillResults): Composition;
}
