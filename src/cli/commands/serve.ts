import type { Command } from 'commander';
import { createAppContext, ensureDemoData } from '../../app/index.ts';
import { buildServer, ensureWebBuilt, registerWebApp } from '../../api/index.ts';
import { startRealtime } from '../../realtime/index.ts';
import { CliError, type GlobalOptions } from '../context.ts';
import { progressReporter } from '../progress.ts';

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API and web app on $PORT (default 8080); seeds demo data on first run')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 8080)')
    .option('--host <host>', 'interface to bind', process.env.HOST ?? '0.0.0.0')
    .option('--no-seed', 'do not seed demo data into an empty database')
    .action(async (opts: { port?: string; host: string; seed: boolean }, cmd: Command) => {
      const port = Number(opts.port ?? process.env.PORT ?? 8080);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`invalid port ${JSON.stringify(opts.port ?? process.env.PORT)}`, 2);
      const global = cmd.optsWithGlobals<GlobalOptions>();
      // Signals are handled from the first moment: a stop during start-up or seeding still exits cleanly.
      const abort = new AbortController();
      let shutdownHook: (() => Promise<void>) | undefined;
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        abort.abort();
        process.stderr.write(`fitwise: ${signal} received, shutting down\n`);
        const force = setTimeout(() => process.exit(1), 10_000);
        force.unref();
        try { await shutdownHook?.(); } finally { process.exit(0); }
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));

      try {
        await ensureWebBuilt({ quiet: true }); // `npm start` builds the web app when it is missing
      } catch (err) {
        throw new CliError(`cannot build the web app: ${(err as Error).message.split('\n')[0]}`);
      }
      const ctx = await createAppContext(global);
      const readiness = { ready: !opts.seed, phase: opts.seed ? 'checking demo data' : 'ready' };
      // Outbox dispatcher + bus; on the in-process bus this process also runs the matching worker.
      let realtime: Awaited<ReturnType<typeof startRealtime>>;
      try {
        realtime = await startRealtime(ctx);
      } catch (err) {
        await ctx.close(); // an open database would keep the process alive after the error is printed
        throw err;
      }
      const app = await buildServer(ctx, { logger: process.env.FITWISE_LOG === '1', readiness, realtime });
      await registerWebApp(app);
      shutdownHook = async () => { await app.close(); await realtime.close(); await ctx.close(); };
      try {
        await app.listen({ port, host: opts.host });
      } catch (err) {
        await ctx.close();
        throw new CliError(`cannot listen on ${opts.host}:${port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      const addr = app.server.address();
      const shown = typeof addr === 'object' && addr ? addr.port : port;
      process.stderr.write(`fitwise: listening on http://localhost:${shown} (database: ${ctx.handle.kind} ${ctx.handle.location})\n`);
      if (opts.seed) {
        const progress = progressReporter('seeding demo data');
        let seeded;
        try {
          seeded = await ensureDemoData(ctx, (p) => { readiness.phase = `seeding ${p.phase}`; progress.update(p); }, abort.signal);
        } catch (err) {
          if (abort.signal.aborted) return; // stopped while seeding: the shutdown handler exits
          throw err;
        } finally {
          progress.stop();
        }
        if (seeded) process.stderr.write(`fitwise: seeded ${seeded.members} members, ${seeded.jobs} jobs, ${seeded.companies} companies, ${seeded.courses} courses in ${seeded.seconds}s\n`);
        readiness.ready = true;
        readiness.phase = 'ready';
      }
    });
}
