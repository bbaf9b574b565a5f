import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/fitwise.js', import.meta.url));

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs the real `fitwise` command in a child process (no shell), optionally feeding stdin. */
export function runCli(args: string[], opts: { input?: string; env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...opts.env };
    delete env.DATABASE_URL;
    if (opts.env?.DATABASE_URL) env.DATABASE_URL = opts.env.DATABASE_URL;
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]; // `undefined` unsets a variable
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'], ...(opts.cwd ? { cwd: opts.cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`fitwise ${args.join(' ')} timed out`)); }, opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code: code ?? -1, stdout, stderr }); });
    child.stdin.end(opts.input ?? '');
  });
}
