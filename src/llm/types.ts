import type { z } from 'zod';
import { FitwiseError, type LlmProviderKind } from '../domain/index.ts';

export type { LlmProviderKind };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Writes the answer from computed facts when no model is used (the `local` engine). */
export type LocalComposer = (request: LlmRequest) => string | unknown | Promise<string | unknown>;

/** What every caller sends through the gateway. */
export interface LlmRequest {
  /** Product feature, for the ledger and the per-feature budget (e.g. `assistant.assess_fit`). */
  feature: string;
  memberId?: string;
  tenant?: string;
  messages: ChatMessage[];
  /** Composer for the `local` engine; without it `local` cannot answer and is skipped. */
  localComposer?: LocalComposer;
  maxOutputTokens?: number;
  temperature?: number;
  /** Response cache: on by default for temperature 0 / unset; `false` bypasses it. */
  cache?: boolean | { ttlSeconds: number };
  /** Tools the model may call; calls are returned in `toolCalls`, not executed. */
  tools?: Record<string, { description?: string; inputSchema: z.ZodType }>;
  abortSignal?: AbortSignal;
}

export interface LlmObjectRequest<S extends z.ZodType> extends LlmRequest {
  schema: S;
  /** Name of the object for providers with native JSON schema output. */
  schemaName?: string;
}

export interface TokenUsage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** True when the provider did not report usage and the counts are a tokenizer estimate. */
  estimated: boolean;
}

/** Why an engine of the chain was passed over before the one that answered. */
export interface SkippedEngine {
  engine: string;
  reason: 'budget_exceeded' | 'circuit_open' | 'provider_error' | 'unparseable_output' | 'no_local_composer' | 'timeout';
  detail: string;
}

export interface LlmResult {
  text: string;
  /** `local` when composed from facts; otherwise the provider kind. */
  engine: LlmProviderKind;
  model: string;
  usage: TokenUsage;
  costUsd: number | null;
  cacheHit: boolean;
  latencyMs: number;
  finishReason: string;
  /** Engines passed over, in order; empty when the first engine answered. */
  degraded: SkippedEngine[];
  toolCalls: { name: string; input: unknown }[];
}

export interface LlmObjectResult<T> extends LlmResult {
  object: T;
  reasks: number;
}

export interface StreamStats {
  ttftMs: number | null;
  /** Mean time between text deltas after the first. */
  meanTimeBetweenTokensMs: number | null;
  tokensPerSecond: number | null;
}

export interface LlmStreamResult extends LlmResult {
  stats: StreamStats;
}

/** A streamed answer: iterate the text deltas; `result` settles with totals when the stream ends. */
export interface LlmStream extends AsyncIterable<string> {
  result: Promise<LlmStreamResult>;
}

/** A streamed structured answer: iterate partial objects for early display; `result` is schema-valid. */
export interface LlmObjectStream<T> extends AsyncIterable<unknown> {
  result: Promise<LlmObjectResult<T>>;
}

/** Stable codes of gateway failures (the API maps them to HTTP statuses). */
export type LlmErrorCode =
  | 'llm_unavailable'
  | 'llm_rate_limited'
  | 'llm_provider_error'
  | 'llm_bad_request'
  | 'llm_timeout'
  | 'llm_stream_interrupted'
  | 'llm_unparseable_output'
  | 'llm_budget_exceeded'
  | 'llm_circuit_open'
  | 'llm_config_invalid';

export class LlmError extends FitwiseError {
  declare readonly code: LlmErrorCode;
  /** Text already delivered when a stream broke (never re-sent). */
  readonly partialText?: string;
  readonly skipped: SkippedEngine[];
  constructor(code: LlmErrorCode, message: string, options: { cause?: unknown; partialText?: string; skipped?: SkippedEngine[]; status?: number } = {}) {
    super(code, message, { status: options.status ?? statusFor(code), cause: options.cause, details: { skipped: options.skipped } });
    this.name = 'LlmError';
    this.partialText = options.partialText;
    this.skipped = options.skipped ?? [];
  }
}

function statusFor(code: LlmErrorCode): number {
  switch (code) {
    case 'llm_rate_limited':
    case 'llm_budget_exceeded':
      return 429;
    case 'llm_timeout':
      return 504;
    case 'llm_bad_request':
    case 'llm_config_invalid':
      return 400;
    default:
      return 502;
  }
}
