import type { Command } from 'commander';
import { createAppContext } from '../../app/index.ts';
import { DEFAULT_SIZES, seedDatabase } from '../../seed/index.ts';
import { CliError, printJson, type GlobalOptions } from '../context.ts';
import { progressReporter } from '../progress.ts';

export function count(name: string, max = 10_000_000) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > max) throw new CliError(`--${name} must be a whole number from 0 to ${max}, got ${JSON.stringify(value)}`, 2);
    return n;
  };
}

export function register(program: Command): void {
  program
    .command('seed')
    .description('generate a deterministic, realistic demo dataset into the database')
    .option('--members <n>', 'members to generate', count('members'), DEFAULT_SIZES.members)
    .option('--jobs <n>', 'jobs to generate', count('jobs'), DEFAULT_SIZES.jobs)
    .option('--companies <n>', 'companies to generate', count('companies', 100_000), DEFAULT_SIZES.companies)
    .option('--courses <n>', 'courses to generate', count('courses', 100_000), DEFAULT_SIZES.courses)
    .option('--seed <s>', 'random seed (same seed, same data)', count('seed', 2 ** 31), DEFAULT_SIZES.seed)
    .option('--json', 'print the result as JSON')
    .action(async (opts: { members: number; jobs: number; companies: number; courses: number; seed: number; json?: boolean }, cmd: Command) => {
      if (opts.jobs > 0 && opts.companies === 0) throw new CliError('--companies must be at least 1 when generating jobs', 2);
      const ctx = await createAppContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        if (ctx.taxonomy.occupations().length === 0) throw new CliError('the taxonomy has no occupations; run `fitwise taxonomy import FILE` first');
        const progress = progressReporter('seeding');
        const result = await seedDatabase(ctx.repos, ctx.taxonomy, { ...opts }, progress.update);
        progress.stop();
        if (opts.json) printJson(result);
        else process.stdout.write(`seeded ${result.members} members, ${result.jobs} jobs, ${result.companies} companies, ${result.courses} courses, ${result.applications} applications in ${result.seconds}s (${result.membersPerSecond} members/s)\n`);
      } finally {
        await ctx.close();
      }
    });
}
