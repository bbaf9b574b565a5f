import type { Command } from 'commander';
import { createAppContext } from '../../app/index.ts';
import { serveMcpStdio, SkillRegistry, skillEnvironment, type Caller } from '../../skills/index.ts';
import { CliError, type GlobalOptions } from '../context.ts';

interface McpOptions { member?: string; company?: string; admin?: boolean }

/** The caller a stdio MCP session acts as: the flags, else FITWISE_MCP_MEMBER / FITWISE_MCP_COMPANY. */
export function stdioCaller(opts: McpOptions, env: NodeJS.ProcessEnv = process.env): Caller {
  const member = opts.member ?? env.FITWISE_MCP_MEMBER;
  const company = opts.company ?? env.FITWISE_MCP_COMPANY;
  if (opts.admin) return { role: 'admin' };
  if (member) return { role: 'member', memberId: member };
  if (company) return { role: 'recruiter', companyId: company };
  throw new CliError('say who the MCP client acts for: --member ID, --company ID or --admin (or FITWISE_MCP_MEMBER / FITWISE_MCP_COMPANY)', 2);
}

export function register(program: Command): void {
  program
    .command('mcp')
    .description('serve the skills registry as MCP tools over stdio (for Claude Desktop, IDEs and agents)')
    .option('--member <id>', 'act as this member')
    .option('--company <id>', 'act as a recruiter of this company')
    .option('--admin', 'act as an administrator (all skills)')
    .action(async (opts: McpOptions, cmd: Command) => {
      const caller = stdioCaller(opts);
      const ready = createAppContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        await serveMcpStdio(new SkillRegistry(), ready, caller, skillEnvironment());
      } finally {
        await (await ready).close();
      }
    });
}
