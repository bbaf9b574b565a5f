import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImportError, type Concept } from '../domain/index.ts';
import type { Repositories } from '../store/index.ts';
import { readEscoOccupations, readEscoSkillLabels, readOnetFolder, readTaxonomyJsonl } from './importers/index.ts';
import { Taxonomy } from './taxonomy.ts';

export type TaxonomyFormat = 'jsonl' | 'esco-occupations' | 'esco-skills' | 'onet';

export const DEFAULT_TAXONOMY_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/taxonomy/default.jsonl');

/** Guesses the format from the path: a folder is O*NET, `.csv` ESCO occupations, `.txt` a skill-label list. */
export function detectFormat(path: string): TaxonomyFormat {
  if (existsSync(path) && statSync(path).isDirectory()) return 'onet';
  if (/\.jsonl?$/i.test(path)) return 'jsonl';
  if (/\.csv$/i.test(path)) return 'esco-occupations';
  if (/\.txt$/i.test(path)) return 'esco-skills';
  throw new ImportError('cannot tell the format from the file name; pass --format jsonl|esco-occupations|esco-skills|onet', undefined, path);
}

export async function readTaxonomyFile(path: string, format: TaxonomyFormat = detectFormat(path)): Promise<Concept[]> {
  switch (format) {
    case 'jsonl': return readTaxonomyJsonl(path);
    case 'esco-occupations': return readEscoOccupations(path);
    case 'esco-skills': return readEscoSkillLabels(path);
    case 'onet': return readOnetFolder(path);
  }
}

/**
 * Reads and validates the whole file first, checks that references resolve (within the file or the
 * database), then writes everything in one transaction: nothing is written when any row is bad.
 */
export async function importTaxonomy(repos: Repositories, path: string, format?: TaxonomyFormat, preread?: Concept[]): Promise<{ skills: number; occupations: number }> {
  const concepts = preread ?? await readTaxonomyFile(path, format);
  const ids = new Set(concepts.map((c) => c.id));
  const missing = new Set<string>();
  for (const c of concepts) for (const ref of [...c.related, ...c.skills]) if (!ids.has(ref)) missing.add(ref);
  if (missing.size > 0) {
    const known = new Set((await repos.concepts.list()).map((c) => c.id));
    const unresolved = [...missing].filter((id) => !known.has(id));
    if (unresolved.length > 0) {
      const bad = concepts.findIndex((c) => [...c.related, ...c.skills].includes(unresolved[0]!));
      throw new ImportError(`concept ${JSON.stringify(concepts[bad]!.id)} refers to unknown id ${JSON.stringify(unresolved[0])} (${unresolved.length} unresolved reference(s))`, undefined, path);
    }
  }
  await repos.concepts.upsertMany(concepts);
  return {
    skills: concepts.filter((c) => c.kind === 'skill').length,
    occupations: concepts.filter((c) => c.kind === 'occupation').length,
  };
}

/** The database's taxonomy, loading the shipped default first when the database has none. */
export async function loadTaxonomy(repos: Repositories): Promise<Taxonomy> {
  let concepts = await repos.concepts.list();
  if (concepts.length === 0 && existsSync(DEFAULT_TAXONOMY_FILE)) {
    await importTaxonomy(repos, DEFAULT_TAXONOMY_FILE, 'jsonl');
    concepts = await repos.concepts.list();
  }
  return new Taxonomy(concepts);
}

