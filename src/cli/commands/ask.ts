import type { Command } from 'commander';
import { createAppContext, gatewayOf } from '../../app/index.ts';
import { createAssistant, loadRouter, type AssistantAnswer } from '../../assistant/index.ts';
import type { Caller } from '../../skills/index.ts';
import { CliError, printJson, type GlobalOptions } from '../context.ts';

interface AskOptions { member?: string; company?: string; job?: string; conversation?: string; json?: boolean }

/** The fields `fitwise ask --json` prints (the CLI contract), plus the conversation id to continue it. */
export function answerObject(a: AssistantAnswer) {
  return { intent: a.intent, answer: a.answer, engine: a.engine, citations: a.citations, tokens: a.tokens, costUsd: a.costUsd, conversationId: a.conversationId };
}

export function register(program: Command): void {
  program
    .command('ask')
    .description('ask the assistant a question as a member (or a recruiter with --company); streams the answer, --json prints the answer object')
    .argument('<question>', 'the question, in quotes')
    .option('--member <id>', 'ask as this member')
    .option('--company <id>', 'ask as a recruiter of this company')
    .option('--job <id>', 'the job the question is about')
    .option('--conversation <id>', 'continue this conversation')
    .option('--json', 'print the final answer object as JSON')
    .action(async (question: string, opts: AskOptions, cmd: Command) => {
      if (!opts.member && !opts.company) throw new CliError('give --member ID (or --company ID for a recruiter)', 2);
      if (!question.trim()) throw new CliError('the question is empty', 2);
      const ctx = await createAppContext(cmd.optsWithGlobals<GlobalOptions>());
      const gateway = gatewayOf(ctx); // ledger, budgets and cache in the database
      try {
        const caller: Caller = opts.member ? { role: 'member', memberId: opts.member } : { role: 'recruiter', companyId: opts.company! };
        if (opts.member && !(await ctx.repos.members.get(opts.member))) throw new CliError(`member ${JSON.stringify(opts.member)} was not found`);
        if (opts.company && !(await ctx.repos.companies.get(opts.company))) throw new CliError(`company ${JSON.stringify(opts.company)} was not found`);
        const assistant = createAssistant({ app: ctx, gateway, router: await loadRouter() });
        const answer = await assistant.ask({ caller, text: question, ...(opts.job ? { jobId: opts.job } : {}), ...(opts.conversation ? { conversationId: opts.conversation } : {}) },
          opts.json ? undefined : (e) => { if (e.type === 'token') process.stdout.write(e.text); });
        if (opts.json) printJson(answerObject(answer));
        else process.stdout.write('\n');
      } finally {
        await gateway.close();
        await ctx.close();
      }
    });
}
