import type { AppContext } from '../../app/index.ts';
import type { Job, Member } from '../../domain/index.ts';
import { estimateInputTokens, type ChatMessage } from '../../llm/index.ts';
import { SkillRegistry, type FitOut } from '../../skills/index.ts';
import { neutralizeValue } from '../guardrails/injection.ts';
import { compactContext } from './compact.ts';
import { buildMessages } from './templates.ts';

export const FIT_QUESTION = 'Am I a good fit for this job?';

/** The baseline: what a first implementation sends — the two records dumped as JSON, one line of instruction. */
export function naiveFitMessages(member: Member, job: Job, question = FIT_QUESTION): ChatMessage[] {
  return [
    { role: 'system', content: 'You are a helpful career assistant. Using the member profile and the job below, tell the member how well they fit the job, what they meet and what they miss.' },
    { role: 'user', content: `Member profile (JSON):\n${JSON.stringify(member)}\nJob (JSON):\n${JSON.stringify(job)}\nQuestion: ${question}` },
  ];
}

/** The assistant's real fit prompt for the pair (preamble, guidelines, compact fenced facts). */
export async function fitMessages(app: AppContext, registry: SkillRegistry, member: Member, job: Job, question = FIT_QUESTION): Promise<ChatMessage[]> {
  const out = await registry.call('assess_fit', { jobId: job.id, memberId: member.id }, { app, caller: { role: 'admin' }, env: {} });
  return buildMessages('assess_fit', compactContext([{ name: 'assess_fit', result: neutralizeValue(out.result as FitOut) }]), question);
}

export interface PromptTokens { compact: number; naive: number }

export async function measureFitPrompt(app: AppContext, registry: SkillRegistry, member: Member, job: Job): Promise<PromptTokens> {
  return { compact: estimateInputTokens(await fitMessages(app, registry, member, job)), naive: estimateInputTokens(naiveFitMessages(member, job)) };
}
