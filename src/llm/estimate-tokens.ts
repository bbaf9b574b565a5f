import { countTokens } from 'gpt-tokenizer';
import type { ChatMessage } from './types.ts';

/** Per-message framing tokens of the chat format (role markers), as OpenAI documents for its chat models. */
const MESSAGE_OVERHEAD = 4;

/** Estimated prompt tokens of a chat, with the o200k tokenizer; used when a provider reports no usage and for budget reservations. */
export function estimateInputTokens(messages: readonly ChatMessage[]): number {
  let total = 3;
  for (const m of messages) total += MESSAGE_OVERHEAD + countTokens(m.content);
  return total;
}

export function estimateTextTokens(text: string): number {
  return text ? countTokens(text) : 0;
}
