import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { Concept } from '../../domain/index.ts';
import { createRepositories } from '../../store/index.ts';
import { loadTaxonomy } from '../../taxonomy/index.ts';
import {
  createSkillExtractor, createTitleNormalizer, createTitleNormalizerWithPostingPrior, readTaxonomyJsonl, type ConceptMatch,
} from '../../taxonomy/normalizer/index.ts';
import { CliError, withDatabase, type GlobalOptions } from '../context.ts';

/** Without --taxonomy: the database's taxonomy (the shipped default is loaded into an empty database). */
export async function loadDefaultConcepts(global: GlobalOptions = {}): Promise<Concept[]> {
  return withDatabase(global, async (handle) => (await loadTaxonomy(createRepositories(handle.db))).concepts.slice());
}

interface NormalizeOptions { taxonomy?: string; top: string; postingPrior?: string }

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
    .option('--posting-prior <mode>', `batch: read all input first and, from ${MIN_PRIOR_TITLES} titles up, learn how often each `
      + 'occupation is posted from the titles themselves (unlabelled) to rank them; off: rank each title alone, line by line', 'batch')
    .action(async (opts: NormalizeOptions, cmd: Command) => {
      const k = parseTop(opts.top);
      const mode = opts.postingPrior ?? 'batch';
      if (mode !== 'batch' && mode !== 'off') throw new CliError(`--posting-prior must be batch or off, got "${mode}"`, 2);
      const concepts = await loadConcepts(opts, 'occupation', cmd.optsWithGlobals<GlobalOptions>());
      const record = (normalizer: ReturnType<typeof createTitleNormalizer>) => (text: string) => ({ text, matches: normalizer.normalize(text, k).map(publicMatch) });
      // Typed at a terminal, titles are answered one by one; piped in, a batch is a job board's postings.
      if (mode === 'off' || process.stdin.isTTY) {
        await streamLines(record(createTitleNormalizer(concepts)));
        return;
      }
      const lines = await readLines();
      const titles = lines.filter((l) => l.trim() !== '');
      const normalizer = titles.length >= MIN_PRIOR_TITLES
        ? createTitleNormalizerWithPostingPrior(concepts, titles).normalizer
        : createTitleNormalizer(concepts);
      await writeRecords(lines, record(normalizer));
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
