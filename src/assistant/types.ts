import type { Caller } from '../skills/index.ts';
import type { GuardrailEvent } from './guardrails/answer-guard.ts';

export const ASSISTANT_INTENTS = [
  'assess_fit', 'find_jobs', 'company_info', 'improve_profile', 'learning_path', 'interview_prep',
  'find_candidates', 'rank_applicants', 'improve_posting', 'small_talk', 'out_of_scope',
] as const;
export type AssistantIntent = (typeof ASSISTANT_INTENTS)[number];

/** A router as the assistant uses it (the trained one in `./router`, or the keyword fallback). */
export interface IntentRouterLike {
  route(text: string, history?: readonly { text: string; intent: string }[]): { intent: string; confidence: number };
  /** Second stage: ask the LLM when the local confidence is low (the trained router supports it). */
  routeWithFallback?(
    text: string,
    history?: readonly { text: string; intent: string }[],
    opts?: { llmFallback?: (text: string, candidates: { intent: any; score: number; description: string }[]) => Promise<{ intent: string; confidence: number }> },
  ): Promise<{ intent: string; confidence: number }>;
}

export interface AssistantRequest {
  caller: Caller;
  text: string;
  /** Continue this conversation (it must belong to the caller). */
  conversationId?: string;
  /** The job the user is looking at, when the UI knows it. */
  jobId?: string;
  /** Recruiters: the member in question. */
  memberId?: string;
  abortSignal?: AbortSignal;
}

export interface Citation {
  kind: 'job' | 'company' | 'course' | 'member_field' | 'member' | 'skill';
  id: string;
  label?: string;
}

/** The final answer object (`fitwise ask --json`, SSE `final`, JSON responses). */
export interface AssistantAnswer {
  intent: AssistantIntent;
  confidence: number;
  answer: string;
  /** `local` when composed from computed facts; otherwise the provider that wrote it. */
  engine: string;
  model: string;
  citations: Citation[];
  tokens: { input: number; output: number };
  costUsd: number | null;
  conversationId: string;
  promptVersion: string;
  /** Structured facts behind the answer (e.g. the computed fit level). */
  data?: Record<string, unknown>;
  skillCalls: { name: string; args: Record<string, unknown>; ms: number; error?: string }[];
  guardrails: GuardrailEvent[];
}

export type AssistantEvent =
  | { type: 'route'; intent: AssistantIntent; confidence: number }
  | { type: 'skill_call'; name: string; args: Record<string, unknown> }
  | { type: 'skill_result'; name: string; ms: number; ok: boolean; error?: string }
  | { type: 'token'; text: string }
  | { type: 'guardrail'; event: GuardrailEvent }
  | { type: 'final'; answer: AssistantAnswer };
