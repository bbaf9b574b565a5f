import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { FitwiseError } from '../domain/index.ts';
import type { AppContext } from '../app/index.ts';
import { describeSkill, jsonSchemaOf, type SkillRegistry } from './registry.ts';
import type { Caller, SkillEnvironment } from './types.ts';

export const MCP_SERVER_INFO = { name: 'fitwise', version: '0.1.0' } as const;

/**
 * The skills registry as an MCP server for one caller: `tools/list` shows the skills the caller's role
 * may call; `tools/call` runs them scoped to the caller, errors come back as `isError` results.
 */
export function createMcpServer(registry: SkillRegistry, app: AppContext | Promise<AppContext>, caller: Caller, env: SkillEnvironment = {}): Server {
  const server = new Server(MCP_SERVER_INFO, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: registry.forRole(caller.role).map((s) => ({
      name: s.name,
      description: describeSkill(s),
      inputSchema: jsonSchemaOf(s.input) as { type: 'object'; properties?: Record<string, unknown> },
      annotations: { readOnlyHint: true, openWorldHint: s.name === 'web_search' },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    try {
      const out = await registry.call(req.params.name, req.params.arguments ?? {}, { app: await app, caller, env });
      return { content: [{ type: 'text', text: JSON.stringify(out.result) }], structuredContent: out.result as Record<string, unknown> };
    } catch (err) {
      const code = err instanceof FitwiseError ? err.code : 'skill_failed';
      return { isError: true, content: [{ type: 'text', text: `${code}: ${(err as Error).message}` }] };
    }
  });
  return server;
}

/**
 * `fitwise mcp`: serves the registry over stdio until stdin closes. The app context may still be
 * starting: the handshake is answered at once and tool calls wait for the database.
 */
export async function serveMcpStdio(registry: SkillRegistry, app: AppContext | Promise<AppContext>, caller: Caller, env: SkillEnvironment = {}): Promise<void> {
  const server = createMcpServer(registry, app, caller, env);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => { transport.onclose = () => resolve(); });
  await server.connect(transport);
  await Promise.race([closed, new Promise<void>((resolve) => process.stdin.once('end', resolve))]);
  await server.close();
}
