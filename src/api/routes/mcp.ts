import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AppContext } from '../../app/index.ts';
import { createMcpServer, SkillRegistry, skillEnvironment, type Caller, type SkillEnvironment } from '../../skills/index.ts';

/** Bearer token → caller, or null when the token is not valid. Plug in the platform's own token check. */
export type McpAuthenticator = (token: string) => Caller | null | Promise<Caller | null>;

export interface McpRouteDependencies {
  authenticate?: McpAuthenticator;
  registry?: SkillRegistry;
  env?: SkillEnvironment;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A static token table, e.g. `FITWISE_MCP_TOKENS="tok1=member:m-0000001,tok2=recruiter:c-0002,tok3=admin"`.
 * For development and single-tenant installs; production plugs in its own authenticator.
 */
export function tokenTableAuthenticator(table = process.env.FITWISE_MCP_TOKENS ?? ''): McpAuthenticator {
  const entries = table.split(',').map((s) => s.trim()).filter(Boolean).flatMap((entry) => {
    const [token, who] = entry.split('=');
    const [role, id] = (who ?? '').split(':');
    if (!token || !role) return [];
    if (role === 'member' && id) return [{ token, caller: { role, memberId: id } as Caller }];
    if (role === 'recruiter' && id) return [{ token, caller: { role, companyId: id } as Caller }];
    if (role === 'admin') return [{ token, caller: { role } as Caller }];
    return [];
  });
  return (token) => entries.find((e) => same(e.token, token))?.caller ?? null;
}

/** Streamable HTTP MCP at `/mcp` (stateless: one server per request), authenticated by a bearer token. */
export async function mcpRoutes(app: FastifyInstance, ctx: AppContext, deps: McpRouteDependencies = {}): Promise<void> {
  const authenticate = deps.authenticate ?? tokenTableAuthenticator();
  const registry = deps.registry ?? new SkillRegistry();
  const env = deps.env ?? skillEnvironment();

  app.post('/mcp', async (req, reply) => {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    const caller = token ? await authenticate(token) : null;
    if (!caller) {
      return reply.status(401).header('www-authenticate', 'Bearer realm="fitwise-mcp"')
        .send({ jsonrpc: '2.0', error: { code: -32001, message: 'unauthorized: send a valid bearer token' }, id: null });
    }
    const server = createMcpServer(registry, ctx, caller, env);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    reply.hijack();
    reply.raw.on('close', () => { void transport.close(); void server.close(); });
    await server.connect(transport);
    await transport.handleRequest(req.raw, reply.raw, req.body);
  });
  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method, url: '/mcp',
      handler: async (_req, reply) => reply.status(405).header('allow', 'POST')
        .send({ jsonrpc: '2.0', error: { code: -32000, message: 'method not allowed: this MCP endpoint is stateless, use POST' }, id: null }),
    });
  }
}
