import type { z } from 'zod';

/**
 * Every failure the product reports carries a stable `code`; the API maps it to an HTTP status and
 * the CLI to one line on stderr and a non-zero exit.
 */
export class FitwiseError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;
  constructor(code: string, message: string, options: { status?: number; details?: unknown; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'FitwiseError';
    this.code = code;
    this.status = options.status ?? 500;
    this.details = options.details;
  }
}

/** Input that does not match a schema; the message names the first offending field path. */
export class InvalidInputError extends FitwiseError {
  readonly issues: { path: string; message: string }[];
  constructor(message: string, issues: { path: string; message: string }[] = []) {
    super('invalid_input', message, { status: 400, details: { issues } });
    this.name = 'InvalidInputError';
    this.issues = issues;
  }
}

export class NotFoundError extends FitwiseError {
  constructor(what: string, id: string) {
    super('not_found', `${what} ${JSON.stringify(id)} was not found`, { status: 404 });
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends FitwiseError {
  constructor(message: string) {
    super('conflict', message, { status: 409 });
    this.name = 'ConflictError';
  }
}

/** A bad row in an import file; `line` is 1-based. Imports are all-or-nothing. */
export class ImportError extends FitwiseError {
  readonly line?: number;
  constructor(message: string, line?: number, file?: string) {
    super('import_failed', `${file ? `${file}:` : ''}${line !== undefined ? `line ${line}: ` : ''}${message}`, {
      status: 400,
      details: { line, file },
    });
    this.name = 'ImportError';
    this.line = line;
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Parses with a zod schema, turning failure into an InvalidInputError naming the field path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string, pathPrefix: readonly PropertyKey[] = []): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatPath([...pathPrefix, ...issue.path]),
    message: issue.message,
  }));
  const first = issues[0]!;
  throw new InvalidInputError(`invalid ${what}: ${first.path}: ${first.message}`, issues);
}
