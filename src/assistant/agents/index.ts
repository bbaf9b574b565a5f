import type { AssistantIntent } from '../types.ts';
import type { Agent } from './agent.ts';
import { assessFitAgent, findJobsAgent, improveProfileAgent, interviewPrepAgent, learningPathAgent } from './member-agents.ts';
import { companyInfoAgent, findCandidatesAgent, improvePostingAgent, outOfScopeAgent, rankApplicantsAgent, smallTalkAgent } from './other-agents.ts';

export const AGENTS: Record<AssistantIntent, Agent> = {
  assess_fit: assessFitAgent,
  find_jobs: findJobsAgent,
  company_info: companyInfoAgent,
  improve_profile: improveProfileAgent,
  learning_path: learningPathAgent,
  interview_prep: interviewPrepAgent,
  find_candidates: findCandidatesAgent,
  rank_applicants: rankApplicantsAgent,
  improve_posting: improvePostingAgent,
  small_talk: smallTalkAgent,
  out_of_scope: outOfScopeAgent,
};

export type { Agent, AgentInput, Composition, PlannedCall, SkillResults } from './agent.ts';
export { LEVEL_PHRASE } from './member-agents.ts';
export { capabilities } from './other-agents.ts';
