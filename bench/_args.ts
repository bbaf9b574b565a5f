import { writeFileSync } from 'node:fs';

/** Shared by the benchmark scripts: `--json FILE` writes the result there too; `--quick` shrinks sizes. */
export function benchArgs(argv = process.argv.slice(2)): { json?: string; quick: boolean; get(name: string): string | undefined } {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return { json: get('json'), quick: argv.includes('--quick') || process.env.BENCH_QUICK === '1', get };
}

export function report(result: unknown, jsonFile?: string): void {
  const text = JSON.stringify(result, null, 2);
  process.stdout.write(`${text}\n`);
  if (jsonFile) writeFileSync(jsonFile, `${text}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
