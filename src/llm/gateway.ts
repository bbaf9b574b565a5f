import { createHash } from 'node:crypto';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { parsePartialJson } from 'ai';
import pRetry from 'p-retry';
import { z } from 'zod';
import type { BudgetLine, CostLedgerStore, LlmCallRecord, LlmOutcome, LlmStores } from '../domain/index.ts';
import { createAiSdkEngine } from './ai-sdk-engine.ts';
import { budgetLines, type BudgetRule } from './budget-rules.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { classifyError } from './classify-error.ts';
import type { EngineConfig, GatewayConfig } from './config.ts';
import type { Engine, EngineCall, EngineReply, EngineStreamPart, EngineUsage } from './engine.ts';
import { estimateInputTokens, estimateTextTokens } from './estimate-tokens.ts';
import { useFastWebStreams } from './fast-web-streams.ts';
import { createGgufEngine } from './gguf-engine.ts';
import { createLocalEngine } from './local-engine.ts';
import { MemoryBudgetStore, MemoryCostLedger, MemoryResponseCache } from './memory-stores.ts';
import { llmMetrics } from './metrics.ts';
import { parseStructuredOutput } from './parse-structured-output.ts';
import { DEFAULT_PRICING, findPrice, priceCall, type ModelPrice } from './pricing.ts';
import {
  LlmError, type ChatMessage, type LlmErrorCode, type LlmObjectRequest, type LlmObjectResult, type LlmObjectStream, type LlmRequest,
  type LlmResult, type LlmStream, type LlmStreamResult, type SkippedEngine, type TokenUsage,
} from './types.ts';

export interface Gateway {
  /** One answer as text, through the fallback chain. */
  generate(request: LlmRequest): Promise<LlmResult>;
  /** Text deltas as they arrive; `result` has usage, cost and TTFT / time-between-tokens / tokens-per-second. */
  stream(request: LlmRequest): LlmStream;
  /** A value of `schema`, parsed defensively; never a value that violates the schema. */
  generateObject<S extends z.ZodType>(request: LlmObjectRequest<S>): Promise<LlmObjectResult<z.output<S>>>;
  /** Partial objects while the JSON streams in (for early display); `result` is the validated object. */
  streamObject<S extends z.ZodType>(request: LlmObjectRequest<S>): LlmObjectStream<z.output<S>>;
  /** The fallback chain, in order, with each engine's circuit state. */
  readonly engines: readonly { id: string; provider: string; model: string; circuit: 'closed' | 'open' | 'half-open' }[];
  /** Waits for pending ledger and cache writes (they do not delay answers). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Engines can be injected (tests, custom providers); otherwise they are built from `config.engines`. */
export interface GatewayDependencies extends LlmStores {
  engines?: Engine[];
}

const tracer = trace.getTracer('fitwise.llm');

interface CallContext {
  request: LlmRequest;
  mode: 'generate' | 'stream' | 'object';
  schema?: z.ZodType;
  schemaName?: string;
  startedAt: number;
  skipped: SkippedEngine[];
  span: Span;
}

interface Reservation {
  lines: BudgetLine[];
}

interface CachedReply {
  text: string;
  finishReason: string;
  toolCalls: LlmResult['toolCalls'];
}

export function createGateway(config: GatewayConfig, deps: GatewayDependencies = {}): Gateway {
  useFastWebStreams();
  const engines = deps.engines ?? config.engines.map((e) => buildEngine(e, config));
  if (engines.length === 0) throw new LlmError('llm_config_invalid', 'the fallback chain has no engine');
  const ledger: CostLedgerStore = deps.ledger ?? new MemoryCostLedger();
  const budgets = deps.budgets ?? new MemoryBudgetStore();
  const cache = deps.cache ?? new MemoryResponseCache();
  const pricing = { ...DEFAULT_PRICING, ...config.pricing };
  const rules: BudgetRule[] = config.budgets ?? [];
  const cacheConfig = config.cache ?? { enabled: true, ttlSeconds: 3600 };
  const retry = {
    retries: config.retry?.retries ?? 2, minDelayMs: config.retry?.minDelayMs ?? 200,
    maxDelayMs: config.retry?.maxDelayMs ?? 5000, maxRetryAfterMs: config.retry?.maxRetryAfterMs ?? 30_000,
  };
  const timeouts = { firstTokenMs: config.timeouts?.firstTokenMs ?? 30_000, totalMs: config.timeouts?.totalMs ?? 120_000 };
  const breakers = new Map(engines.map((e) => [e.id, new CircuitBreaker(config.circuitBreaker ?? { failureThreshold: 5, cooldownMs: 30_000 })]));
  const warn = config.onWarning ?? ((m: string) => process.emitWarning(m, 'FitwiseLlmWarning'));
  const now = config.now ?? (() => new Date());
  const metrics = llmMetrics();
  const pending = new Set<Promise<void>>();
  const warnedUnpriced = new Set<string>();
  const defaultMaxOutput = config.defaultMaxOutputTokens ?? 1024;
  let cacheFailing = false;

  function priceOf(engine: Engine): ModelPrice | undefined {
    if (engine.provider === 'local' || engine.provider === 'gguf') return { input: 0, output: 0 }; // no per-token bill
    const price = findPrice(pricing, engine.provider, engine.model);
    if (!price && !warnedUnpriced.has(engine.id)) {
      warnedUnpriced.add(engine.id);
      warn(`LLM model ${engine.id} has no price in the pricing table: its calls are recorded with cost null`);
    }
    return price;
  }

  /** Ledger and cache writes do not delay answers; `flush()` waits for them. */
  function background(write: Promise<void>, what: string): void {
    const p = write.catch((err: unknown) => warn(`${what} failed: ${(err as Error).message}`));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  function record(call: LlmCallRecord): void {
    background(ledger.record(call), 'cost ledger write');
  }

  function cacheKey(engine: Engine, ctx: CallContext): string | undefined {
    const r = ctx.request;
    const wanted = r.cache ?? ((r.temperature ?? 0) === 0);
    if (!cacheConfig.enabled || wanted === false || engine.provider === 'local') return undefined;
    const material = JSON.stringify([engine.id, r.messages, r.temperature ?? null, r.maxOutputTokens ?? null,
      ctx.schema ? jsonSchemaText(ctx.schema) : null,
      r.tools ? Object.entries(r.tools).map(([name, t]) => [name, t.description ?? null, jsonSchemaText(t.inputSchema)]) : null]);
    return createHash('sha256').update(material).digest('hex');
  }

  function ttlOf(r: LlmRequest): number {
    return typeof r.cache === 'object' ? r.cache.ttlSeconds : cacheConfig.ttlSeconds;
  }

  /** A cache outage never fails a call: it is counted, warned about once until the cache works again, and the call goes on uncached. */
  function cacheFault(op: 'get' | 'set', err: unknown): void {
    metrics.cacheErrors.inc({ op });
    if (!cacheFailing) warn(`response cache ${op} failed, calls go on uncached: ${(err as Error).message}`);
    cacheFailing = true;
  }

  /** A usable cached reply (for an object call: one that still parses), counted as a hit or a miss. */
  async function cachedReply(key: string | undefined, ctx: CallContext): Promise<(CachedReply & { object?: unknown }) | undefined> {
    if (!key) return undefined;
    let hit: CachedReply | undefined;
    try {
      hit = await cache.get(key) as CachedReply | undefined;
      cacheFailing = false;
    } catch (err) {
      cacheFault('get', err);
    }
    const parsed = hit && ctx.schema ? parseStructuredOutput(hit.text, ctx.schema) : undefined;
    const usable = hit !== undefined && (!parsed || parsed.ok);
    metrics.cache.inc({ result: usable ? 'hit' : 'miss' });
    return usable ? { ...hit!, object: parsed?.ok ? parsed.value : undefined } : undefined;
  }

  function cacheReply(key: string | undefined, reply: CachedReply, request: LlmRequest): void {
    if (!key) return;
    background(cache.set(key, reply, ttlOf(request)).then(() => { cacheFailing = false; }, (err: unknown) => cacheFault('set', err)), 'response cache write');
  }

  async function reserve(engine: Engine, ctx: CallContext, price: ModelPrice | undefined): Promise<Reservation | SkippedEngine> {
    if (rules.length === 0 || engine.provider === 'local') return { lines: [] };
    const inputTokens = estimateInputTokens(ctx.request.messages);
    const outputTokens = ctx.request.maxOutputTokens ?? defaultMaxOutput;
    const usd = priceCall(price, { inputTokens, cachedInputTokens: 0, outputTokens });
    const lines = budgetLines(rules, ctx.request, now(), { usd, tokens: inputTokens + outputTokens });
    if (lines.length === 0) return { lines };
    let outcome: Awaited<ReturnType<typeof budgets.reserve>>;
    try {
      outcome = await budgets.reserve(lines);
    } catch (err) {
      // Fail closed: without a working budget store no paid engine is used; cheaper/local ones still answer.
      warn(`budget reservation failed: ${(err as Error).message}`);
      return { engine: engine.id, reason: 'budget_exceeded', detail: `budget store unavailable: ${(err as Error).message}` };
    }
    if (outcome.ok) return { lines };
    const l = outcome.line;
    return {
      engine: engine.id, reason: 'budget_exceeded',
      detail: `${l.scope} ${l.period}: ${round(outcome.used)} of ${l.limit} ${l.unit} used, this call needs up to ${round(l.amount)}`,
    };
  }

  /** Replaces the reservation by the actual amounts (zero when nothing was billed). */
  async function reconcile(reservation: Reservation, actual: { usd: number | null; tokens: number }): Promise<void> {
    if (reservation.lines.length === 0) return;
    await budgets.adjust(reservation.lines.map((l) => ({
      scope: l.scope, period: l.period, unit: l.unit,
      delta: (l.unit === 'usd' ? actual.usd ?? l.amount : actual.tokens) - l.amount,
    }))).catch((err: unknown) => warn(`budget reconciliation failed: ${(err as Error).message}`));
  }

  function resolveUsage(engine: Engine, reported: EngineUsage | undefined, messages: ChatMessage[], text: string): TokenUsage {
    if (engine.provider === 'local') return { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, estimated: false };
    const hasInput = reported?.inputTokens !== undefined;
    const hasOutput = reported?.outputTokens !== undefined;
    return {
      inputTokens: hasInput ? reported!.inputTokens! : estimateInputTokens(messages),
      cachedInputTokens: reported?.cachedInputTokens ?? 0,
      outputTokens: hasOutput ? reported!.outputTokens! : estimateTextTokens(text),
      estimated: !hasInput || !hasOutput,
    };
  }

  function finishCall(engine: Engine, ctx: CallContext, outcome: LlmOutcome, fields: {
    usage: TokenUsage; costUsd: number | null; latencyMs: number; ttftMs?: number | null; errorCode?: LlmErrorCode; reasks?: number; cacheHit?: boolean;
  }): void {
    const labels = { provider: engine.provider, model: engine.model };
    metrics.calls.inc({ ...labels, feature: ctx.request.feature, outcome });
    if (fields.usage.inputTokens) metrics.tokens.inc({ ...labels, kind: 'input' }, fields.usage.inputTokens);
    if (fields.usage.cachedInputTokens) metrics.tokens.inc({ ...labels, kind: 'cached_input' }, fields.usage.cachedInputTokens);
    if (fields.usage.outputTokens) metrics.tokens.inc({ ...labels, kind: 'output' }, fields.usage.outputTokens);
    if (fields.costUsd !== null) {
      if (fields.costUsd > 0) metrics.costUsd.inc({ ...labels, feature: ctx.request.feature }, fields.costUsd);
    } else metrics.unpriced.inc(labels);
    metrics.latency.observe(labels, fields.latencyMs / 1000);
    if (fields.ttftMs != null) metrics.ttft.observe(labels, fields.ttftMs / 1000);
    if (fields.errorCode) metrics.errors.inc({ provider: engine.provider, code: fields.errorCode });
    const degradedReason = ctx.skipped.length ? ctx.skipped.map((s) => `${s.engine}: ${s.reason}`).join('; ') : null;
    record({
      feature: ctx.request.feature, tenant: ctx.request.tenant ?? null, memberId: ctx.request.memberId ?? null,
      provider: engine.provider, model: engine.model,
      inputTokens: fields.usage.inputTokens, cachedInputTokens: fields.usage.cachedInputTokens, outputTokens: fields.usage.outputTokens,
      tokensEstimated: fields.usage.estimated, costUsd: fields.costUsd, latencyMs: fields.latencyMs, ttftMs: fields.ttftMs ?? null,
      outcome: outcome === 'ok' && ctx.skipped.length ? 'degraded' : outcome, errorCode: fields.errorCode ?? null,
      cacheHit: fields.cacheHit ?? false, reasks: fields.reasks ?? 0, degradedReason,
    });
    ctx.span.setAttributes({
      'gen_ai.system': engine.provider, 'gen_ai.request.model': engine.model,
      'gen_ai.usage.input_tokens': fields.usage.inputTokens, 'gen_ai.usage.output_tokens': fields.usage.outputTokens,
      'fitwise.llm.outcome': outcome, 'fitwise.llm.cache_hit': fields.cacheHit ?? false,
      ...(fields.costUsd !== null ? { 'fitwise.llm.cost_usd': fields.costUsd } : {}),
      ...(degradedReason ? { 'fitwise.llm.degraded': degradedReason } : {}),
    });
  }

  function skip(ctx: CallContext, s: SkippedEngine): void {
    ctx.skipped.push(s);
    metrics.degraded.inc({ reason: s.reason });
  }

  /** The total-timeout signal of one call (also aborted by the caller's signal); `clear()` when the call ends. */
  function callDeadline(request: LlmRequest): { signal: AbortSignal; clear(): void } {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new LlmError('llm_timeout', `no complete answer within ${timeouts.totalMs} ms`)), timeouts.totalMs);
    timer.unref?.();
    const onAbort = () => controller.abort(request.abortSignal!.reason);
    if (request.abortSignal?.aborted) onAbort();
    else request.abortSignal?.addEventListener('abort', onAbort, { once: true });
    return {
      signal: controller.signal,
      clear: () => {
        clearTimeout(timer);
        request.abortSignal?.removeEventListener('abort', onAbort);
      },
    };
  }

  /** Runs `attempt` with retries on 429/5xx/timeouts/network errors: exponential backoff with jitter, never sooner than Retry-After. */
  async function withRetries<T>(engine: Engine, attempt: () => Promise<T>, signal: AbortSignal): Promise<T> {
    // First attempt outside p-retry: nearly every call succeeds at once, and p-retry's per-call set-up
    // is then pure overhead. A retryable failure continues in p-retry with the backoff it would have had.
    let first: unknown;
    try {
      return await attempt();
    } catch (err) {
      first = err;
    }
    const retryable = (error: unknown) => {
      const c = classifyError(error);
      return c.retryable && (c.retryAfterMs ?? 0) <= retry.maxRetryAfterMs;
    };
    const onFailure = async (error: unknown) => {
      const c = classifyError(error);
      metrics.retries.inc({ provider: engine.provider, reason: c.code });
      // The backoff added afterwards is the jitter on top of the server's Retry-After.
      if (c.retryAfterMs && c.retryAfterMs <= retry.maxRetryAfterMs) await sleep(c.retryAfterMs, signal);
    };
    if (retry.retries <= 0 || !retryable(first)) throw first;
    await onFailure(first);
    await sleep(Math.min(retry.maxDelayMs, Math.round((Math.random() + 1) * retry.minDelayMs)), signal);
    return pRetry(attempt, {
      retries: retry.retries - 1,
      minTimeout: retry.minDelayMs * 2,
      maxTimeout: retry.maxDelayMs,
      factor: 2,
      randomize: true,
      signal,
      shouldRetry: ({ error }) => retryable(error),
      onFailedAttempt: async ({ error, retriesLeft }) => {
        if (!retryable(error) || retriesLeft <= 0) return;
        await onFailure(error);
      },
    });
  }

  function engineCall(ctx: CallContext, engine: Engine, signal: AbortSignal, messages = withInstructions(engine, ctx)): EngineCall {
    return {
      messages, maxOutputTokens: ctx.request.maxOutputTokens, temperature: ctx.request.temperature, abortSignal: signal,
      json: ctx.schema ? { schema: ctx.schema, name: ctx.schemaName } : undefined, tools: ctx.request.tools, request: ctx.request,
    };
  }

  function withInstructions(engine: Engine, ctx: CallContext): ChatMessage[] {
    if (!ctx.schema || engine.supportsJsonSchema) return ctx.request.messages;
    return [...ctx.request.messages, {
      role: 'system',
      content: `Reply with only one JSON value that matches this JSON Schema; no prose, no code fences.\n${jsonSchemaText(ctx.schema)}`,
    }];
  }

  /** Checks whether the engine may be tried now; records why not. */
  function available(engine: Engine, ctx: CallContext): boolean {
    if (engine.provider === 'local' && !ctx.request.localComposer) {
      skip(ctx, { engine: engine.id, reason: 'no_local_composer', detail: 'no localComposer in the request' });
      return false;
    }
    if (breakers.get(engine.id)!.state === 'open') {
      skip(ctx, { engine: engine.id, reason: 'circuit_open', detail: `circuit open after repeated failures of ${engine.id}` });
      return false;
    }
    return true;
  }

  function failure(ctx: CallContext, last: LlmError | undefined): LlmError {
    const allBudget = ctx.skipped.length > 0 && ctx.skipped.every((s) => s.reason === 'budget_exceeded' || s.reason === 'no_local_composer')
      && ctx.skipped.some((s) => s.reason === 'budget_exceeded');
    const code: LlmErrorCode = allBudget ? 'llm_budget_exceeded' : last?.code ?? (ctx.skipped.some((s) => s.reason === 'circuit_open') ? 'llm_circuit_open' : 'llm_unavailable');
    const why = ctx.skipped.map((s) => `${s.engine}: ${s.reason} (${s.detail})`).join('; ');
    return new LlmError(code, `no engine could answer${why ? `: ${why}` : ''}`, { skipped: ctx.skipped, cause: last });
  }

  /**
   * Whether and how an engine of the chain takes this call: a cache hit (recorded here), a skip
   * (unavailable, over budget, circuit open; recorded in `ctx.skipped`), or go — with the budget
   * reserved and the circuit breaker's permit taken.
   */
  async function admit(engine: Engine, ctx: CallContext, streamed: boolean): Promise<
    | { hit: CachedReply & { object?: unknown }; usage: TokenUsage; latencyMs: number }
    | { price: ModelPrice | undefined; key: string | undefined; reservation: Reservation; breaker: CircuitBreaker }
    | undefined> {
    if (!available(engine, ctx)) return undefined;
    const price = priceOf(engine);
    const key = cacheKey(engine, ctx);
    const hit = await cachedReply(key, ctx);
    if (hit) {
      const usage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, estimated: false };
      const latencyMs = performance.now() - ctx.startedAt;
      finishCall(engine, ctx, 'cache_hit', { usage, costUsd: 0, latencyMs, ...(streamed ? { ttftMs: latencyMs } : {}), cacheHit: true });
      return { hit, usage, latencyMs };
    }
    const reservation = await reserve(engine, ctx, price);
    if ('reason' in reservation) {
      skip(ctx, reservation);
      return undefined;
    }
    const breaker = breakers.get(engine.id)!;
    if (!breaker.tryAcquire()) {
      await reconcile(reservation, { usd: 0, tokens: 0 });
      skip(ctx, { engine: engine.id, reason: 'circuit_open', detail: `circuit half-open, trial call in flight for ${engine.id}` });
      return undefined;
    }
    return { price, key, reservation, breaker };
  }

  /** Non-streamed call (text or object) through the chain. */
  async function runGenerate(ctx: CallContext): Promise<LlmResult & { object?: unknown; reasks: number }> {
    let last: LlmError | undefined;
    for (const engine of engines) {
      const admitted = await admit(engine, ctx, false);
      if (!admitted) continue;
      if ('hit' in admitted) {
        const { hit, usage, latencyMs } = admitted;
        return { ...baseResult(engine, ctx, hit.text, usage, 0, latencyMs, hit.finishReason, hit.toolCalls), cacheHit: true, object: hit.object, reasks: 0 };
      }
      const { price, key, reservation, breaker } = admitted;
      const deadline = callDeadline(ctx.request);
      const signal = deadline.signal;
      let reply: EngineReply | undefined;
      let usage: TokenUsage | undefined;
      let reasks = 0;
      try {
        reply = await withRetries(engine, () => engine.generate(engineCall(ctx, engine, signal)), signal);
        breaker.onSuccess();
        usage = resolveUsage(engine, reply.usage, ctx.request.messages, reply.text);
        let object: unknown;
        let usableText = reply.text;
        if (ctx.schema) {
          const parsed = await parseOrReask(engine, ctx, reply, signal);
          reasks = parsed.reasks;
          if (parsed.extraUsage) usage = addUsage(usage, parsed.extraUsage);
          if (!parsed.ok) throw new LlmError('llm_unparseable_output', `${engine.id} returned no usable ${ctx.schemaName ?? 'object'}: ${parsed.error}`);
          object = parsed.value;
          usableText = parsed.text;
        }
        const costUsd = priceCall(price, usage);
        await reconcile(reservation, { usd: costUsd, tokens: usage.inputTokens + usage.outputTokens });
        const latencyMs = performance.now() - ctx.startedAt;
        finishCall(engine, ctx, 'ok', { usage, costUsd, latencyMs, reasks });
        // After a re-ask the cache keeps the reply that parsed, so a hit never needs another re-ask.
        cacheReply(key, { text: usableText, finishReason: reply.finishReason, toolCalls: reply.toolCalls }, ctx.request);
        return { ...baseResult(engine, ctx, reply.text, usage, costUsd, latencyMs, reply.finishReason, reply.toolCalls), object, reasks };
      } catch (err) {
        const c = classifyError(err);
        const providerFault = c.code !== 'llm_unparseable_output' && !(err instanceof LlmError && err.code === 'llm_unavailable' && engine.provider === 'local');
        if (providerFault && !reply) breaker.onFailure();
        const spent = usage ?? { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, estimated: false };
        const costUsd = usage ? priceCall(price, spent) : 0;
        await reconcile(reservation, { usd: costUsd, tokens: spent.inputTokens + spent.outputTokens });
        finishCall(engine, ctx, 'error', { usage: spent, costUsd, latencyMs: performance.now() - ctx.startedAt, errorCode: c.code, reasks });
        last = err instanceof LlmError ? err : new LlmError(c.code, `${engine.id}: ${c.message}`, { cause: err });
        skip(ctx, { engine: engine.id, reason: reasonOf(c.code), detail: c.message });
      } finally {
        deadline.clear();
      }
    }
    throw failure(ctx, last);
  }

  /** Parses structured output; when nothing is recoverable, asks the same engine once more. */
  async function parseOrReask(engine: Engine, ctx: CallContext, reply: EngineReply, signal: AbortSignal) {
    const schema = ctx.schema!;
    const first = reply.value !== undefined ? parseValue(reply.value, schema) : parseStructuredOutput(reply.text, schema);
    for (const r of first.repairs) metrics.repairs.inc({ repair: r });
    if (first.ok || engine.provider === 'local') return { ...first, text: reply.text, reasks: 0, extraUsage: undefined };
    metrics.reasks.inc({ feature: ctx.request.feature });
    const messages: ChatMessage[] = [...withInstructions(engine, ctx),
      { role: 'assistant', content: reply.text.slice(0, 4000) },
      { role: 'user', content: `That reply could not be used (${first.error}). Reply again with only the JSON value that matches the schema.` }];
    const again = await withRetries(engine, () => engine.generate(engineCall(ctx, engine, signal, messages)), signal);
    const second = parseStructuredOutput(again.text, schema);
    for (const r of second.repairs) metrics.repairs.inc({ repair: r });
    return { ...second, text: again.text, reasks: 1, extraUsage: resolveUsage(engine, again.usage, messages, again.text) };
  }

  function baseResult(engine: Engine, ctx: CallContext, text: string, usage: TokenUsage, costUsd: number | null, latencyMs: number, finishReason: string, toolCalls: LlmResult['toolCalls']): LlmResult {
    return { text, engine: engine.provider, model: engine.model, usage, costUsd, cacheHit: false, latencyMs, finishReason, degraded: [...ctx.skipped], toolCalls };
  }

  /** Streamed call through the chain: falls back only while no text has been delivered. */
  async function runStream(ctx: CallContext, emit: (delta: string) => void): Promise<LlmStreamResult & { object?: unknown; reasks: number }> {
    let last: LlmError | undefined;
    for (const engine of engines) {
      const admitted = await admit(engine, ctx, true);
      if (!admitted) continue;
      if ('hit' in admitted) {
        const { hit, usage, latencyMs } = admitted;
        emit(hit.text);
        return {
          ...baseResult(engine, ctx, hit.text, usage, 0, latencyMs, hit.finishReason, hit.toolCalls), cacheHit: true, object: hit.object, reasks: 0,
          stats: { ttftMs: latencyMs, meanTimeBetweenTokensMs: null, tokensPerSecond: null },
        };
      }
      const { price, key, reservation, breaker } = admitted;
      const deadline = callDeadline(ctx.request);
      const signal = deadline.signal;
      let text = '';
      let started = false;
      let firstAt: number | null = null;
      let lastAt = 0;
      let gaps = 0;
      let deltas = 0;
      const onDelta = (t: string) => {
        const at = performance.now();
        if (firstAt === null) firstAt = at;
        else gaps += at - lastAt;
        lastAt = at;
        deltas++;
        text += t;
        emit(t);
      };
      let settling = false;
      try {
        // Retries cover the time before the first part only: once text is out, a failure is reported, never replayed.
        const { first, iterator } = await withRetries(engine, async () => {
          // One controller for this attempt, aborted by the call's deadline or the first-token timeout
          // (linked by hand: AbortSignal.any is slow on Node 20 and keeps its sources' listeners).
          const attemptAbort = new AbortController();
          let firstTokenTimedOut = false;
          const onDeadline = () => attemptAbort.abort(signal.reason);
          if (signal.aborted) onDeadline();
          else signal.addEventListener('abort', onDeadline, { once: true });
          const timer = setTimeout(() => {
            firstTokenTimedOut = true;
            attemptAbort.abort(new LlmError('llm_timeout', `no first token from ${engine.id} within ${timeouts.firstTokenMs} ms`));
          }, timeouts.firstTokenMs);
          const it = engine.stream(engineCall(ctx, engine, attemptAbort.signal))[Symbol.asyncIterator]();
          try {
            return { first: await it.next(), iterator: it };
          } catch (err) {
            throw firstTokenTimedOut ? attemptAbort.signal.reason : err;
          } finally {
            clearTimeout(timer);
          }
        }, signal);
        started = true;
        let finish: Extract<EngineStreamPart, { type: 'finish' }> | undefined;
        for (let step = first; !step.done; step = await iterator.next()) {
          const part = step.value;
          if (part.type === 'delta') onDelta(part.text);
          else finish = part;
        }
        breaker.onSuccess();
        const end = performance.now();
        const streamed = resolveUsage(engine, finish?.usage, ctx.request.messages, text);
        const finishReason = finish?.finishReason ?? 'stop';
        const ttftMs = firstAt === null ? null : firstAt - ctx.startedAt;
        let structured: Awaited<ReturnType<typeof settleObject>> | undefined;
        if (ctx.schema) {
          settling = true; // from here on a failure is the object's, recorded by settleObject, not a broken stream
          structured = await settleObject(engine, ctx, { text, finishReason, toolCalls: [] }, streamed, { price, reservation, ttftMs }, signal);
        }
        const usage = structured?.usage ?? streamed;
        const costUsd = priceCall(price, usage);
        await reconcile(reservation, { usd: costUsd, tokens: usage.inputTokens + usage.outputTokens });
        const latencyMs = performance.now() - ctx.startedAt;
        finishCall(engine, ctx, 'ok', { usage, costUsd, latencyMs, ttftMs, reasks: structured?.reasks });
        cacheReply(key, { text: structured?.text ?? text, finishReason, toolCalls: [] }, ctx.request);
        const generationMs = firstAt === null ? 0 : end - firstAt;
        return {
          ...baseResult(engine, ctx, text, usage, costUsd, latencyMs, finishReason, []), object: structured?.object, reasks: structured?.reasks ?? 0,
          stats: {
            ttftMs,
            meanTimeBetweenTokensMs: deltas > 1 ? gaps / (deltas - 1) : null,
            tokensPerSecond: generationMs > 0 ? streamed.outputTokens / (generationMs / 1000) : null,
          },
        };
      } catch (err) {
        if (settling) throw err;
        const c = classifyError(err);
        if (!(engine.provider === 'local' && c.code === 'llm_unavailable')) breaker.onFailure();
        const delivered = text.length > 0 || (started && deltas > 0);
        const spent = delivered ? resolveUsage(engine, undefined, ctx.request.messages, text) : { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, estimated: false };
        const costUsd = delivered ? priceCall(price, spent) : 0;
        await reconcile(reservation, { usd: costUsd, tokens: spent.inputTokens + spent.outputTokens });
        const latencyMs = performance.now() - ctx.startedAt;
        if (delivered) {
          finishCall(engine, ctx, 'stream_interrupted', { usage: spent, costUsd, latencyMs, ttftMs: firstAt === null ? null : firstAt - ctx.startedAt, errorCode: 'llm_stream_interrupted' });
          throw new LlmError('llm_stream_interrupted', `the stream from ${engine.id} broke after ${text.length} characters: ${c.message}`, { cause: err, partialText: text, skipped: ctx.skipped });
        }
        finishCall(engine, ctx, 'error', { usage: spent, costUsd, latencyMs, errorCode: c.code });
        last = err instanceof LlmError ? err : new LlmError(c.code, `${engine.id}: ${c.message}`, { cause: err });
        skip(ctx, { engine: engine.id, reason: reasonOf(c.code), detail: c.message });
      } finally {
        deadline.clear();
      }
    }
    throw failure(ctx, last);
  }

  /**
   * Parses a streamed object, re-asking once when nothing is recoverable. The re-ask's tokens count in the
   * call's usage; a call that still fails is recorded here, with every token it spent.
   */
  async function settleObject(engine: Engine, ctx: CallContext, reply: EngineReply, usage: TokenUsage,
    call: { price: ModelPrice | undefined; reservation: Reservation; ttftMs: number | null }, signal: AbortSignal) {
    let reasks = 0;
    try {
      const parsed = await parseOrReask(engine, ctx, reply, signal);
      reasks = parsed.reasks;
      if (parsed.extraUsage) usage = addUsage(usage, parsed.extraUsage);
      if (!parsed.ok) throw new LlmError('llm_unparseable_output', `${engine.id} returned no usable ${ctx.schemaName ?? 'object'}: ${parsed.error}`, { skipped: ctx.skipped });
      return { usage, object: parsed.value as unknown, reasks, text: parsed.text };
    } catch (err) {
      const c = classifyError(err);
      const costUsd = priceCall(call.price, usage);
      await reconcile(call.reservation, { usd: costUsd, tokens: usage.inputTokens + usage.outputTokens });
      finishCall(engine, ctx, 'error', { usage, costUsd, latencyMs: performance.now() - ctx.startedAt, ttftMs: call.ttftMs, errorCode: c.code, reasks });
      throw err instanceof LlmError ? err : new LlmError(c.code, `${engine.id}: ${c.message}`, { cause: err, skipped: ctx.skipped });
    }
  }

  function begin(request: LlmRequest, mode: CallContext['mode'], schema?: z.ZodType, schemaName?: string): CallContext {
    const span = tracer.startSpan(`llm.${mode}`, { attributes: { 'fitwise.feature': request.feature } });
    return { request, mode, schema, schemaName, startedAt: performance.now(), skipped: [], span };
  }

  function traced<T>(ctx: CallContext, promise: Promise<T>): Promise<T> {
    return promise.then(
      (v) => { ctx.span.end(); return v; },
      (err: unknown) => {
        ctx.span.recordException(err as Error);
        ctx.span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        ctx.span.end();
        throw err;
      },
    );
  }

  function streamOf<R>(ctx: CallContext, run: (emit: (item: unknown) => void) => Promise<R>): AsyncIterable<never> & { result: Promise<R> } {
    const queue = new AsyncQueue<unknown>();
    const result = traced(ctx, run((item) => queue.push(item)));
    result.then(() => queue.end(), (err: unknown) => queue.fail(err));
    result.catch(() => {}); // a caller that only iterates sees the error there
    return { result, [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator]() as AsyncIterator<never> };
  }

  return {
    generate(request) {
      const ctx = begin(request, 'generate');
      return traced(ctx, runGenerate(ctx)).then(({ object: _o, reasks: _r, ...result }) => result);
    },
    stream(request) {
      const ctx = begin(request, 'stream');
      return streamOf(ctx, (emit) => runStream(ctx, emit).then(({ object: _o, reasks: _r, ...result }) => result)) as unknown as LlmStream;
    },
    generateObject<S extends z.ZodType>(request: LlmObjectRequest<S>) {
      const ctx = begin(request, 'object', request.schema, request.schemaName);
      return traced(ctx, runGenerate(ctx)) as Promise<LlmObjectResult<z.output<S>>>;
    },
    streamObject<S extends z.ZodType>(request: LlmObjectRequest<S>) {
      const ctx = begin(request, 'object', request.schema, request.schemaName);
      return streamOf(ctx, async (emit) => {
        let text = '';
        let lastShown = '';
        let parsing = Promise.resolve();
        const streamed = await runStream(ctx, (delta) => {
          text += delta;
          const snapshot = text;
          // Partial JSON for early display; chained so partials come out in order.
          parsing = parsing.then(async () => {
            const partial = await parsePartialJson(stripFence(snapshot));
            if (partial.value === undefined || partial.state === 'failed-parse') return;
            const shown = JSON.stringify(partial.value);
            if (shown !== lastShown) {
              lastShown = shown;
              emit(partial.value);
            }
          });
        });
        await parsing;
        return streamed;
      }) as unknown as LlmObjectStream<z.output<S>>;
    },
    get engines() {
      return engines.map((e) => ({ id: e.id, provider: e.provider, model: e.model, circuit: breakers.get(e.id)!.state }));
    },
    async flush() {
      await Promise.all([...pending]);
    },
    async close() {
      await Promise.all([...pending]);
      await Promise.all(engines.map((e) => e.close?.()));
    },
  };
}

function buildEngine(config: EngineConfig, gateway: GatewayConfig): Engine {
  if (config.provider === 'local') return createLocalEngine();
  if (config.provider === 'gguf') return createGgufEngine(config);
  return createAiSdkEngine(config, { connectTimeoutMs: gateway.timeouts?.connectMs });
}

function parseValue(value: unknown, schema: z.ZodType) {
  return parseStructuredOutput(JSON.stringify(value), schema);
}

function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens, cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    outputTokens: a.outputTokens + b.outputTokens, estimated: a.estimated || b.estimated,
  };
}

function reasonOf(code: LlmErrorCode): SkippedEngine['reason'] {
  if (code === 'llm_unparseable_output') return 'unparseable_output';
  if (code === 'llm_timeout') return 'timeout';
  if (code === 'llm_circuit_open') return 'circuit_open';
  if (code === 'llm_unavailable') return 'no_local_composer';
  return 'provider_error';
}

const schemaTexts = new WeakMap<z.ZodType, string>();
function jsonSchemaText(schema: z.ZodType): string {
  let text = schemaTexts.get(schema);
  if (text === undefined) {
    text = JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
    schemaTexts.set(schema, text);
  }
  return text;
}

function stripFence(text: string): string {
  const start = text.search(/[[{]/);
  return start > 0 ? text.slice(start) : text;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
  });
}

/** A minimal push-to-pull queue: the producer runs eagerly, the consumer iterates at its own pace. */
class AsyncQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private done = false;
  private error: unknown;
  private failed = false;
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  end(): void {
    this.done = true;
    this.wake?.();
  }

  fail(err: unknown): void {
    this.failed = true;
    this.error = err;
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (true) {
      if (this.items.length > 0) {
        yield this.items.shift()!;
        continue;
      }
      if (this.done) {
        if (this.failed) throw this.error;
        return;
      }
      await new Promise<void>((resolve) => { this.wake = resolve; });
      this.wake = undefined;
    }
  }
}
