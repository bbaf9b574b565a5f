/**
 * Token efficiency of fit-assessment prompts: the assistant's compact prompt (preamble, guidelines,
 * fenced compact facts) against a naive prompt dumping the member and job records as JSON, over N
 * seeded pairs, measured in the same run; cost per assessment at GPT-4 8K prices ($30 in / $60 out per 1M).
 *
 *   node --import tsx bench/tokens.ts [--pairs 200] [--output-tokens 250] [--json FILE]
 */
import { createAppContext, refreshAppContext } from '../src/app/index.ts';
import { measureFitPrompt } from '../src/assistant/index.ts';
import { seedDatabase } from '../src/seed/index.ts';
import { SkillRegistry } from '../src/skills/index.ts';
import { openDatabase } from '../src/store/index.ts';
import { benchArgs, report } from './_args.ts';

const args = benchArgs();
const PAIRS = Number(args.get('pairs') ?? (args.quick ? 50 : 200));
const OUTPUT_TOKENS = Number(args.get('output-tokens') ?? 250);
const PRICE = { inputPerM: 30, outputPerM: 60 };

const ctx = await createAppContext({ handle: await openDatabase({ dataDir: 'memory://' }) });
try {
  const jobsN = Math.max(10, Math.ceil(PAIRS / 4));
  await seedDatabase(ctx.repos, ctx.taxonomy, { members: PAIRS, jobs: jobsN, companies: 10, courses: 60, seed: 7 });
  await refreshAppContext(ctx);
  const members = (await ctx.repos.members.list({ limit: PAIRS, offset: 0 })).items;
  const jobs = (await ctx.repos.jobs.list({ limit: jobsN, offset: 0 })).items;
  const registry = new SkillRegistry();
  let compact = 0;
  let naive = 0;
  let worst = 0;
  for (let i = 0; i < PAIRS; i++) {
    const t = await measureFitPrompt(ctx, registry, members[i % members.length]!, jobs[(i * 7) % jobs.length]!);
    compact += t.compact;
    naive += t.naive;
    worst = Math.max(worst, t.compact / t.naive);
  }
  const cost = (input: number) => (input * PRICE.inputPerM + OUTPUT_TOKENS * PRICE.outputPerM) / 1e6;
  const inputCost = (input: number) => Number(((input * PRICE.inputPerM) / 1e6).toFixed(5));
  const meanCompact = compact / PAIRS;
  const meanNaive = naive / PAIRS;
  report({
    benchmark: 'tokens',
    pairs: PAIRS,
    tokenizer: 'o200k (gpt-tokenizer), chat framing included',
    compact: { totalInputTokens: compact, meanInputTokens: Math.round(meanCompact), inputCostPerAssessmentUsd: inputCost(meanCompact), costPerAssessmentUsd: Number(cost(meanCompact).toFixed(5)) },
    naive: { totalInputTokens: naive, meanInputTokens: Math.round(meanNaive), inputCostPerAssessmentUsd: inputCost(meanNaive), costPerAssessmentUsd: Number(cost(meanNaive).toFixed(5)) },
    ratio: Number((compact / naive).toFixed(3)),
    worstPairRatio: Number(worst.toFixed(3)),
    target: '<= 0.35',
    prices: { ...PRICE, assumedOutputTokens: OUTPUT_TOKENS, model: 'GPT-4 8K' },
  }, args.json);
} finally {
  await ctx.close();
}
