import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { createAppContext } from '../../app/index.ts';
import { createAssistant, loadRouter } from '../../assistant/index.ts';
import { FitwiseError } from '../../domain/index.ts';
import {
  DEGRADATIONS, EvalInterruptedError, LABEL_KEYS, THRESHOLDS_FILE, annotatorAgreement, createAssistantTarget, createJudge,
  createOfflineTarget, exportLabelledCases, formatReportTable, getCase, judgeConfigFromEnv, listAnnotations, loadBaselineMetrics,
  loadDatasets, loadThresholds, parseLabels, readGuidelines, renderHtmlReport, runEvaluation, sampleCases, saveAnnotation, saveEvalRun,
  suiteFiles, type AnnotationCase, type Degradation, type EvalReport, type EvaluationTarget,
} from '../../eval/index.ts';
import { createGateway, loadGatewayConfig } from '../../llm/index.ts';
import { openDatabase, resolveDatabaseOptions, type DatabaseHandle } from '../../store/index.ts';
import { CliError, printJson, type GlobalOptions } from '../context.ts';
import { progressReporter } from '../progress.ts';

interface EvalOptions {
  suite: string;
  dataset?: string[];
  json?: string;
  html?: string;
  baseline?: string;
  thresholds?: string | false;
  concurrency: string;
  resume?: boolean;
  checkpoint?: string;
  degrade?: string;
  target: string;
  judge?: boolean;
  store?: boolean;
  k?: string;
}

function positiveInt(value: string, name: string, max = 256): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(`${name} must be an integer from 1 to ${max}`, 2);
  return n;
}

function writeOut(path: string, text: string): void {
  if (path === '-') { process.stdout.write(text.endsWith('\n') ? text : `${text}\n`); return; }
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, text);
}

/** The user's database, when there is one (DATABASE_URL, or an existing --data-dir / ./.fitwise/db). */
async function openExistingDatabase(opts: GlobalOptions): Promise<DatabaseHandle | undefined> {
  const options = resolveDatabaseOptions(opts);
  if (!options.url && !(options.dataDir && existsSync(options.dataDir))) return undefined;
  return openDatabase(options);
}

async function runEvalCommand(opts: EvalOptions, globals: GlobalOptions): Promise<void> {
  const concurrency = positiveInt(opts.concurrency, '--concurrency');
  if (opts.degrade && !(DEGRADATIONS as readonly string[]).includes(opts.degrade)) throw new CliError(`--degrade must be one of ${DEGRADATIONS.join(', ')}`, 2);
  if (opts.target !== 'local' && opts.target !== 'assistant') throw new CliError('--target must be local or assistant', 2);
  const files = opts.dataset?.length ? opts.dataset.map((f) => resolve(f)) : suiteFiles(opts.suite);
  const datasets = loadDatasets(files);
  const thresholdsFile = opts.thresholds === false ? undefined : resolve(opts.thresholds ?? THRESHOLDS_FILE);
  const thresholds = thresholdsFile ? loadThresholds(thresholdsFile) : undefined;
  const baseline = opts.baseline ? { file: resolve(opts.baseline), metrics: loadBaselineMetrics(resolve(opts.baseline)) } : undefined;
  const judgeConfig = opts.judge === false ? undefined : judgeConfigFromEnv();
  if (opts.suite === 'judge' && !judgeConfig) throw new CliError('the judge suite needs FITWISE_JUDGE_BASE_URL and FITWISE_JUDGE_MODEL', 2);
  const judge = judgeConfig ? createJudge({ ...judgeConfig, ...(opts.k ? { k: positiveInt(opts.k, '--k', 20) } : {}) }) : undefined;

  const offline = await createOfflineTarget({ ...(opts.degrade ? { degrade: opts.degrade as Degradation } : {}) });
  let target: EvaluationTarget = offline.target;
  const closers: (() => Promise<void>)[] = [];
  if (opts.target === 'assistant') {
    // A scratch in-memory database: evaluation cases never touch the user's data.
    const app = await createAppContext({ handle: await openDatabase({ dataDir: 'memory://' }) });
    const gateway = createGateway(loadGatewayConfig());
    closers.push(() => gateway.close(), () => app.close());
    target = createAssistantTarget(app, createAssistant({ app, gateway, router: await loadRouter() }), offline.target);
  }

  const checkpoint = resolve(opts.checkpoint ?? `.fitwise/eval-checkpoint-${opts.suite.replace(/[^\w-]+/g, '_')}.jsonl`);
  const progress = progressReporter('eval');
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  let report: EvalReport;
  try {
    report = await runEvaluation({
      suite: opts.dataset?.length ? 'custom' : opts.suite, datasets, target, catalog: offline.catalog, judge, concurrency,
      checkpoint, resume: opts.resume, thresholds, thresholdsFile, baseline, signal: abort.signal,
      onProgress: (p) => progress.update({ phase: 'cases', done: p.done, total: p.total }),
    });
  } catch (err) {
    if (err instanceof EvalInterruptedError) throw new CliError(err.message, 130);
    throw err;
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSigint);
    await judge?.close();
    for (const close of closers) await close();
  }

  const table = formatReportTable(report);
  if (opts.json === '-') process.stderr.write(`${table}\n`);
  else process.stdout.write(`${table}\n`);
  if (opts.json) writeOut(opts.json, `${JSON.stringify(report, null, opts.json === '-' ? 0 : 1)}\n`);
  if (opts.html) writeOut(opts.html, renderHtmlReport(report));

  if (opts.store !== false) {
    try {
      const handle = await openExistingDatabase(globals);
      if (handle) {
        try {
          const id = await saveEvalRun(handle.db, report);
          process.stderr.write(`stored as ${id} in eval_runs (${handle.location})\n`);
        } finally {
          await handle.close();
        }
      }
    } catch (err) {
      process.stderr.write(`fitwise: warning: the run was not stored in eval_runs: ${(err as Error).message}\n`);
    }
  }

  if (!report.passed) {
    const below = report.thresholds?.checks.filter((c) => !c.passed).map((c) => c.metric) ?? [];
    const regressed = report.baseline?.regressions ?? [];
    throw new CliError(`evaluation failed: ${[below.length ? `below threshold: ${below.join(', ')}` : '', regressed.length ? `regressed: ${regressed.join(', ')}` : ''].filter(Boolean).join('; ')}`, 1);
  }
}

interface AnnotateOptions {
  annotator?: string;
  sample: string;
  seed: string;
  case?: string;
  label?: string[];
  list?: boolean;
  export?: string;
  agreement?: boolean;
  json?: boolean;
}

function showCase(c: AnnotationCase): string {
  return [`── case ${c.caseId} · member ${c.memberId}${c.intent ? ` · routed ${c.intent}` : ''}${c.engine ? ` · engine ${c.engine}` : ''}`, '', `User: ${c.question}`, '', `Assistant: ${c.answer}`, ''].join('\n');
}

const PROMPTS: Record<(typeof LABEL_KEYS)[number], string> = {
  overall: 'overall quality 1-5',
  hallucination: 'hallucination yes/no',
  tone: 'tone ok/blunt/missing_next_step',
  rai: 'Responsible-AI violation yes/no',
  intent: 'correct intent (blank = routed one is right)',
};

async function runAnnotateCommand(opts: AnnotateOptions, globals: GlobalOptions): Promise<void> {
  const handle = await openDatabase(resolveDatabaseOptions(globals));
  try {
    const db = handle.db;
    if (opts.agreement) {
      const report = annotatorAgreement(await listAnnotations(db));
      if (opts.json) printJson(report);
      else for (const r of report) process.stdout.write(`${r.label}: ${r.meanKappa === null ? 'no case labelled by two annotators' : `Cohen's kappa ${r.meanKappa} (${r.pairs.map((p) => `${p.a}/${p.b} κ=${p.kappa} on ${p.items}`).join(', ')})`}\n`);
      return;
    }
    if (opts.export) {
      const lines = await exportLabelledCases(db);
      writeOut(opts.export, lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : ''));
      if (opts.export !== '-') process.stderr.write(`${lines.length} dataset case(s) written to ${opts.export}\n`);
      return;
    }
    const sample = positiveInt(opts.sample, '--sample', 10000);
    if (opts.list) {
      const cases = await sampleCases(db, { limit: sample, seed: opts.seed });
      if (opts.json) for (const c of cases) printJson(c);
      else for (const c of cases) process.stdout.write(`${c.caseId}\t${c.intent ?? ''}\t${c.question.replace(/\s+/g, ' ').slice(0, 80)}\n`);
      return;
    }
    if (!opts.annotator) throw new CliError('give --annotator NAME', 2);
    if (opts.label?.length) {
      if (!opts.case) throw new CliError('--label needs --case ID (see --list)', 2);
      const labels = parseLabels(opts.label);
      await getCase(db, opts.case);
      await saveAnnotation(db, { caseId: opts.case, annotator: opts.annotator, labels });
      if (opts.json) printJson({ caseId: opts.case, annotator: opts.annotator, labels });
      else process.stdout.write(`recorded ${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(' ')} for ${opts.case} by ${opts.annotator}\n`);
      return;
    }
    if (!process.stdin.isTTY) throw new CliError('not a terminal: give --case ID --label key=value (or --list, --export, --agreement)', 2);
    const done = new Set((await listAnnotations(db)).filter((a) => a.annotator === opts.annotator).map((a) => a.caseId));
    const cases = opts.case ? [await getCase(db, opts.case)] : (await sampleCases(db, { limit: sample, seed: opts.seed })).filter((c) => !done.has(c.caseId));
    if (cases.length === 0) { process.stdout.write('nothing left to annotate in this sample\n'); return; }
    process.stdout.write(`${readGuidelines()}\n`);
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      for (const c of cases) {
        process.stdout.write(`\n${showCase(c)}`);
        const pairs: string[] = [];
        for (const key of LABEL_KEYS) {
          for (;;) {
            const v = (await rl.question(`  ${PROMPTS[key]}: `)).trim();
            if (v === 'q') return;
            if (!v) break;
            try { parseLabels([`${key}=${v}`]); pairs.push(`${key}=${v}`); break; } catch (err) { process.stdout.write(`  ${(err as Error).message}\n`); }
          }
        }
        if (pairs.length) {
          await saveAnnotation(db, { caseId: c.caseId, annotator: opts.annotator, labels: parseLabels(pairs) });
          process.stdout.write(`  saved (${pairs.join(' ')})\n`);
        }
      }
    } finally {
      rl.close();
    }
  } finally {
    await handle.close();
  }
}

export function register(program: Command): void {
  program
    .command('eval')
    .description('run the evaluation suite: datasets → evaluators (and an LLM judge when FITWISE_JUDGE_* is set) → table, JSON and HTML reports; non-zero exit when a threshold or the baseline regresses')
    .option('--suite <name>', 'offline (all datasets), judge, or a dataset name: fit, routing, search, posting, injection, fairness (comma-separated)', 'offline')
    .option('--dataset <file...>', 'run these JSONL dataset files instead of a suite')
    .option('--json <file>', 'write the JSON report (- for stdout)')
    .option('--html <file>', 'write the self-contained HTML report with charts')
    .option('--baseline <file>', 'compare with this JSON report: deltas, regressions fail the run')
    .option('--thresholds <file>', 'thresholds file (default data/eval/thresholds.json)')
    .option('--no-thresholds', 'do not apply thresholds')
    .option('--concurrency <n>', 'cases evaluated at once', '4')
    .option('--resume', 'continue an interrupted run from its checkpoint')
    .option('--checkpoint <file>', 'checkpoint file (default .fitwise/eval-checkpoint-SUITE.jsonl)')
    .option('--target <name>', 'local (fit tier + local composer, no database) or assistant (full pipeline on a scratch database, with the configured LLM)', 'local')
    .option('--degrade <kind>', `evaluate a deliberately degraded build (${DEGRADATIONS.join(', ')}); proves the gate catches it`)
    .option('--no-judge', 'skip the LLM judge even when FITWISE_JUDGE_* is set')
    .option('--k <n>', 'judge repetitions per answer (default FITWISE_JUDGE_K or 3)')
    .option('--no-store', 'do not store the run in the eval_runs table')
    .action(async (opts: EvalOptions, cmd: Command) => runEvalCommand(opts, cmd.optsWithGlobals<GlobalOptions>()));

  program
    .command('annotate')
    .description('label stored assistant answers with the guidelines (data/eval/annotation-guidelines.md); export labelled cases; report agreement')
    .option('--annotator <name>', 'who is labelling')
    .option('--sample <n>', 'how many stored turns to sample', '20')
    .option('--seed <s>', 'sampling seed (same seed, same sample)', 'fitwise')
    .option('--case <id>', 'the case to label (CONVERSATION#INDEX, see --list)')
    .option('--label <key=value...>', `labels, non-interactive (${LABEL_KEYS.join(', ')}, note)`)
    .option('--list', 'list the sampled cases')
    .option('--export <file>', 'write labelled cases as dataset JSONL (- for stdout)')
    .option('--agreement', "report inter-annotator agreement (Cohen's kappa per label)")
    .option('--json', 'JSON output')
    .action(async (opts: AnnotateOptions, cmd: Command) => {
      try {
        await runAnnotateCommand(opts, cmd.optsWithGlobals<GlobalOptions>());
      } catch (err) {
        if (err instanceof FitwiseError && !(err instanceof CliError) && err.code === 'invalid_input') throw new CliError(err.message, 2);
        throw err;
      }
    });
}
