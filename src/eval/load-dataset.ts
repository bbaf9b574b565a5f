import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FitwiseError, formatPath } from '../domain/index.ts';
import { EvalCase } from './cases.ts';

export const EVAL_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/eval');

/** A dataset line that is not valid JSON or not a valid case: `file:line: field path: problem`. */
export class DatasetError extends FitwiseError {
  readonly file: string;
  readonly line: number;
  readonly path: string;
  constructor(file: string, line: number, path: string, problem: string) {
    super('invalid_dataset', `${file}:${line}: ${path ? `${path}: ` : ''}${problem}`, { status: 400, details: { file, line, path } });
    this.name = 'DatasetError';
    this.file = file;
    this.line = line;
    this.path = path;
  }
}

export interface Dataset {
  file: string;
  /** sha256 of the file's bytes (first 12 hex digits): which version of the data a report used. */
  sha256: string;
  cases: EvalCase[];
}

/** Parses JSONL text into validated cases; the first bad line throws a DatasetError naming it. */
export function parseDataset(text: string, file: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const ids = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim() || raw.trimStart().startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new DatasetError(file, line, '', `not valid JSON (${(err as Error).message})`);
    }
    const parsed = EvalCase.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const kind = (value as { kind?: unknown })?.kind;
      const problem = issue.path.length === 1 && issue.path[0] === 'kind' ? `unknown kind ${JSON.stringify(kind)}` : issue.message;
      throw new DatasetError(file, line, formatPath(issue.path), problem);
    }
    const seen = ids.get(parsed.data.id);
    if (seen !== undefined) throw new DatasetError(file, line, 'id', `duplicate id ${JSON.stringify(parsed.data.id)} (first on line ${seen})`);
    ids.set(parsed.data.id, line);
    cases.push(parsed.data);
  });
  return cases;
}

export function loadDataset(path: string): Dataset {
  if (!existsSync(path)) throw new DatasetError(path, 0, '', 'file not found');
  const bytes = readFileSync(path);
  return { file: path, sha256: createHash('sha256').update(bytes).digest('hex').slice(0, 12), cases: parseDataset(bytes.toString('utf8'), path) };
}

/** Suites are the dataset files of data/eval: `offline` runs them all, `fit` runs fit.jsonl, and so on. */
export function suiteFiles(suite: string, dir = EVAL_DATA_DIR): string[] {
  const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
  if (suite === 'offline' || suite === 'all' || suite === 'judge') return all.map((f) => join(dir, f));
  const names = suite.split(',').map((s) => s.trim());
  const files = names.map((n) => all.find((f) => basename(f, '.jsonl') === n));
  const unknown = names.filter((_, i) => !files[i]);
  if (unknown.length) {
    throw new FitwiseError('unknown_suite', `unknown suite ${JSON.stringify(unknown[0])}; suites: offline, judge, ${all.map((f) => basename(f, '.jsonl')).join(', ')}`, { status: 400 });
  }
  return files.map((f) => join(dir, f!));
}

/** Loads several datasets; case ids must be unique across them. */
export function loadDatasets(paths: readonly string[]): Dataset[] {
  const datasets = paths.map(loadDataset);
  const seen = new Map<string, string>();
  for (const d of datasets) {
    for (const c of d.cases) {
      const other = seen.get(c.id);
      if (other) throw new DatasetError(d.file, 0, 'id', `case id ${JSON.stringify(c.id)} is also used in ${other}`);
      seen.set(c.id, d.file);
    }
  }
  return datasets;
}
