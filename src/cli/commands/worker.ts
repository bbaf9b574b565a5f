import type { Command } from 'commander';
import { createAppContext } from '../../app/index.ts';
import { startRealtime } from '../../realtime/index.ts';
import { CliError, type GlobalOptions } from '../context.ts';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`invalid --${name} ${JSON.stringify(value)}: expected a positive integer`, 2);
  return n;
}

export function register(program: Command): void {
  program
    .command('worker')
    .description('run a matching worker: consumes job/member events (NATS JetStream when $NATS_URL is set), writes notifications, sends webhooks')
    .option('--concurrency <n>', 'events handled at once (default 4)')
    .option('--top <k>', 'members notified per posted job at most (default 100)')
    .option('--prefix <name>', 'NATS stream/subject prefix (default $FITWISE_NATS_PREFIX or fitwise)')
    .option('--no-dispatcher', 'do not dispatch the outbox from this process')
    .option('--no-webhooks', 'do not send webhook deliveries from this process')
    .action(async (opts: { concurrency?: string; top?: string; prefix?: string; dispatcher: boolean; webhooks: boolean }, cmd: Command) => {
      const concurrency = positiveInt('concurrency', opts.concurrency, 4);
      const topK = positiveInt('top', opts.top, 100);
      const ctx = await createAppContext(cmd.optsWithGlobals<GlobalOptions>());
      let rt;
      try {
        rt = await startRealtime(ctx, {
          ...(opts.prefix ? { prefix: opts.prefix } : {}), worker: { topK }, concurrency, dispatcher: opts.dispatcher, webhooks: opts.webhooks,
          onError: (err) => process.stderr.write(`fitwise worker: ${(err as Error).message}\n`),
        });
      } catch (err) {
        await ctx.close();
        throw new CliError(`cannot start the worker: ${(err as Error).message}`);
      }
      process.stderr.write(`fitwise: worker running (bus: ${rt.bus.kind}, database: ${ctx.handle.kind} ${ctx.handle.location}, ${rt.worker?.index.memberCount ?? 0} members indexed)\n`);
      if (rt.bus.kind === 'in-process') process.stderr.write('fitwise: no NATS_URL: this worker only sees events dispatched by this process\n');
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          process.stderr.write(`fitwise: ${signal} received, stopping worker\n`);
          const force = setTimeout(() => process.exit(1), 10_000);
          force.unref();
          void rt!.close().then(() => ctx.close()).finally(resolve);
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}
