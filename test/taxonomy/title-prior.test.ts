import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportError } from '../../src/domain/index.ts';
import {
  applyTitlePrior, createTitleNormalizer, escoTitlePrior, learnTitlePrior, readTitlePrior, titlePriorWeight,
} from '../../src/taxonomy/normalizer/index.ts';
import { occupation, SALES_TAXONOMY } from './sales-taxonomy.ts';

const TAXONOMY = SALES_TAXONOMY;
const labels = (ids: string[]) => ids.map((conceptId) => ({ conceptId }));

test('a labelled prior counts confirmed occupations and turns a vague title toward what is usually meant', () => {
  const prior = learnTitlePrior(labels([...Array(20).fill('occ:sales-assistant'), 'occ:sales-manager']), TAXONOMY, { description: 'test' });
  assert.equal(prior.labelled, 21);
  assert.deepEqual(prior.occupations.map((o) => [o.id, o.label, o.count]), [
    ['occ:sales-assistant', 'sales assistant', 20], ['occ:sales-manager', 'sales manager', 1],
  ]);
  const plain = createTitleNormalizer(TAXONOMY);
  assert.equal(plain.normalize('Sales', 1)[0].id, 'occ:sales-manager');
  const weight = titlePriorWeight(prior, TAXONOMY)!;
  assert.equal(createTitleNormalizer(TAXONOMY, { prior: weight }).normalize('Sales', 1)[0].id, 'occ:sales-assistant');
  // Clear titles keep their reading: a prior moves ties, it does not overrule the words.
  assert.equal(createTitleNormalizer(TAXONOMY, { prior: weight }).normalize('Head of Sales', 1)[0].id, 'occ:sales-manager');
  // A title that is exactly an occupation's preferred label keeps it, even under a strong prior.
  const strong = titlePriorWeight({ ...prior, strength: 1 }, TAXONOMY)!;
  const [exact] = createTitleNormalizer(TAXONOMY, { prior: strong }).normalize('Sales Manager', 1);
  assert.equal(exact.id, 'occ:sales-manager');
  assert.equal(exact.score, plain.normalize('Sales Manager', 1)[0].score, 'the prior does not touch a spelled-out label');
  const [first, second] = createTitleNormalizer(TAXONOMY, { prior: strong }).normalize('Sales', 2);
  assert.equal(first.id, 'occ:sales-assistant');
  assert.equal(second.id, 'occ:sales-manager');
  assert.ok(second.lexicalScore! > second.score, 'lexicalScore is the match before the prior');
  assert.ok(second.lexicalScore! >= first.lexicalScore!, 'by the words alone, "Sales" reads as sales manager');
  for (const c of TAXONOMY) assert.ok(weight(c) > 0 && weight(c) <= 1, `${c.id}: ${weight(c)}`);
  assert.equal(weight(TAXONOMY[1]), 1, 'the most confirmed occupation keeps its score');
  assert.ok(weight(TAXONOMY[2]) < weight(TAXONOMY[0]), 'never confirmed gets the smoothing floor');
});

test('an unknown occupation id is an error with its position, not skipped', () => {
  assert.throws(() => learnTitlePrior(labels(['occ:sales-manager', 'occ:pilot']), TAXONOMY, { description: 'x' }),
    (err: unknown) => err instanceof ImportError && /line 2: "occ:pilot" is not an occupation/.test(err.message));
});

test('a prior applies to a taxonomy by id, or by preferred label under other ids, and not to another taxonomy', () => {
  const prior = learnTitlePrior(labels(['occ:sales-assistant', 'occ:sales-assistant', 'occ:sales-manager']), TAXONOMY, { description: 'x' });
  const byId = applyTitlePrior(prior, TAXONOMY)!;
  assert.equal(byId.coverage, 1);
  assert.equal(byId.prior.counts.get('occ:sales-assistant'), 2 + prior.pseudoCount);
  const renamed = TAXONOMY.map((c) => ({ ...c, id: c.id.replace('occ:', 'esco:'), label: c.label.toUpperCase() }));
  const byLabel = applyTitlePrior(prior, renamed)!;
  assert.equal(byLabel.coverage, 1);
  assert.equal(byLabel.prior.counts.get('esco:sales-manager'), 1 + prior.pseudoCount);
  assert.equal(applyTitlePrior(prior, [occupation('occ:nurse', 'nurse')]), undefined);
  const three = learnTitlePrior(labels(TAXONOMY.map((c) => c.id)), TAXONOMY, { description: 'x' });
  assert.equal(titlePriorWeight(three, [occupation('occ:nurse', 'nurse'), TAXONOMY[1]]), undefined, 'one of three found is not enough');
  assert.ok(titlePriorWeight(three, [TAXONOMY[0], TAXONOMY[1]]), 'two of three found is');
});

test('reading a prior file: a missing file, bad JSON or a wrong shape is an ImportError naming the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fw-title-prior-'));
  try {
    const good = learnTitlePrior(labels(['occ:sales-manager']), TAXONOMY, { description: 'x' });
    const cases: [string, string | undefined, RegExp][] = [
      ['missing.json', undefined, /cannot read title prior: ENOENT/],
      ['bad.json', '{"format":', /not valid JSON/],
      ['shape.json', JSON.stringify({ ...good, format: 'other' }), /not a title prior: format/],
      ['count.json', JSON.stringify({ ...good, occupations: [{ id: 'a', label: 'a', count: -1 }] }), /occupations\.0\.count/],
    ];
    for (const [name, text, message] of cases) {
      const file = join(dir, name);
      if (text !== undefined) await writeFile(file, text);
      await assert.rejects(readTitlePrior(file), (err: unknown) => err instanceof ImportError && message.test(err.message) && err.message.includes(file));
    }
    const file = join(dir, 'good.json');
    await writeFile(file, JSON.stringify(good));
    assert.deepEqual(await readTitlePrior(file), good);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the shipped ESCO prior is valid, holds counts only, and leaves other taxonomies alone', () => {
  const shipped = escoTitlePrior();
  assert.ok(shipped.occupations.length > 500, `${shipped.occupations.length} occupations`);
  assert.equal(shipped.occupations.reduce((s, o) => s + o.count, 0), shipped.labelled);
  for (const o of shipped.occupations) assert.deepEqual(Object.keys(o).sort(), ['count', 'id', 'label']);
  assert.equal(titlePriorWeight(shipped, TAXONOMY), undefined);
});
