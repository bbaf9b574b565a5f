import type { z } from 'zod';
import type { ChatMessage, LlmProviderKind, LlmRequest } from './types.ts';

/** What the gateway asks of one engine in one attempt. */
export interface EngineCall {
  messages: ChatMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  abortSignal: AbortSignal;
  /** Structured output wanted: engines with native JSON schema (or a grammar) use it. */
  json?: { schema: z.ZodType; name?: string };
  tools?: LlmRequest['tools'];
  request: LlmRequest;
}

/** Provider-reported usage; fields the provider did not report stay undefined (the gateway estimates). */
export interface EngineUsage {
  inputTokens?: number;
  cachedInputTokens?: number;
  outputTokens?: number;
}

export interface EngineReply {
  text: string;
  usage?: EngineUsage;
  finishReason: string;
  toolCalls: { name: string; input: unknown }[];
  /** The `local` engine composed a value directly (structured output without text round-trip). */
  value?: unknown;
}

export type EngineStreamPart =
  | { type: 'delta'; text: string }
  | { type: 'finish'; usage?: EngineUsage; finishReason: string };

/** One engine of the fallback chain: a provider and a model behind a uniform call/stream interface. */
export interface Engine {
  /** `provider:model`, the key of the circuit breaker, cache and metrics. */
  readonly id: string;
  readonly provider: LlmProviderKind;
  readonly model: string;
  /** Provider-native JSON schema (or grammar) output: no instructions needed in the prompt. */
  readonly supportsJsonSchema: boolean;
  generate(call: EngineCall): Promise<EngineReply>;
  /** Text deltas then one `finish`; throws when the stream fails. */
  stream(call: EngineCall): AsyncIterable<EngineStreamPart>;
  /** Frees native resources (GGUF). */
  close?(): Promise<void>;
}
