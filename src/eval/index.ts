/**
 * Automated evaluation: datasets (JSONL in data/eval) → runner → deterministic and model-based evaluators →
 * terminal, JSON and HTML reports, baseline comparison and a thresholds gate. See docs/EVALUATION.md.
 */
export {
  AnswerCase, CASE_KINDS, EvalCase, FairnessCase, FitCase, InjectionCase, PostingCase, RaiCase, RoutingCase, SearchCase, type EvalCaseKind,
} from './cases.ts';
export { DatasetError, EVAL_DATA_DIR, loadDataset, loadDatasets, parseDataset, suiteFiles, type Dataset } from './load-dataset.ts';
export {
  DEGRADATIONS, EVAL_NOW, createAssistantTarget, createLocalTarget, degradeTarget, fitResult,
  type AnswerFacts, type Degradation, type EvaluationTarget, type FitQuestion, type LocalTargetOptions, type TargetAnswer,
} from './target.ts';
export { createOfflineTarget } from './offline-target.ts';
export { extractClaims, skillMentions, tallyClaims, type Claim, type ClaimCatalog, type ClaimKind, type ClaimStatus, type ClaimTally } from './claims.ts';
export { AnswerObject, bluntPhrases, followedInstructions, formatProblems, gapsWithoutNextStep, protectedMentions } from './answer-checks.ts';
export { evaluateCase, type CaseResult, type EvaluateOptions } from './evaluate-case.ts';
export {
  JudgeReply, RUBRIC_FILE, createJudge, isContradictory, judgeConfigFromEnv, summarizeVotes, type Judge, type JudgeConfig, type JudgeVerdict,
} from './judge.ts';
export { METRICS, computeMetrics, percentile, type Breakdowns, type MetricName, type Metrics } from './metrics.ts';
export {
  BASELINE_FILE, THRESHOLDS_FILE, Thresholds, checkThresholds, compareWithBaseline, loadBaselineMetrics, loadThresholds,
  type BaselineDelta, type ThresholdCheck,
} from './gate.ts';
export { EvalInterruptedError, runEvaluation, type EvalReport, type RunOptions } from './run-evaluation.ts';
export { formatReportTable, formatValue } from './report-text.ts';
export { renderHtmlReport } from './report-html.ts';
export {
  AnnotationLabels, GUIDELINES_FILE, LABEL_KEYS, annotatorAgreement, cohensKappa, exportLabelledCases, getCase, listAnnotations,
  listEvalRuns, parseLabels, readGuidelines, sampleCases, saveAnnotation, saveEvalRun,
  type AgreementReport, type AnnotationCase, type StoredAnnotation,
} from './annotations.ts';
