import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { Concept, ImportError } from '../../domain/index.ts';

const REQUIRED_COLUMNS = ['ORIGINURI', 'PREFERREDLABEL', 'ALTLABELS'] as const;

/**
 * ESCO occupations in the Tabiya CSV layout (`occupations.csv`): id = ORIGINURI, label = PREFERREDLABEL,
 * altLabels = ALTLABELS (newline-separated), description = DESCRIPTION.
 */
export function parseEscoOccupationsCsv(text: string, file?: string): Concept[] {
  let withInfo: { record: Record<string, string>; info: { lines: number } }[];
  try {
    withInfo = parse(text, { columns: true, skip_empty_lines: true, bom: true, info: true });
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new ImportError(`malformed CSV: ${e.message}`, e.lines, file);
  }
  if (withInfo.length === 0) throw new ImportError('no rows', undefined, file);
  const missing = REQUIRED_COLUMNS.filter((c) => !(c in withInfo[0]!.record));
  if (missing.length) throw new ImportError(`missing column(s) ${missing.join(', ')}`, 1, file);
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  let prevEnd = 1;
  for (const { record, info } of withInfo) {
    const line = prevEnd + 1;
    prevEnd = info.lines;
    const id = (record.ORIGINURI ?? '').trim();
    const label = (record.PREFERREDLABEL ?? '').trim();
    if (!id) throw new ImportError('ORIGINURI is empty', line, file);
    if (!label) throw new ImportError('PREFERREDLABEL is empty', line, file);
    if (seen.has(id)) throw new ImportError(`duplicate ORIGINURI ${id}`, line, file);
    seen.add(id);
    const altLabels = splitList(record.ALTLABELS ?? '');
    const description = (record.DESCRIPTION ?? '').trim();
    concepts.push(Concept.parse({
      id, kind: 'occupation', label, altLabels,
      ...(description ? { description: description.slice(0, 5000) } : {}),
      // The ESCO code (ISCO unit group + specialisation path, e.g. 2654.1.7) ranks general occupations first.
      ...(record.CODE ? { category: record.CODE } : record.ISCOGROUPCODE ? { category: record.ISCOGROUPCODE } : {}),
      source: 'esco',
    }));
  }
  return concepts;
}

/** A plain list of ESCO skill labels (one per line), e.g. `skills_en_label.txt`; id = `esco:skill:<slug>`. */
export function parseSkillLabelList(text: string, file?: string, idPrefix = 'esco:skill:'): Concept[] {
  const concepts: Concept[] = [];
  const byId = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const label = lines[i]!.trim();
    if (label === '') continue;
    if (label.length > 300) throw new ImportError('label longer than 300 characters', i + 1, file);
    if (/[\u0000-\u0008\u000e-\u001f]/.test(label)) throw new ImportError('label contains control characters', i + 1, file);
    let id = idPrefix + slug(label);
    // Distinct labels that slug alike keep distinct ids.
    const n = byId.get(id) ?? 0;
    byId.set(id, n + 1);
    if (n > 0) id = `${id}-${n + 1}`;
    concepts.push(Concept.parse({ id, kind: 'skill', label, altLabels: [], source: 'esco' }));
  }
  if (concepts.length === 0) throw new ImportError('no labels', undefined, file);
  return concepts;
}

export async function readEscoOccupations(path: string): Promise<Concept[]> {
  return parseEscoOccupationsCsv(await readText(path), path);
}

export async function readEscoSkillLabels(path: string): Promise<Concept[]> {
  return parseSkillLabelList(await readText(path), path);
}

function splitList(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split('\n')) {
    const s = part.trim();
    if (s) out.push(s);
  }
  return out;
}

export function slug(label: string): string {
  return label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ImportError(`cannot read file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, undefined, path);
  }
}
