import type { Command } from 'commander';
import { createRepositories } from '../../store/index.ts';
import { importTaxonomy, readTaxonomyFile, type TaxonomyFormat } from '../../taxonomy/index.ts';
import { CliError, printJson, withDatabase, type GlobalOptions } from '../context.ts';

const FORMATS = ['jsonl', 'esco-occupations', 'esco-skills', 'onet'];

export function register(program: Command): void {
  const taxonomy = program.command('taxonomy').description('manage the skills and occupations taxonomy');
  taxonomy
    .command('import <path>')
    .description('import concepts: generic JSONL, ESCO occupations.csv, a skill-label list (.txt) or an O*NET folder; all-or-nothing')
    .option('--format <format>', `one of ${FORMATS.join(', ')} (default: from the file name)`)
    .option('--json', 'print the counts as JSON')
    .action(async (path: string, opts: { format?: string; json?: boolean }, cmd: Command) => {
      if (opts.format && !FORMATS.includes(opts.format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}`, 2);
      const format = opts.format as TaxonomyFormat | undefined;
      const concepts = await readTaxonomyFile(path, format); // every row validated before the database is opened
      await withDatabase(cmd.optsWithGlobals<GlobalOptions>(), async (handle) => {
        const counts = await importTaxonomy(createRepositories(handle.db), path, format, concepts);
        if (opts.json) printJson(counts);
        else process.stdout.write(`imported ${counts.skills} skills and ${counts.occupations} occupations from ${path}\n`);
      });
    });
}
