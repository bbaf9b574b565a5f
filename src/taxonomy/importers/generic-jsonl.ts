import { readFile } from 'node:fs/promises';
import { Concept, ImportError, formatPath } from '../../domain/index.ts';

/**
 * Parses the generic taxonomy format (one JSON concept per line; blank lines and `#` comments skipped).
 * The first bad line aborts the whole import with its line number.
 */
export function parseTaxonomyJsonl(text: string, file?: string): Concept[] {
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new ImportError(`not valid JSON (${(err as Error).message})`, i + 1, file);
    }
    const parsed = Concept.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ImportError(`${formatPath(issue.path)}: ${issue.message}`, i + 1, file);
    }
    if (seen.has(parsed.data.id)) throw new ImportError(`duplicate id ${JSON.stringify(parsed.data.id)}`, i + 1, file);
    seen.add(parsed.data.id);
    concepts.push(parsed.data);
  }
  return concepts;
}

export async function readTaxonomyJsonl(path: string): Promise<Concept[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ImportError(`cannot read taxonomy file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, undefined, path);
  }
  return parseTaxonomyJsonl(text, path);
}

export function toTaxonomyJsonl(concepts: readonly Concept[]): string {
  return concepts.map((c) => JSON.stringify(c)).join('\n') + '\n';
}
