import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BIN, type CliResult } from '../cli/run-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('./fitwise-eval-main.ts', import.meta.url));

/** True once the lead has registered `eval` in src/cli/commands/index.ts; until then tests use the launcher. */
export const EVAL_REGISTERED = /commands\/eval\.ts|from '\.\/eval\.ts'/.test(readFileSync(`${ROOT}src/cli/commands/index.ts`, 'utf8'));

/** Runs `fitwise <args>` (the real bin when eval is registered, else the test launcher) in a child process. */
export function runFitwise(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
    if (!opts.env?.DATABASE_URL) delete env.DATABASE_URL;
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const argv = EVAL_REGISTERED ? [BIN, ...args] : ['--import', 'tsx', LAUNCHER, ...args];
    const child = spawn(process.execPath, argv, { env: env as NodeJS.ProcessEnv, cwd: opts.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`fitwise ${args.join(' ')} timed out`)); }, opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
  });
}
