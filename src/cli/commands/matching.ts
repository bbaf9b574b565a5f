import type { Command } from 'commander';
import { FitLevel } from '../../domain/index.ts';
import { createAppContext, matchServiceOf, type AppContext } from '../../app/index.ts';
import type { FitAssessment } from '../../matching/index.ts';

type RankOpts = { topK: number; offset: number; minLevel?: FitLevel };
import { CliError, printJson, type GlobalOptions } from '../context.ts';
import { count } from './seed.ts';

function level(value: string): FitLevel {
  const parsed = FitLevel.safeParse(value);
  if (!parsed.success) throw new CliError(`--min-level must be one of ${FitLevel.options.join(', ')}`, 2);
  return parsed.data;
}

function pct(score: number): string {
  return `${Math.round(score * 100)}%`;
}

export function register(program: Command): void {
  program
    .command('assess')
    .description('assess how a member fits a job: level, score, each qualification with evidence, and next steps')
    .requiredOption('--member <id>', 'member id')
    .requiredOption('--job <id>', 'job id')
    .option('--json', 'print the fit-tier object as JSON')
    .action(async (opts: { member: string; job: string; json?: boolean }, cmd: Command) => {
      const ctx = await createAppContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const a = await matchServiceOf(ctx).assess(opts.member, opts.job);
        if (opts.json) return printJson(a);
        const lines = [`${a.level} fit (${pct(a.score)}): ${a.facts.summary}`];
        for (const q of a.qualifications) {
          const mark = q.status === 'met' ? '✓' : q.status === 'partial' ? '~' : '✗';
          const ev = q.evidence[0] ? ` — ${q.evidence[0].field}: "${q.evidence[0].quote}"` : '';
          lines.push(`  ${mark} [${q.kind}] ${q.requirement}${q.via ? ` (via ${q.via.label})` : ''}${ev}`);
          for (const s of q.nextSteps ?? []) {
            const text = s.kind === 'course' ? `course: ${s.title} (${s.provider}, ${s.durationHours} h)` : s.kind === 'adjacent_skill' ? `build on ${s.label}` : s.kind === 'surface_evidence' ? s.advice : s.advice;
            lines.push(`      → ${text}`);
          }
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await ctx.close();
      }
    });

  const match = program.command('match').description('two-way retrieval: members for a job, jobs for a member');
  // Both directions share options and output: the id printed is the other side of the match.
  const directions = [
    { name: 'job', what: 'open-to-work members who fit a job, best first', run: (ctx: AppContext, id: string, o: RankOpts) => matchServiceOf(ctx).membersForJob(id, o), idOf: (r: { memberId?: string; jobId?: string }) => r.memberId! },
    { name: 'member', what: 'open jobs that fit a member, best first', run: (ctx: AppContext, id: string, o: RankOpts) => matchServiceOf(ctx).jobsForMember(id, o), idOf: (r: { memberId?: string; jobId?: string }) => r.jobId! },
  ] as const;
  for (const d of directions) {
    match
      .command(`${d.name} <id>`)
      .description(d.what)
      .option('--top <k>', 'how many', count('top', 1000), 20)
      .option('--offset <n>', 'skip the first n', count('offset', 100000), 0)
      .option('--min-level <level>', 'lowest fit level to include', level)
      .option('--json', 'print JSON')
      .action(async (id: string, opts: { top: number; offset: number; minLevel?: FitLevel; json?: boolean }, cmd: Command) => {
        const ctx = await createAppContext(cmd.optsWithGlobals<GlobalOptions>());
        try {
          const page = await d.run(ctx, id, { topK: opts.top, offset: opts.offset, ...(opts.minLevel ? { minLevel: opts.minLevel } : {}) });
          const items = (page.items as { assessment: FitAssessment; level: FitLevel; score: number; memberId?: string; jobId?: string }[]);
          if (opts.json) return printJson({ ...page, items: items.map(({ assessment, ...r }) => ({ ...r, summary: assessment.facts.summary })) });
          for (const r of items) process.stdout.write(`${d.idOf(r)}\t${r.level}\t${pct(r.score)}\t${r.assessment.facts.summary}\n`);
        } finally {
          await ctx.close();
        }
      });
  }

  program
    .command('search <text...>')
    .description('search jobs in your own words, e.g. "remote senior data engineer jobs in Berlin over 80k with Spark"')
    .option('--member <id>', 'rank results by this member\'s fit')
    .option('--top <k>', 'how many', count('top', 1000), 20)
    .option('--json', 'print the parsed filters and results as JSON')
    .action(async (words: string[], opts: { member?: string; top: number; json?: boolean }, cmd: Command) => {
      const ctx = await createAppContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const r = await matchServiceOf(ctx).search(words.join(' '), { limit: opts.top, ...(opts.member ? { memberId: opts.member } : {}) });
        if (opts.json) return printJson({ filters: r.filters, unparsed: r.unparsed, total: r.results.total, results: r.results.items.map((x) => ({ id: x.job.id, title: x.job.title, level: x.level, score: x.score })) });
        process.stdout.write(`understood: ${JSON.stringify(r.filters)}${r.unparsed.length ? `  (not understood: ${r.unparsed.join(' ')})` : ''}\n`);
        for (const x of r.results.items) process.stdout.write(`${x.job.id}\t${x.job.title}\t${x.job.location.city ?? ''}\t${x.job.remote}${x.level ? `\t${x.level}` : ''}\n`);
        process.stdout.write(`${r.results.total} job(s)\n`);
      } finally {
        await ctx.close();
      }
    });
}
