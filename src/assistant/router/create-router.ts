import { performance } from 'node:perf_hooks';
import { augmentEmployerNames } from './augment.ts';
import { trainIntentClassifier, type IntentClassifier, type TrainingOptions, type Utterance } from './classifier.ts';
import { readUtterances, TRAIN_PATH } from './datasets.ts';
import { tokenize } from './features.ts';
import { followUpKind, isBareFollowUp } from './follow-up.ts';
import { CAREER_INTENTS, INTENT_DESCRIPTIONS, INTENTS, isIntent, type Intent } from './intents.ts';

/** A previous user turn and the intent it was routed to. */
export interface RoutedTurn {
  text: string;
  intent: string;
}

export type RouteSource = 'classifier' | 'threshold' | 'conversation' | 'llm';

export interface RouteDecision {
  intent: Intent;
  /** Calibrated probability (softmax) that `intent` is right, 0..1. */
  confidence: number;
  /** Probability per intent from the local classifier. */
  scores?: Record<Intent, number>;
  /** The message refers back to the conversation ("the other one", "and for that?"). */
  followUp?: boolean;
  /** What decided: the classifier, the no-route threshold, the conversation, or the LLM second stage. */
  source: RouteSource;
}

export interface RouteCandidate {
  intent: Intent;
  score: number;
  description: string;
}

/** The LLM second stage: given the message and the ranked candidates, pick one. Cost accounting is the caller's. */
export type LlmRouteFallback = (
  text: string,
  candidates: RouteCandidate[],
) => Promise<{ intent: string; confidence: number }>;

export interface FallbackOptions {
  llmFallback?: LlmRouteFallback;
  /** Ask the LLM only below this local confidence (default: the router's `llmThreshold`). */
  threshold?: number;
}

export interface RouterOptions {
  /** Training utterances; default: `data/intents/train.jsonl`. */
  examples?: readonly Utterance<Intent>[];
  /** Appended to `examples` (e.g. CLINC150 train utterances for experiments). */
  extraExamples?: readonly Utterance<Intent>[];
  /** A career intent below this probability is not routed: `out_of_scope` ("no route"). */
  noRouteThreshold?: number;
  /** A follow-up whose best career intent is below this probability inherits the previous intent. */
  followUpThreshold?: number;
  /** Default threshold under which `routeWithFallback` asks the LLM. */
  llmThreshold?: number;
  training?: Partial<TrainingOptions>;
  /** Copies per utterance with the employer renamed (default 2; 0 turns augmentation off). */
  employerCopies?: number;
  /** Train even if the default model is already in memory. */
  fresh?: boolean;
}

export interface IntentRouter {
  route(text: string, history?: readonly RoutedTurn[]): RouteDecision;
  routeWithFallback(text: string, history?: readonly RoutedTurn[], opts?: FallbackOptions): Promise<RouteDecision & { llmError?: string }>;
  /** Wall-clock milliseconds spent training at creation (0 when the in-memory model was reused). */
  readonly trainingMs: number;
  /** CPU milliseconds spent training: stable on a busy machine, unlike wall-clock time. */
  readonly trainingCpuMs: number;
  readonly trainingSize: number;
}

export const DEFAULT_NO_ROUTE_THRESHOLD = 0.4;
export const DEFAULT_FOLLOW_UP_THRESHOLD = 0.6;
export const DEFAULT_LLM_THRESHOLD = 0.6;

const CAREER = new Set<string>(CAREER_INTENTS);
let defaultExamples: Utterance<Intent>[] | undefined;
/** The model trained from the default data and options, reused by later `createRouter()` calls in the process. */
let defaultClassifier: IntentClassifier<Intent> | undefined;

/** Trains the local router from the utterance files (deterministic; well under a second). */
export function createRouter(opts: RouterOptions = {}): IntentRouter {
  const written = [...(opts.examples ?? (defaultExamples ??= readUtterances(TRAIN_PATH))), ...(opts.extraExamples ?? [])];
  const examples = [...written, ...augmentEmployerNames(written, opts.employerCopies ?? 2)];
  const noRoute = opts.noRouteThreshold ?? DEFAULT_NO_ROUTE_THRESHOLD;
  const followUpThreshold = opts.followUpThreshold ?? DEFAULT_FOLLOW_UP_THRESHOLD;
  const llmThreshold = opts.llmThreshold ?? DEFAULT_LLM_THRESHOLD;
  const isDefault = !opts.examples && !opts.extraExamples && !opts.training && opts.employerCopies === undefined;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let classifier: IntentClassifier<Intent>;
  if (isDefault && defaultClassifier && !opts.fresh) {
    classifier = defaultClassifier;
  } else {
    classifier = trainIntentClassifier(examples, INTENTS, opts.training);
    if (isDefault) defaultClassifier = classifier;
  }
  const trainingMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const trainingCpuMs = (cpu.user + cpu.system) / 1000;

  function route(text: string, history: readonly RoutedTurn[] = []): RouteDecision {
    // Nothing to classify (empty, only punctuation or emoji): there is no route.
    if (tokenize(text).length === 0) return { intent: 'out_of_scope', confidence: 1, followUp: false, source: 'threshold' };
    const p = classifier.predict(text);
    const scores = {} as Record<Intent, number>;
    let top = 0;
    for (let k = 0; k < INTENTS.length; k++) {
      scores[INTENTS[k]!] = p[k]!;
      if (p[k]! > p[top]!) top = k;
    }
    const topIntent = INTENTS[top]!;
    const pTop = p[top]!;

    const kind = history.length > 0 ? followUpKind(text) : undefined;
    if (kind) {
      const previous = [...history].reverse().find((t) => CAREER.has(t.intent))?.intent as Intent | undefined;
      // Bare anaphora ("what about the second job?") always inherits; a reference ("the other one") unless a
      // career intent is clear; an opener ("and ...") only when nothing is.
      const unclear =
        isBareFollowUp(text) ||
        (kind === 'reference' ? !(CAREER.has(topIntent) && pTop >= followUpThreshold) : pTop < followUpThreshold);
      if (previous && unclear) {
        const pPrev = scores[previous];
        return { intent: previous, confidence: pPrev + (1 - pPrev) / 2, scores, followUp: true, source: 'conversation' };
      }
    }
    const followUp = kind !== undefined;
    if (CAREER.has(topIntent) && pTop < noRoute) {
      return { intent: 'out_of_scope', confidence: 1 - pTop, scores, followUp, source: 'threshold' };
    }
    return { intent: topIntent, confidence: pTop, scores, followUp, source: 'classifier' };
  }

  async function routeWithFallback(text: string, history: readonly RoutedTurn[] = [], fb: FallbackOptions = {}) {
    const local = route(text, history);
    const threshold = fb.threshold ?? llmThreshold;
    // Ask when unsure, and always when the threshold refused a weak career guess: that is where a model helps most.
    // Not for conversation-resolved follow-ups, nor for messages without words (no scores).
    const unsure = local.source === 'threshold' || local.confidence < threshold;
    if (!fb.llmFallback || !local.scores || local.source === 'conversation' || !unsure) return local;
    const candidates: RouteCandidate[] = INTENTS.map((intent) => ({ intent, score: local.scores?.[intent] ?? 0, description: INTENT_DESCRIPTIONS[intent] }))
      .sort((a, b) => b.score - a.score);
    try {
      const answer = await fb.llmFallback(text, candidates);
      if (!isIntent(answer.intent)) throw new Error(`the LLM answered an unknown intent ${JSON.stringify(answer.intent)}`);
      const confidence = Number.isFinite(answer.confidence) ? Math.min(1, Math.max(0, answer.confidence)) : 0.5;
      return { ...local, intent: answer.intent, confidence, source: 'llm' as const };
    } catch (err) {
      // The second stage is an improvement, never a point of failure: keep the local decision.
      return { ...local, llmError: err instanceof Error ? err.message : String(err) };
    }
  }

  return { route, routeWithFallback, trainingMs, trainingCpuMs, trainingSize: examples.length };
}
