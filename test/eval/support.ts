import { fileURLToPath } from 'node:url';
import { runCli, type CliResult } from '../cli/run-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the real `fitwise <args>` in a child process from the repository root. */
export function runFitwise(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return runCli(args, { ...opts, cwd: opts.cwd ?? ROOT });
}
