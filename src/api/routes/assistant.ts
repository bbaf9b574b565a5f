import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FitwiseError, NotFoundError, parseOrThrow } from '../../domain/index.ts';
import type { AppContext } from '../../app/index.ts';
import { createGateway, loadGatewayConfig, type Gateway } from '../../llm/index.ts';
import { conversationOwner, createAssistant, loadRouter, MAX_MESSAGE_CHARS, type Assistant, type AssistantEvent } from '../../assistant/index.ts';
import type { Caller } from '../../skills/index.ts';

export interface AssistantRouteDependencies {
  assistant?: Assistant;
  gateway?: Gateway;
  /** Who is calling; the default reads the placeholder headers (see `identityOf`). */
  identityOf?: (req: FastifyRequest) => Caller;
}

const MessageBody = z.object({
  text: z.string().min(1).max(MAX_MESSAGE_CHARS),
  conversationId: z.string().min(1).max(200).optional(),
  jobId: z.string().min(1).max(300).optional(),
  memberId: z.string().min(1).max(300).optional(),
});
const IdParam = z.object({ id: z.string().min(1).max(200) });

/**
 * The caller's identity. Placeholder until token auth: `x-role` (member | recruiter | admin) with
 * `x-member-id` or `x-company-id`. Everything identity-related goes through this one function.
 */
export function identityOf(req: FastifyRequest): Caller {
  const h = req.headers;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  const memberId = one(h['x-member-id']);
  const companyId = one(h['x-company-id']);
  const role = one(h['x-role']) ?? (memberId ? 'member' : companyId ? 'recruiter' : undefined);
  if (role === 'member' && memberId) return { role, memberId };
  if (role === 'recruiter' && companyId) return { role, companyId };
  if (role === 'admin') return { role, ...(memberId ? { memberId } : {}), ...(companyId ? { companyId } : {}) };
  throw new FitwiseError('unauthenticated', 'identify the caller: x-role member + x-member-id, or recruiter + x-company-id', { status: 401 });
}

function wantsStream(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream');
}

/** `POST /v1/assistant/messages` (JSON, or SSE with `accept: text/event-stream`) and the conversation history. */
export async function assistantRoutes(app: FastifyInstance, ctx: AppContext, deps: AssistantRouteDependencies = {}): Promise<void> {
  const who = deps.identityOf ?? identityOf;
  let assistant = deps.assistant;
  if (!assistant) {
    const owned = !deps.gateway;
    const gateway = deps.gateway ?? createGateway(loadGatewayConfig());
    if (owned) app.addHook('onClose', async () => { await gateway.close(); });
    assistant = createAssistant({ app: ctx, gateway, router: await loadRouter() });
  }
  const ready = assistant;

  app.post('/v1/assistant/messages', async (req: FastifyRequest, reply: FastifyReply) => {
    const caller = who(req);
    const body = parseOrThrow(MessageBody, req.body, 'message');
    const request = { caller, ...body };
    if (!wantsStream(req)) return ready.ask(request);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const send = (event: string, data: unknown) => { if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`); };
    try {
      await ready.ask({ ...request, abortSignal: abort.signal }, (e: AssistantEvent) => {
        const { type, ...data } = e;
        send(type, type === 'final' ? (e as { answer: unknown }).answer : type === 'guardrail' ? (e as { event: unknown }).event : data);
      });
    } catch (err) {
      const code = err instanceof FitwiseError ? err.code : 'internal_error';
      send('error', { code, message: err instanceof FitwiseError ? err.message : 'internal error' });
    } finally {
      res.end();
    }
  });

  app.get('/v1/assistant/conversations', async (req) => {
    const owner = conversationOwner(who(req));
    const list = await ctx.repos.conversations.forMember(owner, 50);
    return { items: list.map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, messages: c.messages.length })) };
  });

  app.get('/v1/assistant/conversations/:id', async (req) => {
    const owner = conversationOwner(who(req));
    const { id } = parseOrThrow(IdParam, req.params, 'path');
    const c = await ctx.repos.conversations.get(id);
    // Someone else's conversation is reported as absent, so ids cannot be probed.
    if (!c) throw new NotFoundError('conversation', id);
    if (c.memberId !== owner) throw new FitwiseError('forbidden', 'this conversation belongs to someone else', { status: 403 });
    return c;
  });
}
