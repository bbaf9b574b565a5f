/**
 * Builds data/taxonomy/default.jsonl from the compact sources in scripts/taxonomy/source/.
 *
 *   node --import tsx scripts/taxonomy/build-default-taxonomy.ts          # write the file
 *   node --import tsx scripts/taxonomy/build-default-taxonomy.ts --check  # exit 1 if it is stale
 *
 * Source format (one concept per line, fields separated by `|`; `## Name` sets the category of the
 * lines below it; `#` starts a comment line). Keys are ids without the `skill:`/`occ:` prefix.
 *   skills/*.txt:       key | Label | alt, alt | related-skill-key … | Description.
 *   occupations/*.txt:  key | Label | alt, alt | skill-key … | related-occupation-key … | Description.
 * Files are read in name order and concepts keep their order, so the output is deterministic.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DefaultConcept {
  id: string;
  kind: 'skill' | 'occupation';
  label: string;
  altLabels: string[];
  description: string;
  category: string;
  related: string[];
  skills?: string[];
}

const HERE = dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = join(HERE, 'source');
export const OUTPUT_FILE = join(HERE, '..', '..', 'data', 'taxonomy', 'default.jsonl');

const KEY = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

/** Parses every source file and returns the concepts; throws one error listing every problem found. */
export function buildDefaultTaxonomy(sourceDir = SOURCE_DIR): DefaultConcept[] {
  const problems: string[] = [];
  const skills = readKind(join(sourceDir, 'skills'), 'skill', problems);
  const occupations = readKind(join(sourceDir, 'occupations'), 'occupation', problems);
  const ids = new Set<string>();
  for (const c of [...skills, ...occupations]) {
    if (ids.has(c.id)) problems.push(`duplicate id ${c.id}`);
    ids.add(c.id);
  }
  const kindOf = new Map([...skills, ...occupations].map((c) => [c.id, c.kind] as const));
  for (const c of [...skills, ...occupations]) {
    for (const r of c.related) {
      if (r === c.id) problems.push(`${c.id}: related ${r} is the concept itself`);
      else if (kindOf.get(r) !== c.kind) problems.push(`${c.id}: related ${r} is not a known ${c.kind}`);
    }
    for (const s of c.skills ?? []) if (kindOf.get(s) !== 'skill') problems.push(`${c.id}: skill ${s} is not a known skill`);
  }
  if (problems.length > 0) throw new Error(`default taxonomy sources have ${problems.length} problem(s):\n${problems.join('\n')}`);
  return [...skills, ...occupations];
}

export function toJsonl(concepts: readonly DefaultConcept[]): string {
  return concepts.map((c) => JSON.stringify(c)).join('\n') + '\n';
}

function readKind(dir: string, kind: 'skill' | 'occupation', problems: string[]): DefaultConcept[] {
  const prefix = kind === 'skill' ? 'skill:' : 'occ:';
  const fields = kind === 'skill' ? 5 : 6;
  const out: DefaultConcept[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    let category = '';
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((raw, i) => {
      const line = raw.trim();
      const where = `${kind === 'skill' ? 'skills' : 'occupations'}/${file}:${i + 1}`;
      if (line === '') return;
      if (line.startsWith('## ')) { category = line.slice(3).trim(); return; }
      if (line.startsWith('#')) return;
      const parts = line.split('|').map((p) => p.trim());
      if (parts.length !== fields) { problems.push(`${where}: expected ${fields} fields, got ${parts.length}`); return; }
      if (!category) { problems.push(`${where}: no "## Category" line above`); return; }
      const [key, label, alts] = parts;
      if (!KEY.test(key)) problems.push(`${where}: bad key "${key}"`);
      const keys = (s: string, p: string) => s.split(/\s+/).filter(Boolean).map((k) => p + k);
      const altLabels = alts.split(',').map((a) => a.trim()).filter(Boolean);
      const description = parts[fields - 1];
      if (!/[.!?]$/.test(description)) problems.push(`${where}: description should be one sentence ending with a full stop`);
      const concept: DefaultConcept = {
        id: prefix + key, kind, label, altLabels, description, category,
        related: keys(parts[3 + (kind === 'occupation' ? 1 : 0)], prefix),
      };
      if (kind === 'occupation') concept.skills = keys(parts[3], 'skill:');
      out.push(concept);
    });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = toJsonl(buildDefaultTaxonomy());
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(OUTPUT_FILE, 'utf8'); } catch { /* missing counts as stale */ }
    if (current !== text) {
      console.error('data/taxonomy/default.jsonl is out of date: run node --import tsx scripts/taxonomy/build-default-taxonomy.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(OUTPUT_FILE, text);
    const counts = text.trim().split('\n').map((l) => JSON.parse(l).kind as string);
    console.log(`wrote ${OUTPUT_FILE}: ${counts.filter((k) => k === 'skill').length} skills, ${counts.filter((k) => k === 'occupation').length} occupations`);
  }
}
