import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CliError } from '../context.ts';

const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../bench');

function available(): string[] {
  if (!existsSync(BENCH_DIR)) return [];
  return readdirSync(BENCH_DIR).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.slice(0, -3)).sort();
}

export function register(program: Command): void {
  program
    .command('bench [name]')
    .description('run a benchmark from bench/ (prints JSON; compares against a baseline measured in the same run)')
    .option('--json <file>', 'also write the JSON result to a file')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(async (name: string | undefined, opts: { json?: string }, cmd: Command) => {
      const names = available();
      if (!name) {
        process.stdout.write(`benchmarks: ${names.join(', ')}\nrun one with: fitwise bench NAME [--json FILE]\n`);
        return;
      }
      if (!names.includes(name)) throw new CliError(`unknown benchmark ${JSON.stringify(name)}; available: ${names.join(', ')}`, 2);
      const passthrough = cmd.args.slice(1);
      const args = ['--import', 'tsx', join(BENCH_DIR, `${name}.ts`), ...passthrough, ...(opts.json ? ['--json', opts.json] : [])];
      const code = await new Promise<number>((res) => {
        const child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env });
        child.on('exit', (c) => res(c ?? 1));
      });
      if (code !== 0) throw new CliError(`benchmark ${name} failed (exit ${code})`);
    });
}
