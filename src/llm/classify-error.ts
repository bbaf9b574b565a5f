import { APICallError } from 'ai';
import { LlmError, type LlmErrorCode } from './types.ts';

export interface ErrorClass {
  code: LlmErrorCode;
  /** Worth another attempt on the same engine (429, 5xx, timeouts, network). Never other 4xx. */
  retryable: boolean;
  /** The server's Retry-After, when it sent one. */
  retryAfterMs?: number;
  status?: number;
  message: string;
}

/** Maps whatever a provider call threw to a stable gateway code and a retry decision. */
export function classifyError(err: unknown): ErrorClass {
  if (err instanceof LlmError) {
    return { code: err.code, retryable: err.code === 'llm_timeout', message: err.message };
  }
  if (APICallError.isInstance(err)) {
    const status = err.statusCode;
    const retryAfterMs = parseRetryAfter(err.responseHeaders);
    if (status === 429) return { code: 'llm_rate_limited', retryable: true, retryAfterMs, status, message: `rate limited (429)` };
    if (status !== undefined && status >= 500) return { code: 'llm_provider_error', retryable: true, retryAfterMs, status, message: `provider error (${status})` };
    if (status === 408) return { code: 'llm_timeout', retryable: true, status, message: 'provider timeout (408)' };
    if (status !== undefined && status >= 400) return { code: 'llm_bad_request', retryable: false, status, message: `request rejected (${status}): ${err.message}` };
    // No status: the connection failed (refused, reset) before a response.
    return { code: 'llm_provider_error', retryable: true, message: err.message };
  }
  const e = err as { name?: string; message?: string; cause?: unknown } | undefined;
  if (e?.name === 'TimeoutError' || e?.cause instanceof LlmError) {
    const inner = e.cause instanceof LlmError ? e.cause : undefined;
    return { code: 'llm_timeout', retryable: true, message: inner?.message ?? e.message ?? 'timeout' };
  }
  if (e?.name === 'AbortError') return { code: 'llm_timeout', retryable: false, message: 'aborted' };
  // Network failures, malformed responses, SDK parse errors: transient as far as we can tell.
  return { code: 'llm_provider_error', retryable: true, message: e?.message ?? String(err) };
}

function parseRetryAfter(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && Number.isFinite(Number(ms))) return Number(ms);
  const v = headers['retry-after'];
  if (v === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
