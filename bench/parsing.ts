/**
 * Defensive parsing of structured LLM output: recovery rates and speed on our corpus of malformed
 * outputs of Fitwise schemas (test/fixtures/llm-outputs) and on the shared json_repair corpora, with
 * plain `jsonrepair` + JSON.parse measured in the same run as the baseline.
 * Targets (issue #4): unrecoverable ≤ 0.01% of recoverable cases; 0 schema-violating values; no crash.
 * Prints JSON; `--json FILE` also writes it.
 */
import { existsSync } from 'node:fs';
import { jsonrepair } from 'jsonrepair';
import { parseStructuredOutput } from '../src/llm/index.ts';
import { loadCorpus, scoreCorpus, scoreJsonRepairCorpora } from '../test/fixtures/llm-outputs/evaluate.ts';
import { corpusSchemas } from '../test/fixtures/llm-outputs/schemas.ts';
import { benchArgs, report } from './_args.ts';

const args = benchArgs();

const SHARED = new URL('../../shared/data/benchmarks/json_repair', import.meta.url).pathname;
const cases = loadCorpus();
const ours = scoreCorpus(cases);

/** Time per case over the whole corpus, ours against jsonrepair alone (which has no schema step). */
function timePerCaseUs(fn: (input: string, schema: (typeof corpusSchemas)[keyof typeof corpusSchemas]) => unknown): number {
  const rounds = args.quick ? 3 : 20;
  for (const c of cases) fn(c.input, corpusSchemas[c.schema]);
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const c of cases) fn(c.input, corpusSchemas[c.schema]);
  return Math.round(((performance.now() - t0) * 1000) / (rounds * cases.length) * 10) / 10;
}
const oursUs = timePerCaseUs((input, schema) => parseStructuredOutput(input, schema));
const baselineUs = timePerCaseUs((input) => { try { return JSON.parse(jsonrepair(input)); } catch { return undefined; } });

// Baseline recovery on our corpus: jsonrepair, then the schema without coercion.
let baselineValid = 0;
for (const c of cases.filter((x) => x.recoverable)) {
  try {
    if (corpusSchemas[c.schema].safeParse(JSON.parse(jsonrepair(c.input))).success) baselineValid++;
  } catch { /* not recovered */ }
}

const shared = existsSync(SHARED) ? scoreJsonRepairCorpora(SHARED) : undefined;
const result = {
  benchmark: 'defensive-parsing',
  ourCorpus: {
    cases: ours.cases,
    recoverable: ours.recoverable,
    unrecoverable: ours.unrecoverable.length,
    unrecoverableRate: ours.unrecoverable.length / ours.recoverable,
    wrongValue: ours.wrongValue.length,
    schemaViolations: ours.schemaViolations.length,
    garbageAccepted: ours.garbageAccepted.length,
    baselineJsonrepairSchemaValid: baselineValid,
    baselineJsonrepairUnrecoverableRate: Math.round((1 - baselineValid / ours.recoverable) * 10000) / 10000,
    microsecondsPerCase: { ours: oursUs, baselineJsonrepair: baselineUs, ratio: Math.round((oursUs / baselineUs) * 100) / 100 },
    pass: ours.unrecoverable.length / ours.recoverable <= 0.0001 && ours.schemaViolations.length === 0 && ours.wrongValue.length === 0,
  },
  sharedJsonRepair: shared
    ? {
      expectedRepairs: shared.expectedRepairs,
      sameValue: shared.sameValue,
      baselineJsonrepairSameValue: shared.baselineSameValue,
      bySource: shared.bySource,
      jsonTestSuite: { y: `${shared.yAccepted}/${shared.yFiles} accepted`, n: `${shared.nRejected} rejected + ${shared.nRepaired} repaired to valid JSON of ${shared.nFiles}` },
      crashes: shared.crashes.length,
      pass: shared.crashes.length === 0 && shared.yAccepted === shared.yFiles && shared.nRejected + shared.nRepaired === shared.nFiles,
    }
    : `skipped: ${SHARED} is absent`,
};
report(result, args.json);
