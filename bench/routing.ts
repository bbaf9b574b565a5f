/**
 * Intent routing: quality on the held-out set (confusion matrix), CLINC150 validation non-career
 * utterances, training time and per-decision latency, against two baselines measured in the same run:
 * a keyword-rule router and a nearest-centroid TF-IDF router trained on the same utterances.
 *   node --import tsx bench/routing.ts [--json out.json] [--quick] [--with-clinc-train]
 * `--with-clinc-train` also reports a variant trained with CLINC150 train small talk/out-of-scope added.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  CAREER_INTENTS, createRouter, DEFAULT_LLM_THRESHOLD, HELDOUT_PATH, INTENTS, readClinc, readUtterances, tokenize, TRAIN_PATH,
  type ClincUtterance, type Intent, type Utterance,
} from '../src/assistant/router/index.ts';
import { benchArgs, percentile, report } from './_args.ts';

const args = benchArgs();
const withClincTrain = process.argv.includes('--with-clinc-train');
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const sharedDir = process.env.FITWISE_SHARED_DIR ?? join(root, '..', 'shared');
const hasClinc = existsSync(join(sharedDir, 'data/benchmarks/clinc150/train_val.json'));
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

type Classify = (text: string) => Intent;

// ---- baseline 1: keyword rules, the router one writes first -------------------------------------
const RULES: Array<[RegExp, Intent]> = [
  [/^(hi|hello|hey|yo|thanks?|thank you|thx|ty|bye|goodbye|cheers|good (morning|evening|night))\b|who are you|are you a (bot|robot|human)|what can you do|your name|tell me a joke/, 'small_talk'],
  [/\b(applicants?|applied|applications?|shortlist)\b|\brank\b/, 'rank_applicants'],
  [/\b(candidates?|talent|hire|hiring|recruit\w*|source|sourcing|headhunt)\b/, 'find_candidates'],
  [/\b(posting|job ad|ad|advert|listing|job description|vacancy text)\b/, 'improve_posting'],
  [/\binterview\w*/, 'interview_prep'],
  [/\b(learn\w*|courses?|certif\w*|study|training|roadmap|become|upskill\w*)\b/, 'learning_path'],
  [/\b(profile|resume|résumé|cv|headline|summary|bio)\b/, 'improve_profile'],
  [/\b(fit|qualif\w*|chances?|match\w*|suited|requirements)\b/, 'assess_fit'],
  [/\b(jobs?|roles?|positions?|openings?|vacanc\w*|work as|internships?)\b/, 'find_jobs'],
  [/\b(company|employer|culture|benefits|headquarter\w*|employees|work at|working at)\b/, 'company_info'],
];
const keywordRouter: Classify = (text) => {
  const t = text.toLowerCase();
  for (const [re, intent] of RULES) if (re.test(t)) return intent;
  return 'out_of_scope';
};

// ---- baseline 2: nearest-centroid TF-IDF (word unigrams + bigrams) -------------------------------
function tfidfCentroidRouter(train: readonly Utterance<Intent>[]): Classify {
  const terms = (text: string) => {
    const t = tokenize(text);
    return [...t, ...t.slice(1).map((w, i) => `${t[i]}_${w}`)];
  };
  const df = new Map<string, number>();
  for (const u of train) for (const term of new Set(terms(u.text))) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = (term: string) => Math.log((1 + train.length) / (1 + (df.get(term) ?? 0))) + 1;
  const vec = (text: string) => {
    const v = new Map<string, number>();
    for (const term of terms(text)) v.set(term, (v.get(term) ?? 0) + idf(term));
    const norm = Math.sqrt([...v.values()].reduce((a, x) => a + x * x, 0)) || 1;
    for (const [k, x] of v) v.set(k, x / norm);
    return v;
  };
  const centroids = new Map<Intent, Map<string, number>>();
  for (const u of train) {
    const c = centroids.get(u.intent) ?? new Map<string, number>();
    for (const [k, x] of vec(u.text)) c.set(k, (c.get(k) ?? 0) + x);
    centroids.set(u.intent, c);
  }
  for (const c of centroids.values()) {
    const norm = Math.sqrt([...c.values()].reduce((a, x) => a + x * x, 0)) || 1;
    for (const [k, x] of c) c.set(k, x / norm);
  }
  return (text) => {
    const v = vec(text);
    let best: Intent = 'out_of_scope';
    let bestSim = 0;
    for (const [intent, c] of centroids) {
      let sim = 0;
      for (const [k, x] of v) sim += x * (c.get(k) ?? 0);
      if (sim > bestSim) { bestSim = sim; best = intent; }
    }
    return best;
  };
}

// ---- evaluation -----------------------------------------------------------------------------------
function confusion(classify: Classify, data: readonly Utterance<Intent>[]) {
  const matrix: Record<string, Record<string, number>> = {};
  for (const t of INTENTS) matrix[t] = Object.fromEntries(INTENTS.map((p) => [p, 0]));
  let correct = 0;
  for (const u of data) {
    const p = classify(u.text);
    matrix[u.intent]![p]! += 1;
    if (p === u.intent) correct++;
  }
  const perIntent = Object.fromEntries(INTENTS.map((i) => {
    const tp = matrix[i]![i]!;
    const support = Object.values(matrix[i]!).reduce((a, b) => a + b, 0);
    const predicted = INTENTS.reduce((a, t) => a + matrix[t]![i]!, 0);
    return [i, { precision: round(predicted ? tp / predicted : 0), recall: round(support ? tp / support : 0), support }];
  }));
  return { accuracy: round(correct / data.length), n: data.length, perIntent, confusion: matrix };
}

function clincScores(classify: Classify, data: readonly ClincUtterance[]) {
  const byDomain: Record<string, { n: number; exact: number; nonCareer: number }> = {};
  let exact = 0;
  let nonCareer = 0;
  for (const u of data) {
    const p = classify(u.text);
    const d = (byDomain[u.domain] ??= { n: 0, exact: 0, nonCareer: 0 });
    d.n++;
    if (p === u.intent) { exact++; d.exact++; }
    if (!CAREER_INTENTS.includes(p)) { nonCareer++; d.nonCareer++; }
  }
  return {
    n: data.length,
    nonCareerRate: round(nonCareer / data.length),
    exactRate: round(exact / data.length),
    byDomain: Object.fromEntries(Object.entries(byDomain).map(([k, v]) => [k, { n: v.n, exact: round(v.exact / v.n), nonCareer: round(v.nonCareer / v.n) }])),
  };
}

/** Wall-clock and CPU time per decision: on a shared machine wall-clock p99 also counts the neighbours' time slices. */
function latency(classify: (text: string) => unknown, texts: readonly string[], passes: number) {
  for (const t of texts) classify(t); // warm-up: let the JIT finish before timing
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let p = 0; p < passes; p++) {
    for (const t of texts) {
      const c0 = process.cpuUsage();
      const s = performance.now();
      classify(t);
      wall.push(performance.now() - s);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    decisions: wall.length,
    p50Ms: round(percentile(wall, 50), 5),
    p99Ms: round(percentile(wall, 99), 5),
    maxMs: round(wall[wall.length - 1]!, 3),
    cpuP50Ms: round(percentile(cpu, 50), 5),
    cpuP99Ms: round(percentile(cpu, 99), 5),
    loadAverage1m: round(loadavg()[0]!, 2),
  };
}

const train = readUtterances(TRAIN_PATH);
const heldout = readUtterances(HELDOUT_PATH);
const clincVal = hasClinc ? readClinc(sharedDir, 'val') : [];
const cpu0 = process.cpuUsage();
const router = createRouter({ fresh: true });
const cpu = process.cpuUsage(cpu0);
const tfidf = (() => {
  const s = performance.now();
  const r = tfidfCentroidRouter(train);
  return { classify: r, trainingMs: performance.now() - s };
})();
const ours: Classify = (text) => router.route(text).intent;
const latencyTexts = [...heldout.map((u) => u.text), ...clincVal.filter((_, i) => i % (args.quick ? 10 : 2) === 0).map((u) => u.text)];
const passes = args.quick ? 1 : 3;

const systems = {
  router: { classify: ours, trainingMs: router.trainingMs, latency: latency((t) => router.route(t), latencyTexts, passes) },
  tfidfCentroid: { classify: tfidf.classify, trainingMs: tfidf.trainingMs, latency: latency(tfidf.classify, latencyTexts, passes) },
  keywordRules: { classify: keywordRouter, trainingMs: 0, latency: latency(keywordRouter, latencyTexts, passes) },
};

const results = Object.fromEntries(Object.entries(systems).map(([name, s]) => [name, {
  trainingMs: round(s.trainingMs, 1),
  heldout: confusion(s.classify, heldout),
  clincValidation: hasClinc ? clincScores(s.classify, clincVal) : { skipped: `CLINC150 not found under ${sharedDir}` },
  latency: s.latency,
}]));

// How much the LLM second stage would be asked (its cost) and how many local errors it would get to see.
function secondStage(data: readonly Utterance<Intent>[]) {
  let asked = 0;
  let errors = 0;
  let errorsAsked = 0;
  for (const u of data) {
    const d = router.route(u.text);
    const ask = d.source === 'threshold' || d.confidence < DEFAULT_LLM_THRESHOLD;
    if (ask) asked++;
    if (d.intent !== u.intent) { errors++; if (ask) errorsAsked++; }
  }
  return { threshold: DEFAULT_LLM_THRESHOLD, callRate: round(asked / data.length), localErrors: errors, localErrorsSentToLlm: errorsAsked };
}
const llmSecondStage = { heldout: secondStage(heldout), ...(hasClinc ? { clincValidation: secondStage(clincVal) } : {}) };

let withClinc: unknown;
if (withClincTrain && hasClinc) {
  // Experiment: add CLINC150 *train* small talk / out-of-scope (every 4th utterance); validation stays untouched.
  const extra = readClinc(sharedDir, 'train').filter((_, i) => i % 4 === 0);
  const r = createRouter({ extraExamples: extra, fresh: true });
  const c: Classify = (text) => r.route(text).intent;
  withClinc = { extraExamples: extra.length, trainingMs: round(r.trainingMs, 1), heldoutAccuracy: confusion(c, heldout).accuracy, clincValidation: clincScores(c, clincVal) };
}

type R = { heldout: { accuracy: number }; clincValidation: { nonCareerRate?: number; exactRate?: number }; latency: { p99Ms: number; cpuP99Ms: number; p50Ms: number } };
const ratio = (a: number, b: number) => (b === 0 ? null : round(a / b, 3));
const summarise = (base: R) => {
  const r = results.router as R;
  return {
    heldoutAccuracy: ratio(r.heldout.accuracy, base.heldout.accuracy),
    heldoutErrorRate: ratio(1 - r.heldout.accuracy, 1 - base.heldout.accuracy),
    clincNonCareerRate: hasClinc ? ratio(r.clincValidation.nonCareerRate!, base.clincValidation.nonCareerRate!) : null,
    p50Latency: ratio(r.latency.p50Ms, base.latency.p50Ms),
    p99Latency: ratio(r.latency.p99Ms, base.latency.p99Ms),
  };
};
const r = results.router as R & { clincValidation: { byDomain?: Record<string, { exact: number }> } };

report({
  benchmark: 'routing',
  data: { train: train.length, heldout: heldout.length, clincValidation: clincVal.length },
  router: { trainingMs: round(router.trainingMs, 1), trainingCpuMs: round((cpu.user + cpu.system) / 1000, 1), trainingSize: router.trainingSize },
  targets: {
    heldoutAccuracy: { target: 0.95, value: r.heldout.accuracy, met: r.heldout.accuracy >= 0.95 },
    clincNonCareer: hasClinc ? { target: 0.95, value: r.clincValidation.nonCareerRate, met: r.clincValidation.nonCareerRate! >= 0.95 } : null,
    p99Ms: { target: 1, value: r.latency.p99Ms, met: r.latency.p99Ms <= 1, note: 'wall clock; depends on the machine load (see latency.loadAverage1m)' },
    cpuP99Ms: { target: 1, value: r.latency.cpuP99Ms, met: r.latency.cpuP99Ms <= 1 },
  },
  results,
  llmSecondStage,
  ratios: { vsTfidfCentroid: summarise(results.tfidfCentroid as R), vsKeywordRules: summarise(results.keywordRules as R) },
  ...(withClinc ? { withClincTrain: withClinc } : {}),
}, args.json);
