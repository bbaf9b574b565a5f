/** The assistant's intent router: a local classifier trained at start-up, follow-ups, and an LLM second stage hook. */
export { INTENTS, CAREER_INTENTS, INTENT_DESCRIPTIONS, isIntent, type Intent } from './intents.ts';
export {
  createRouter,
  DEFAULT_FOLLOW_UP_THRESHOLD,
  DEFAULT_LLM_THRESHOLD,
  DEFAULT_NO_ROUTE_THRESHOLD,
  type FallbackOptions,
  type IntentRouter,
  type LlmRouteFallback,
  type RouteCandidate,
  type RouteDecision,
  type RoutedTurn,
  type RouterOptions,
  type RouteSource,
} from './create-router.ts';
export { routingPrompt, parseRoutingAnswer } from './routing-prompt.ts';
export { followUpKind, type FollowUpKind } from './follow-up.ts';
export { trainIntentClassifier, type IntentClassifier, type TrainingOptions, type Utterance } from './classifier.ts';
export { extractFeatures, tokenize } from './features.ts';
export { HELDOUT_PATH, INTENT_DATA_DIR, readClinc, readUtterances, TRAIN_PATH, type ClincUtterance } from './datasets.ts';
