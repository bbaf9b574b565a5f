import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Concept, ImportError } from '../../domain/index.ts';
import { readText, slug } from './esco.ts';

const CREDIT = 'O*NET 29.2 Database by USDOL/ETA, CC BY 4.0';

type Row = Record<string, string>;

/** Parses one O*NET tab-separated file, checking its header and reporting bad rows by line number. */
function parseTsv(text: string, file: string, required: string[]): { row: Row; line: number }[] {
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: '\t', quote: false, relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (err) {
    throw new ImportError(`malformed TSV: ${(err as Error).message}`, undefined, file);
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  for (const col of required) {
    if (!header.includes(col)) throw new ImportError(`missing column ${JSON.stringify(col)}`, 1, file);
  }
  const out: { row: Row; line: number }[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    if (cells.length < required.length) throw new ImportError(`expected ${header.length} tab-separated columns, found ${cells.length}`, i + 1, file);
    const row: Row = {};
    header.forEach((h, j) => { row[h] = (cells[j] ?? '').trim(); });
    out.push({ row, line: i + 1 });
  }
  return out;
}

const SOC = /^\d{2}-\d{4}\.\d{2}$/;

/**
 * O*NET text files from a folder: `Occupation Data.txt` → occupations `onet:<SOC>`, `Alternate Titles.txt` →
 * their altLabels, `Technology Skills.txt` → skill concepts `onet:tech:<slug>` (category = commodity title)
 * linked from each occupation's `skills`, hot technologies first.
 */
export async function readOnetFolder(dir: string): Promise<Concept[]> {
  const occFile = join(dir, 'Occupation Data.txt');
  const altFile = join(dir, 'Alternate Titles.txt');
  const techFile = join(dir, 'Technology Skills.txt');
  const occRows = parseTsv(await readText(occFile), occFile, ['O*NET-SOC Code', 'Title', 'Description']);
  const occupations = new Map<string, { title: string; description: string; alt: Set<string>; skills: { id: string; hot: boolean }[] }>();
  for (const { row, line } of occRows) {
    const code = row['O*NET-SOC Code']!;
    if (!SOC.test(code)) throw new ImportError(`bad O*NET-SOC code ${JSON.stringify(code)}`, line, occFile);
    if (!row.Title) throw new ImportError('empty Title', line, occFile);
    occupations.set(code, { title: row.Title, description: row.Description ?? '', alt: new Set(), skills: [] });
  }
  const altRows = parseTsv(await readText(altFile), altFile, ['O*NET-SOC Code', 'Alternate Title']);
  for (const { row, line } of altRows) {
    const occ = occupations.get(row['O*NET-SOC Code']!);
    if (!occ) throw new ImportError(`unknown O*NET-SOC code ${JSON.stringify(row['O*NET-SOC Code'])}`, line, altFile);
    const alt = row['Alternate Title']!;
    if (alt) occ.alt.add(alt);
    const short = row['Short Title'];
    if (short && short !== 'n/a') occ.alt.add(short);
  }
  const techRows = parseTsv(await readText(techFile), techFile, ['O*NET-SOC Code', 'Example', 'Commodity Title', 'Hot Technology']);
  const skills = new Map<string, Concept>();
  const skillIdByName = new Map<string, string>();
  for (const { row, line } of techRows) {
    const occ = occupations.get(row['O*NET-SOC Code']!);
    if (!occ) throw new ImportError(`unknown O*NET-SOC code ${JSON.stringify(row['O*NET-SOC Code'])}`, line, techFile);
    const name = row.Example!;
    if (!name) throw new ImportError('empty Example', line, techFile);
    let id = skillIdByName.get(name);
    if (!id) {
      id = `onet:tech:${slug(name)}`;
      // Two names that slug alike (e.g. differing only in punctuation) keep distinct ids.
      for (let n = 2; skills.has(id); n++) id = `onet:tech:${slug(name)}-${n}`;
      skillIdByName.set(name, id);
      skills.set(id, Concept.parse({ id, kind: 'skill', label: name, altLabels: [], category: row['Commodity Title'] || undefined, source: 'onet' }));
    }
    if (!occ.skills.some((s) => s.id === id)) occ.skills.push({ id, hot: row['Hot Technology'] === 'Y' });
  }
  const concepts: Concept[] = [...skills.values()];
  for (const [code, occ] of occupations) {
    occ.alt.delete(occ.title);
    const ordered = [...occ.skills].sort((a, b) => Number(b.hot) - Number(a.hot));
    concepts.push(Concept.parse({
      id: `onet:${code}`, kind: 'occupation', label: occ.title, altLabels: [...occ.alt],
      description: occ.description.slice(0, 5000), skills: ordered.map((s) => s.id), source: 'onet',
    }));
  }
  return concepts;
}

export const ONET_CREDIT = CREDIT;
