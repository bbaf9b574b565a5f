/**
 * Learns data/taxonomy/esco-title-prior.json, the occupation prior for ESCO titles, from the tuning
 * fifth (items 0, 5, 10, …) of the JobBERT validation titles' labels. Only counts per occupation are
 * written: no title text. The other four fifths stay unseen, so bench/normalize.ts can measure the
 * shipped prior on them honestly.
 *
 *   node --import tsx scripts/taxonomy/learn-esco-title-prior.ts          # write the file
 *   node --import tsx scripts/taxonomy/learn-esco-title-prior.ts --check  # exit 1 if it is stale
 *
 * Reads ../shared/data (FITWISE_SHARED_DIR overrides), which exists on developer machines only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Concept } from '../../src/domain/index.ts';
import {
  benchmarkPaths, ESCO_TITLE_PRIOR_FILE, learnTitlePrior, loadEscoOccupations, loadJobbertTitles, splitTuneHoldout,
  type LabelledTitle, type TitlePriorFile,
} from '../../src/taxonomy/normalizer/index.ts';

export const TITLE_PRIOR_DESCRIPTION = 'Occupation frequencies of vacancy titles: the confirmed ESCO occupations of the tuning fifth '
  + '(items 0, 5, 10, …) of the JobBERT validation titles (TechWolf, MIT licence), counts only. Titles whose occupation is not '
  + 'in ESCO v1.1.1 are left out. Regenerate with scripts/taxonomy/learn-esco-title-prior.ts.';

/** The prior from labelled titles: the tuning fifth, limited to occupations the taxonomy has. */
export function titlePriorFromLabels(titles: readonly LabelledTitle[], occupations: readonly Concept[]): TitlePriorFile {
  const known = new Set(occupations.map((c) => c.id));
  const { tune } = splitTuneHoldout(titles);
  return learnTitlePrior(tune.filter((t) => known.has(t.conceptId)), occupations, { description: TITLE_PRIOR_DESCRIPTION });
}

/** Readable and diff-friendly: the header fields, then one occupation per line. */
function formatTitlePrior(prior: TitlePriorFile): string {
  const { occupations, ...header } = prior;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  return `${head},\n  "occupations": [\n${occupations.map((o) => `    ${JSON.stringify(o)}`).join(',\n')}\n  ]\n}\n`;
}

const main = async () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const paths = benchmarkPaths(process.env.FITWISE_SHARED_DIR ?? join(root, '..', 'shared'));
  const occupations = await loadEscoOccupations(paths.occupations);
  const prior = titlePriorFromLabels(await loadJobbertTitles(paths.titles), occupations);
  const text = formatTitlePrior(prior);
  if (process.argv.includes('--check')) {
    const current = readFileSync(ESCO_TITLE_PRIOR_FILE, 'utf8');
    if (current !== text) {
      process.stderr.write(`${ESCO_TITLE_PRIOR_FILE} is stale: run scripts/taxonomy/learn-esco-title-prior.ts\n`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(ESCO_TITLE_PRIOR_FILE, text);
  process.stdout.write(`${ESCO_TITLE_PRIOR_FILE}: ${prior.occupations.length} occupations from ${prior.labelled} labelled titles\n`);
};

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
