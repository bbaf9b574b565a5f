import { FitwiseError } from '../domain/index.ts';
import { openDatabase, resolveDatabaseOptions, type DatabaseHandle } from '../store/index.ts';

/** Options every command accepts. */
export interface GlobalOptions {
  dataDir?: string;
}

/** Opens the database the way every command does (DATABASE_URL, else --data-dir, else ./.fitwise/db), runs `fn`, closes it. */
export async function withDatabase<T>(opts: GlobalOptions, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(resolveDatabaseOptions(opts));
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** A user-facing failure: printed as one line on stderr, exit code 1 (2 for usage errors). */
export class CliError extends FitwiseError {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super('cli_error', message, { status: 400 });
    this.exitCode = exitCode;
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Reads all of stdin as lines (trailing newline dropped; empty lines kept so output aligns with input). */
export async function readStdinLines(): Promise<string[]> {
  if (process.stdin.isTTY) return [];
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
