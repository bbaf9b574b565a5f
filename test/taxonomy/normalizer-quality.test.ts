import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { SHARED_DIR } from '../support/databases.ts';
import {
  benchmarkPaths, createSkillExtractor, createTfidfBaseline, createTitleNormalizer, createTitleNormalizerWithPostingPrior,
  evaluateSkills, evaluateTitles, loadEscoOccupations, loadEscoSkillLabels, loadJobbertTitles, loadSkillSentences,
  escoTitlePrior, splitTuneHoldout, titlePriorWeight, type TitleMetrics,
} from '../../src/taxonomy/normalizer/index.ts';
import { titlePriorFromLabels } from '../../scripts/taxonomy/learn-esco-title-prior.ts';

// Quality on real labelled data (JobBERT titles, SkillSpan TECH/HOUSE sentences, ESCO), against the
// TF-IDF baselines measured in the same run. Full figures: node --import tsx bench/normalize.ts
const paths = benchmarkPaths(SHARED_DIR);
const present = Object.values(paths).every((p) => existsSync(p));
const skip = present ? false : `benchmark data not found under ${SHARED_DIR}data`;

// Build budgets are CPU time with head-room: ~1 s on an idle machine, up to ~1.9 s when 15 other
// processes share the 2 cores; the point is to catch a regression of several times, not noise.
const BUILD_CPU_BUDGET_MS = 3000;

function cpuMs<T>(fn: () => T): { value: T; cpu: number } {
  const c = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(c);
  return { value, cpu: (used.user + used.system) / 1000 };
}

test('skill extraction meets RP@5 targets on TECH (≥ 0.65) and HOUSE (≥ 0.48) and beats both baselines', { skip }, async () => {
  const skills = await loadEscoSkillLabels(paths.skills);
  const built = cpuMs(() => createSkillExtractor(skills));
  assert.ok(built.cpu < BUILD_CPU_BUDGET_MS, `index build took ${built.cpu.toFixed(0)} ms of CPU for ${skills.length} skills`);
  const ours = (text: string, k: number) => built.value.extract(text, k).map((m) => m.id);
  const word = createTfidfBaseline(skills, 'word');
  for (const [name, file, target] of [['TECH', paths.tech, 0.65], ['HOUSE', paths.house, 0.48]] as const) {
    const sentences = await loadSkillSentences(file);
    const got = evaluateSkills(ours, sentences);
    const baseline = evaluateSkills(word, sentences);
    assert.ok(got.rp5 >= target, `${name} RP@5 ${got.rp5.toFixed(3)} < ${target}`);
    assert.ok(got.rp5 > baseline.rp5 * 1.1, `${name} RP@5 ${got.rp5.toFixed(3)} vs word TF-IDF ${baseline.rp5.toFixed(3)}`);
  }
});

// One build and one evaluation of 2,000 titles (every 7th), shared by the two title tests.
let titleRun: Promise<{ got: TitleMetrics; baseline: TitleMetrics; buildCpu: number; queryCpu: number; n: number }> | undefined;
function evaluateTitleSample() {
  titleRun ??= (async () => {
    const occupations = await loadEscoOccupations(paths.occupations);
    const titles = (await loadJobbertTitles(paths.titles)).filter((_, i) => i % 7 === 3).slice(0, 2000);
    const built = cpuMs(() => createTitleNormalizer(occupations));
    const timed = cpuMs(() => evaluateTitles((t, k) => built.value.normalize(t, k).map((m) => m.id), titles));
    const baseline = evaluateTitles(createTfidfBaseline(occupations, 'char'), titles);
    return { got: timed.value, baseline, buildCpu: built.cpu, queryCpu: timed.cpu / titles.length, n: titles.length };
  })();
  return titleRun;
}

test('title normalization beats the character TF-IDF baseline on 2,000 JobBERT titles and stays fast', { skip }, async () => {
  const { got, baseline, buildCpu, queryCpu, n } = await evaluateTitleSample();
  assert.equal(n, 2000);
  assert.ok(buildCpu < BUILD_CPU_BUDGET_MS, `index build took ${buildCpu.toFixed(0)} ms of CPU`);
  assert.ok(queryCpu < 5, `${queryCpu.toFixed(2)} ms of CPU per title`);
  assert.ok(got.mrr > baseline.mrr * 1.1, `MRR ${got.mrr.toFixed(3)} vs baseline ${baseline.mrr.toFixed(3)}`);
  assert.ok(got.r10 > baseline.r10 * 1.1, `R@10 ${got.r10.toFixed(3)} vs baseline ${baseline.r10.toFixed(3)}`);
});

test('a posting prior learned from the unlabelled tuning titles lifts held-out MRR and R@10', { skip }, async () => {
  const occupations = await loadEscoOccupations(paths.occupations);
  const { tune, holdout } = splitTuneHoldout(await loadJobbertTitles(paths.titles));
  const sample = holdout.filter((_, i) => i % 6 === 1); // ~2,000 held-out titles, whose texts the prior never sees
  const plain = createTitleNormalizer(occupations);
  const { normalizer, prior } = createTitleNormalizerWithPostingPrior(occupations, tune.map((t) => t.text));
  assert.ok(prior.titles > 3000, `learned from ${prior.titles} titles`);
  const before = evaluateTitles((t, k) => plain.normalize(t, k).map((m) => m.id), sample);
  const after = evaluateTitles((t, k) => normalizer.normalize(t, k).map((m) => m.id), sample);
  // Full held-out part: MRR +1.6 points, R@10 +3.3 points (bench/normalize.ts).
  assert.ok(after.mrr > before.mrr + 0.008, `MRR ${after.mrr.toFixed(3)} vs ${before.mrr.toFixed(3)} without the prior`);
  assert.ok(after.r10 > before.r10 + 0.015, `R@10 ${after.r10.toFixed(3)} vs ${before.r10.toFixed(3)} without the prior`);
});

test('with the shipped ESCO title prior, held-out titles reach MRR ≥ 0.45 and R@10 ≥ 0.65', { skip }, async () => {
  // The prior was learned from the tuning fifth's labels only (scripts/taxonomy/learn-esco-title-prior.ts);
  // this sample is from the other four fifths. Full held-out part: MRR 0.479, R@10 0.670 (bench/normalize.ts).
  const occupations = await loadEscoOccupations(paths.occupations);
  const { holdout } = splitTuneHoldout(await loadJobbertTitles(paths.titles));
  const sample = holdout.filter((_, i) => i % 6 === 1);
  const prior = titlePriorWeight(escoTitlePrior(), occupations);
  assert.ok(prior, 'the shipped prior applies to ESCO');
  const normalizer = createTitleNormalizer(occupations, { prior });
  const got = evaluateTitles((t, k) => normalizer.normalize(t, k).map((m) => m.id), sample);
  assert.ok(got.n > 2000, `${got.n} titles`);
  assert.ok(got.mrr >= 0.45, `MRR ${got.mrr.toFixed(3)}`);
  assert.ok(got.r10 >= 0.65, `R@10 ${got.r10.toFixed(3)}`);
  const { got: plain } = await evaluateTitleSample();
  assert.ok(got.mrr > plain.mrr + 0.05, `MRR ${got.mrr.toFixed(3)} vs ${plain.mrr.toFixed(3)} without the prior`);
});

test('the shipped ESCO title prior is what the tuning fifth labels give (no held-out label in it)', { skip }, async () => {
  const occupations = await loadEscoOccupations(paths.occupations);
  const titles = await loadJobbertTitles(paths.titles);
  const learned = titlePriorFromLabels(titles, occupations);
  assert.deepEqual(escoTitlePrior(), learned);
  assert.equal(learned.labelled, splitTuneHoldout(titles).tune.length);
});
