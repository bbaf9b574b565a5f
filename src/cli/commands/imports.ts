import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createAppContext, importJobPosting, importResume, parsed } from '../../app/index.ts';
import { jobFromJobPosting, memberFromJsonResume } from '../../domain/index.ts';
import { CliError, printJson, type GlobalOptions } from '../context.ts';

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await new Response(process.stdin as unknown as ReadableStream).text() : await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
}

export function register(program: Command): void {
  const imp = program.command('import').description('import records in the formats users already have');
  imp
    .command('resume <file>')
    .description('import a JSON Resume (jsonresume.org) as a member; prints its id')
    .option('--id <id>', 'member id to use (default: meta.id, else derived from the e-mail or content)')
    .option('--json', 'print {"id": ...} as JSON')
    .action(async (file: string, opts: { id?: string; json?: boolean }, cmd: Command) => {
      // Validate before opening the database: a bad file fails fast and touches nothing.
      const member0 = memberFromJsonResume(await readJsonFile(file), opts.id ? { id: opts.id } : {});
      const ctx = await createAppContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const member = await importResume(ctx, parsed(member0));
        if (opts.json) printJson({ id: member.id });
        else process.stdout.write(`imported member ${member.id}\n`);
      } finally {
        await ctx.close();
      }
    });
  imp
    .command('job <file>')
    .description('import a schema.org JobPosting (JSON-LD) as a job; prints its id')
    .option('--id <id>', 'job id to use (default: identifier.value, else derived from the content)')
    .option('--json', 'print {"id": ...} as JSON')
    .action(async (file: string, opts: { id?: string; json?: boolean }, cmd: Command) => {
      const posting = jobFromJobPosting(await readJsonFile(file), opts.id ? { id: opts.id } : {});
      const ctx = await createAppContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const { job } = await importJobPosting(ctx, parsed(posting));
        if (opts.json) printJson({ id: job.id });
        else process.stdout.write(`imported job ${job.id}\n`);
      } finally {
        await ctx.close();
      }
    });
}
