import { countTokens } from 'gpt-tokenizer';
import { LRUCache } from 'lru-cache';
import type { ChatMessage } from './types.ts';

/** Per-message framing tokens of the chat format (role markers), as OpenAI documents for its chat models. */
const MESSAGE_OVERHEAD = 4;

/**
 * Token counts of message texts already seen. System prompts and earlier turns of a conversation are
 * sent again with every call, and every call estimates its input before the model is asked (budget
 * reservation), so repeated texts are counted once.
 */
const counted = new LRUCache<string, number>({ max: 2000 });

function countCached(text: string): number {
  let n = counted.get(text);
  if (n === undefined) {
    n = countTokens(text);
    counted.set(text, n);
  }
  return n;
}

/** Estimated prompt tokens of a chat, with the o200k tokenizer; used when a provider reports no usage and for budget reservations. */
export function estimateInputTokens(messages: readonly ChatMessage[]): number {
  let total = 3;
  for (const m of messages) total += MESSAGE_OVERHEAD + countCached(m.content);
  return total;
}

export function estimateTextTokens(text: string): number {
  return text ? countTokens(text) : 0;
}
