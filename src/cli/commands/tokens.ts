import type { Command } from 'commander';
import { createRepositories } from '../../store/index.ts';
import { CliError, printJson, withDatabase, type GlobalOptions } from '../context.ts';

export function register(program: Command): void {
  const tokens = program.command('tokens').description('API tokens for members, recruiters and operators');
  tokens
    .command('create')
    .description('create an API token (printed once; only its hash is stored)')
    .requiredOption('--role <role>', 'member, recruiter or admin')
    .option('--member <id>', 'the member a member token acts for')
    .option('--company <id>', 'the company a recruiter token is bound to')
    .option('--name <name>', 'a label for the token', 'cli')
    .option('--json', 'print JSON')
    .action(async (opts: { role: string; member?: string; company?: string; name: string; json?: boolean }, cmd: Command) => {
      if (!['member', 'recruiter', 'admin'].includes(opts.role)) throw new CliError('--role must be member, recruiter or admin', 2);
      if (opts.role === 'member' && !opts.member) throw new CliError('a member token needs --member ID', 2);
      if (opts.role === 'recruiter' && !opts.company) throw new CliError('a recruiter token needs --company ID', 2);
      await withDatabase(cmd.optsWithGlobals<GlobalOptions>(), async (handle) => {
        const repos = createRepositories(handle.db);
        if (opts.member) await repos.members.require(opts.member);
        if (opts.company) await repos.companies.require(opts.company);
        const identity = { role: opts.role as 'member' | 'recruiter' | 'admin', name: opts.name, ...(opts.member ? { memberId: opts.member } : {}), ...(opts.company ? { companyId: opts.company } : {}) };
        const token = await repos.tokens.create(identity);
        if (opts.json) printJson({ token, identity });
        else process.stdout.write(`${token}\n`);
      });
    });
}
