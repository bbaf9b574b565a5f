import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible chat-completions server (real HTTP on 127.0.0.1) with a scripting API, so
 * tests and benchmarks exercise the real network path, the real SDK parsing and scripted faults.
 *
 *   const server = await startOpenAITestServer();
 *   server.enqueue({ content: 'hi' }, faults.rateLimited(1));   // one reply per request, FIFO
 *   server.setDefault((request) => ({ content: 'echo' }));        // used when the queue is empty
 *   ... createGateway({ engines: [{ provider: 'openai-compatible', baseURL: server.baseURL, model: 'test' }] })
 *   server.requests   // every request received (parsed body, headers)
 *   await server.close();
 *
 * `POST /v1/chat/completions` answers as JSON, or as SSE when the body has `stream: true` (one chunk per
 * entry of `chunks`, then a final usage chunk when `stream_options.include_usage` is set, then `[DONE]`).
 * `GET /v1/models` lists the model names seen so far (used by `fitwise llm ping`).
 */
export interface ScriptedReply {
  /** Assistant text (default `"Hello from the test server."`). */
  content?: string;
  /** Streaming: the content split into these deltas (default: split into words, keeping spaces). */
  chunks?: string[];
  /** Tool calls returned instead of / besides content. */
  toolCalls?: { id?: string; name: string; arguments: string | Record<string, unknown> }[];
  /** Reported usage; `null` omits usage entirely (the gateway must then estimate). */
  usage?: { promptTokens: number; completionTokens: number; cachedTokens?: number } | null;
  finishReason?: string;
  /** HTTP error status instead of a completion (e.g. 429, 500, 503, 400). */
  status?: number;
  /** `Retry-After` header in seconds (with `status`). */
  retryAfterSeconds?: number;
  /** Delay before the response headers are sent. */
  headerDelayMs?: number;
  /** Streaming: delay before the first content chunk (headers already sent). */
  firstTokenDelayMs?: number;
  /** Streaming: delay between chunks. */
  chunkDelayMs?: number;
  /** Streaming: destroy the connection after this many content chunks. */
  dropAfterChunks?: number;
  /** Streaming: send a malformed `data:` line after this many content chunks. */
  malformedChunkAfter?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: ChatCompletionBody | undefined;
}

export interface ChatCompletionBody {
  model: string;
  messages: { role: string; content: unknown }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: unknown;
  tools?: unknown[];
  [key: string]: unknown;
}

export type ReplyScript = ScriptedReply | ((request: ChatCompletionBody) => ScriptedReply);

export interface OpenAITestServer {
  /** `http://127.0.0.1:PORT/v1`: the `baseURL` for OpenAI-compatible clients. */
  baseURL: string;
  /** `http://127.0.0.1:PORT/v1/chat/completions`, for direct HTTP baselines. */
  chatCompletionsURL: string;
  port: number;
  /** Every request received, oldest first (benchmarks may `requests.length = 0` to reset). */
  requests: RecordedRequest[];
  /** Queues replies; each request consumes one, FIFO. */
  enqueue(...replies: ReplyScript[]): void;
  /** The reply used when the queue is empty. */
  setDefault(reply: ReplyScript): void;
  /** Replies still queued. */
  pending(): number;
  /** Stop recording requests (benchmarks). */
  recordRequests: boolean;
  close(): Promise<void>;
}

/** Ready-made faults, one per scripted failure the gateway must handle. */
export const faults = {
  rateLimited: (retryAfterSeconds = 1): ScriptedReply => ({ status: 429, retryAfterSeconds }),
  serverError: (status: 500 | 502 | 503 = 500, retryAfterSeconds?: number): ScriptedReply => ({ status, retryAfterSeconds }),
  badRequest: (): ScriptedReply => ({ status: 400 }),
  slowFirstToken: (delayMs: number, content?: string): ScriptedReply => ({ firstTokenDelayMs: delayMs, headerDelayMs: 0, content }),
  slowHeaders: (delayMs: number): ScriptedReply => ({ headerDelayMs: delayMs }),
  dropMidStream: (afterChunks = 2, content = 'one two three four five six'): ScriptedReply => ({ content, dropAfterChunks: afterChunks }),
  malformedChunk: (afterChunks = 1, content = 'one two three four'): ScriptedReply => ({ content, malformedChunkAfter: afterChunks }),
  /** Structured output that is not valid JSON (fences, prose, trailing commas…) or is cut short. */
  invalidJson: (text = '```json\n{"answer": "yes",}\n```'): ScriptedReply => ({ content: text }),
  truncatedJson: (json: unknown, keepFraction = 0.6): ScriptedReply => {
    const text = JSON.stringify(json);
    return { content: text.slice(0, Math.max(1, Math.floor(text.length * keepFraction))), finishReason: 'length' };
  },
};

const DEFAULT_CONTENT = 'Hello from the test server.';

export async function startOpenAITestServer(options: { default?: ReplyScript } = {}): Promise<OpenAITestServer> {
  const queue: ReplyScript[] = [];
  let fallback: ReplyScript = options.default ?? {};
  const models = new Set<string>(['test-model']);
  const sockets = new Set<import('node:net').Socket>();

  const state = {
    requests: [] as RecordedRequest[],
    recordRequests: true,
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (s) => {
    s.setNoDelay(true);
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    let body: ChatCompletionBody | undefined;
    if (raw) {
      try {
        body = JSON.parse(raw) as ChatCompletionBody;
      } catch {
        return sendJson(res, 400, { error: { message: 'request body is not JSON', type: 'invalid_request_error' } });
      }
    }
    if (state.recordRequests) state.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    if (req.method === 'GET' && path.endsWith('/models')) {
      return sendJson(res, 200, { object: 'list', data: [...models].map((id) => ({ id, object: 'model', owned_by: 'test' })) });
    }
    if (req.method !== 'POST' || !path.endsWith('/chat/completions') || !body) {
      return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'not_found' } });
    }
    models.add(body.model);
    const script = queue.length > 0 ? queue.shift()! : fallback;
    const reply = typeof script === 'function' ? script(body) : script;
    if (reply.headerDelayMs) await sleep(reply.headerDelayMs);
    if (reply.status && reply.status >= 400) {
      const headers: Record<string, string> = {};
      if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
      return sendJson(res, reply.status, { error: { message: `scripted ${reply.status}`, type: 'scripted_fault', code: String(reply.status) } }, headers);
    }
    if (body.stream) return streamReply(res, body, reply);
    return sendJson(res, 200, completionJson(body, reply));
  }

  async function streamReply(res: ServerResponse, body: ChatCompletionBody, reply: ScriptedReply): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    const id = `chatcmpl-${Math.random().toString(36).slice(2, 10)}`;
    const created = Math.floor(Date.now() / 1000);
    const base = { id, object: 'chat.completion.chunk', created, model: body.model };
    const send = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
    send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    if (reply.firstTokenDelayMs) await sleep(reply.firstTokenDelayMs);
    const chunks = reply.chunks ?? splitWords(reply.content ?? (reply.toolCalls ? '' : DEFAULT_CONTENT));
    for (let i = 0; i < chunks.length; i++) {
      if (reply.dropAfterChunks !== undefined && i === reply.dropAfterChunks) {
        // Let the chunks already written reach the client, then cut the connection without ending the response.
        await sleep(30);
        res.socket?.destroy();
        return;
      }
      if (reply.malformedChunkAfter !== undefined && i === reply.malformedChunkAfter) {
        res.write('data: {"id": "broken", "choices": [{"delta": {"content": "unterminated\n\n');
      }
      if (i > 0 && reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      send({ ...base, choices: [{ index: 0, delta: { content: chunks[i] }, finish_reason: null }] });
    }
    if (reply.toolCalls) {
      reply.toolCalls.forEach((call, index) => {
        send({
          ...base,
          choices: [{
            index: 0,
            delta: { tool_calls: [{ index, id: call.id ?? `call_${index}`, type: 'function', function: { name: call.name, arguments: argumentsText(call.arguments) } }] },
            finish_reason: null,
          }],
        });
      });
    }
    send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: reply.finishReason ?? (reply.toolCalls ? 'tool_calls' : 'stop') }] });
    if (body.stream_options?.include_usage && reply.usage !== null) {
      send({ ...base, choices: [], usage: usageJson(body, reply) });
    }
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseURL = `http://127.0.0.1:${port}/v1`;

  return {
    baseURL,
    chatCompletionsURL: `${baseURL}/chat/completions`,
    port,
    get requests() { return state.requests; },
    set requests(v) { state.requests = v; },
    get recordRequests() { return state.recordRequests; },
    set recordRequests(v) { state.recordRequests = v; },
    enqueue: (...replies) => { queue.push(...replies); },
    setDefault: (reply) => { fallback = reply; },
    pending: () => queue.length,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

function completionJson(body: ChatCompletionBody, reply: ScriptedReply): unknown {
  const content = reply.content ?? (reply.toolCalls ? null : DEFAULT_CONTENT);
  const message: Record<string, unknown> = { role: 'assistant', content };
  if (reply.toolCalls) {
    message.tool_calls = reply.toolCalls.map((call, i) => ({
      id: call.id ?? `call_${i}`, type: 'function', function: { name: call.name, arguments: argumentsText(call.arguments) },
    }));
  }
  const out: Record<string, unknown> = {
    id: `chatcmpl-${Math.random().toString(36).slice(2, 10)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message, finish_reason: reply.finishReason ?? (reply.toolCalls ? 'tool_calls' : 'stop') }],
  };
  if (reply.usage !== null) out.usage = usageJson(body, reply);
  return out;
}

function usageJson(body: ChatCompletionBody, reply: ScriptedReply): unknown {
  // Without a scripted usage, a rough count (4 characters per token) keeps the numbers plausible.
  const promptTokens = reply.usage?.promptTokens ?? Math.ceil(JSON.stringify(body.messages).length / 4);
  const completionTokens = reply.usage?.completionTokens ?? Math.ceil((reply.content ?? DEFAULT_CONTENT).length / 4);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: reply.usage?.cachedTokens ?? 0 },
  };
}

function argumentsText(args: string | Record<string, unknown>): string {
  return typeof args === 'string' ? args : JSON.stringify(args);
}

function splitWords(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
