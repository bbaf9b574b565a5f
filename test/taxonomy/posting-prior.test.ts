import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTitleNormalizer, createTitleNormalizerWithPostingPrior, estimatePostingPrior, learnPostingPrior, postingPriorWeight,
} from '../../src/taxonomy/normalizer/index.ts';
import { occupation, SALES_TAXONOMY } from './sales-taxonomy.ts';

const TAXONOMY = SALES_TAXONOMY;
const ASSISTANT_BOARD = [...Array(8).fill('Sales Assistant'), 'Retail Sales Assistant', 'Shop Assistant (part-time)', 'Sales Manager'];
const MANAGER_BOARD = [...Array(8).fill('Sales Manager'), 'Head of Sales - Berlin', 'Sales Director', 'Sales Assistant'];

test('EM moves mass toward the occupation that most titles point to, more with each round', () => {
  // Ten titles lean slightly to A, one to B: the prior should favour A, and EM should sharpen it.
  const lists = [
    ...Array.from({ length: 10 }, () => ({ ids: ['A', 'B'], scores: [0.6, 0.55] })),
    { ids: ['B', 'A'], scores: [0.6, 0.55] },
  ];
  const share = (iterations: number) => {
    const p = estimatePostingPrior(lists, { temperature: 0.1, pseudoCount: 0, iterations });
    return p.counts.get('A')! / (p.counts.get('A')! + p.counts.get('B')!);
  };
  assert.ok(share(1) > 0.55, `share of A after one round: ${share(1)}`);
  assert.ok(share(5) > share(1) + 0.05, `share of A after 5 rounds ${share(5)} vs 1 round ${share(1)}`);
  const p = estimatePostingPrior(lists, { temperature: 0.1, pseudoCount: 0, iterations: 1 });
  assert.equal(p.titles, 11);
  assert.ok(Math.abs(p.counts.get('A')! + p.counts.get('B')! - 11) < 1e-9, 'each title spreads exactly one unit of mass');
});

test('an ambiguous title follows what the job board posts, learned from unlabelled titles only', () => {
  const plain = createTitleNormalizer(TAXONOMY);
  assert.equal(plain.normalize('Sales', 1)[0].id, 'occ:sales-manager', 'without a prior "Sales" reads as sales manager');
  const assistants = createTitleNormalizerWithPostingPrior(TAXONOMY, ASSISTANT_BOARD, { strength: 1 });
  assert.equal(assistants.normalizer.normalize('Sales', 1)[0].id, 'occ:sales-assistant');
  assert.ok(assistants.prior.counts.get('occ:sales-assistant')! > 3 * assistants.prior.counts.get('occ:sales-manager')!);
  const managers = createTitleNormalizerWithPostingPrior(TAXONOMY, MANAGER_BOARD, { strength: 1 });
  assert.equal(managers.normalizer.normalize('Sales', 1)[0].id, 'occ:sales-manager');
  assert.ok(managers.prior.counts.get('occ:sales-manager')! > 3 * managers.prior.counts.get('occ:sales-assistant')!);
});

test('prior weights stay in (0, 1], strength 0 is neutral, unseen occupations get the smoothing floor', () => {
  const prior = learnPostingPrior(createTitleNormalizer(TAXONOMY), ASSISTANT_BOARD, { pseudoCount: 1 });
  const weight = postingPriorWeight(prior, 0.5);
  const unseen = occupation('occ:nurse', 'nurse');
  for (const c of [...TAXONOMY, unseen]) assert.ok(weight(c) > 0 && weight(c) <= 1, `${c.id}: ${weight(c)}`);
  assert.equal(weight(TAXONOMY[1]), 1, 'the most posted occupation keeps its score');
  assert.ok(weight(unseen) < weight(TAXONOMY[0]));
  assert.equal(postingPriorWeight(prior, 0)(unseen), 1);
  const scores = createTitleNormalizer(TAXONOMY, { prior: weight }).normalize('Sales Assistant', 3).map((m) => m.score);
  assert.ok(scores.every((s) => s >= 0 && s <= 1));
});

test('empty titles are ignored and bad options are rejected with a clear error', () => {
  const normalizer = createTitleNormalizer(TAXONOMY);
  assert.equal(learnPostingPrior(normalizer, ['', '   ', 'Sales Assistant']).titles, 1);
  assert.equal(learnPostingPrior(normalizer, []).counts.size, 0);
  assert.throws(() => learnPostingPrior(normalizer, ['x'], { temperature: 0 }), /temperature must be > 0/);
  assert.throws(() => learnPostingPrior(normalizer, ['x'], { topK: 0 }), /topK must be a positive integer/);
  assert.throws(() => learnPostingPrior(normalizer, ['x'], { iterations: 1.5 }), /iterations must be a positive integer/);
  assert.throws(() => learnPostingPrior(normalizer, ['x'], { pseudoCount: -1 }), /pseudoCount must be ≥ 0/);
  assert.throws(() => postingPriorWeight(learnPostingPrior(normalizer, []), -1), /strength must be ≥ 0/);
});
