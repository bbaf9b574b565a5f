import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { Concept } from '../../domain/index.ts';
import { createRepositories } from '../../store/index.ts';
import { loadTaxonomy } from '../../taxonomy/index.ts';
import {
  createSkillExtractor, createTitleNormalizer, createTitleNormalizerWithPostingPrior, escoTitlePrior, learnTitlePrior,
  readTaxonomyJsonl, readTitlePrior, titlePriorWeight, type ConceptMatch, type TitleNormalizerOptions,
} from '../../taxonomy/normalizer/index.ts';
import { CliError, withDatabase, type GlobalOptions } from '../context.ts';

/** Without --taxonomy: the database's taxonomy (the shipped default is loaded into an empty database). */
export async function loadDefaultConcepts(global: GlobalOptions = {}): Promise<Concept[]> {
  return withDatabase(global, async (handle) => (await loadTaxonomy(createRepositories(handle.db))).concepts.slice());
}

interface NormalizeOptions { taxonomy?: string; top: string; postingPrior?: string; titlePrior?: string }

/** A posting prior is learned from a batch only when it holds at least this many titles. */
export const MIN_PRIOR_TITLES = 200;

function parseTop(value: string): number {
  const k = Number(value);
  if (!Number.isInteger(k) || k < 1 || k > 1000) throw new CliError(`--top must be an integer from 1 to 1000, got "${value}"`, 2);
  return k;
}

async function loadConcepts(opts: NormalizeOptions, kind: Concept['kind'], global: GlobalOptions): Promise<Concept[]> {
  const concepts = opts.taxonomy ? await readTaxonomyJsonl(opts.taxonomy) : await loadDefaultConcepts(global);
  if (!concepts.some((c) => c.kind === kind)) {
    throw new CliError(`the taxonomy has no concepts of kind "${kind}"`);
  }
  return concepts;
}

/** Reads stdin line by line and writes one JSON line per input line as soon as it is ready. */
async function streamLines(toRecord: (text: string) => unknown, input: NodeJS.ReadableStream = process.stdin): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const ok = process.stdout.write(`${JSON.stringify(toRecord(line))}\n`);
    if (!ok) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

async function readLines(input: NodeJS.ReadableStream = process.stdin): Promise<string[]> {
  const out: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) out.push(line);
  return out;
}

async function writeRecords(lines: readonly string[], toRecord: (text: string) => unknown): Promise<void> {
  for (const line of lines) {
    const ok = process.stdout.write(`${JSON.stringify(toRecord(line))}\n`);
    if (!ok) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

/** The labelled occupation prior for --title-prior, as the normalizer's `prior` option, or none. */
async function titlePriorOption(value: string, concepts: readonly Concept[]): Promise<TitleNormalizerOptions['prior']> {
  if (value === 'off') return undefined;
  const weight = titlePriorWeight(value === 'auto' ? escoTitlePrior() : await readTitlePrior(value), concepts);
  if (!weight && value !== 'auto') throw new CliError(`--title-prior ${value}: its occupations are not in this taxonomy`);
  return weight;
}

function publicMatch(m: ConceptMatch) {
  return { id: m.id, label: m.label, score: Math.round(m.score * 10000) / 10000, matched: m.matched };
}

export function register(program: Command): void {
  const titles = program.commands.find((c) => c.name() === 'titles') ?? program.command('titles').description('job titles');
  titles
    .command('normalize')
    .description('map job titles (one per line on stdin) to occupations; one JSON line per title')
    .option('--taxonomy <file>', 'taxonomy in the generic JSONL format (default: the database taxonomy)')
    .option('--top <k>', 'candidates per title', '10')
    .option('--title-prior <prior>', 'auto: the shipped occupation prior when the taxonomy is ESCO (learned from confirmed '
      + 'labels of real vacancy titles); off: none; or a prior file written by "titles learn-prior"', 'auto')
    .option('--posting-prior <mode>', `auto: batch when no title prior applies; batch: read all input first and, from ${MIN_PRIOR_TITLES} `
      + 'titles up, learn how often each occupation is posted from the titles themselves (unlabelled); off: rank each title alone, '
      + 'line by line', 'auto')
    .action(async (opts: NormalizeOptions, cmd: Command) => {
      const k = parseTop(opts.top);
      const mode = opts.postingPrior ?? 'auto';
      if (mode !== 'auto' && mode !== 'batch' && mode !== 'off') throw new CliError(`--posting-prior must be auto, batch or off, got "${mode}"`, 2);
      const concepts = await loadConcepts(opts, 'occupation', cmd.optsWithGlobals<GlobalOptions>());
      const labelPrior = await titlePriorOption(opts.titlePrior ?? 'auto', concepts);
      const options: Partial<TitleNormalizerOptions> = labelPrior ? { prior: labelPrior } : {};
      const record = (normalizer: ReturnType<typeof createTitleNormalizer>) => (text: string) => ({ text, matches: normalizer.normalize(text, k).map(publicMatch) });
      // Typed at a terminal, titles are answered one by one; piped in, a batch is a job board's postings.
      if (mode === 'off' || (mode === 'auto' && labelPrior) || process.stdin.isTTY) {
        await streamLines(record(createTitleNormalizer(concepts, options)));
        return;
      }
      const lines = await readLines();
      const titles = lines.filter((l) => l.trim() !== '');
      const normalizer = titles.length >= MIN_PRIOR_TITLES
        ? createTitleNormalizerWithPostingPrior(concepts, titles, { normalizer: options }).normalizer
        : createTitleNormalizer(concepts, options);
      await writeRecords(lines, record(normalizer));
    });

  titles
    .command('learn-prior')
    .description('learn an occupation prior from confirmed titles: JSON lines {"text": "...", "id": "occupation id"} on stdin; '
      + 'writes the prior (JSON) for --title-prior')
    .option('--taxonomy <file>', 'taxonomy in the generic JSONL format (default: the database taxonomy)')
    .option('--description <text>', 'where the labels come from, kept in the file', 'confirmed occupations of job titles')
    .action(async (opts: { taxonomy?: string; description: string }, cmd: Command) => {
      const concepts = await loadConcepts({ ...opts, top: '1' }, 'occupation', cmd.optsWithGlobals<GlobalOptions>());
      const labels = (await readLines()).map((line, i) => ({ line, n: i + 1 })).filter(({ line }) => line.trim() !== '').map(({ line, n }) => {
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch {
          throw new CliError(`stdin line ${n}: not valid JSON`);
        }
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id !== 'string' || id === '') throw new CliError(`stdin line ${n}: "id" must be a non-empty string`);
        return { conceptId: id, n };
      });
      if (labels.length === 0) throw new CliError('no labelled titles on stdin');
      const known = new Set(concepts.filter((c) => c.kind === 'occupation').map((c) => c.id));
      const unknown = labels.find((l) => !known.has(l.conceptId));
      if (unknown) throw new CliError(`stdin line ${unknown.n}: ${JSON.stringify(unknown.conceptId)} is not an occupation of the taxonomy`);
      process.stdout.write(`${JSON.stringify(learnTitlePrior(labels, concepts, { description: opts.description }), null, 2)}\n`);
    });

  const skills = program.commands.find((c) => c.name() === 'skills') ?? program.command('skills').description('skills');
  skills
    .command('extract')
    .description('find skills in texts (one per line on stdin); one JSON line per text')
    .option('--taxonomy <file>', 'taxonomy in the generic JSONL format (default: the database taxonomy)')
    .option('--top <k>', 'skills per text', '10')
    .action(async (opts: NormalizeOptions, cmd: Command) => {
      const k = parseTop(opts.top);
      const extractor = createSkillExtractor(await loadConcepts(opts, 'skill', cmd.optsWithGlobals<GlobalOptions>()));
      await streamLines((text) => ({ text, skills: extractor.extract(text, k).map(publicMatch) }));
    });
}
