import type { Command } from 'commander';
import type { CostGrouping } from '../../domain/index.ts';
import { createGateway, loadGatewayConfig, LlmError } from '../../llm/index.ts';
import { SqlCostLedger } from '../../store/index.ts';
import { CliError, withDatabase, type GlobalOptions } from '../context.ts';

const GROUPINGS: CostGrouping[] = ['feature', 'model', 'day'];

/** `io` lets tests capture the output; the CLI writes to stdout. */
export function register(program: Command, io: { write(text: string): void } = { write: (t) => void process.stdout.write(t) }): void {
  const printJson = (value: unknown) => io.write(`${JSON.stringify(value)}\n`);
  const llm = program.command('llm').description('the LLM gateway: providers, fallback chain, health');
  llm
    .command('ping')
    .description('send one tiny request through the configured fallback chain (FITWISE_LLM, LLM_*) and report which engine answered')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      let gateway;
      try {
        gateway = createGateway(loadGatewayConfig(), {});
      } catch (err) {
        if (err instanceof LlmError) throw new CliError(err.message, 2);
        throw err;
      }
      try {
        const r = await gateway.generate({
          feature: 'llm.ping',
          messages: [{ role: 'user', content: 'Reply with the single word: pong' }],
          maxOutputTokens: 8,
          cache: false,
          localComposer: () => 'pong (local engine: answers are composed from computed facts, no model configured)',
        });
        const out = {
          engine: r.engine, model: r.model, text: r.text, latencyMs: Math.round(r.latencyMs * 10) / 10,
          usage: r.usage, costUsd: r.costUsd, degraded: r.degraded, chain: gateway.engines.map((e) => e.id),
        };
        if (opts.json) printJson(out);
        else {
          io.write(`engine: ${out.engine} (${out.model}) in ${out.latencyMs} ms\nreply: ${out.text.trim()}\nchain: ${out.chain.join(' -> ')}\n`);
          for (const d of out.degraded) io.write(`skipped ${d.engine}: ${d.reason} (${d.detail})\n`);
        }
      } catch (err) {
        if (err instanceof LlmError) throw new CliError(`no engine answered: ${err.message}`);
        throw err;
      } finally {
        await gateway.close();
      }
    });

  program
    .command('costs')
    .description('LLM spend from the cost ledger, grouped by feature, model or day')
    .option('--by <grouping>', `group by ${GROUPINGS.join('|')}`, 'feature')
    .option('--since <date>', 'only calls at or after this date (YYYY-MM-DD)')
    .option('--json', 'print JSON rows instead of a table')
    .action(async (opts: { by: string; since?: string; json?: boolean }, cmd: Command) => {
      if (!GROUPINGS.includes(opts.by as CostGrouping)) throw new CliError(`--by must be one of ${GROUPINGS.join(', ')}, not ${JSON.stringify(opts.by)}`, 2);
      if (opts.since && !/^\d{4}-\d{2}-\d{2}/.test(opts.since)) throw new CliError('--since must be a date, YYYY-MM-DD', 2);
      const rows = await withDatabase(cmd.optsWithGlobals<GlobalOptions>(), (h) => new SqlCostLedger(h.db).summarize(opts.by as CostGrouping, { since: opts.since }));
      if (opts.json) {
        printJson({ by: opts.by, rows });
        return;
      }
      const header = [opts.by, 'calls', 'input', 'cached', 'output', 'cost_usd', 'unpriced', 'cache_hits', 'errors'];
      const body = rows.map((r) => [r.key, r.calls, r.inputTokens, r.cachedInputTokens, r.outputTokens, r.costUsd.toFixed(6), r.unpricedCalls, r.cacheHits, r.errors].map(String));
      const total = rows.reduce((t, r) => t + r.costUsd, 0);
      body.push(['TOTAL', String(rows.reduce((t, r) => t + r.calls, 0)), '', '', '', total.toFixed(6), String(rows.reduce((t, r) => t + r.unpricedCalls, 0)), '', '']);
      const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
      const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
      io.write(`${[line(header), ...body.map(line)].join('\n')}\n`);
      if (rows.some((r) => r.unpricedCalls > 0)) io.write('note: unpriced calls (models missing from the pricing table) are not in cost_usd\n');
    });
}
