/**
 * The assistant: route → agent → skills → generate (LLM through the gateway, or composed locally from
 * facts) → guardrails → stream; conversations persisted per member. See docs/ASSISTANT.md.
 */
export { createAssistant, LOCAL_LABEL, MAX_MESSAGE_CHARS, type Assistant, type AssistantDependencies } from './assistant.ts';
export { ASSISTANT_INTENTS, type AssistantAnswer, type AssistantEvent, type AssistantIntent, type AssistantRequest, type Citation, type IntentRouterLike } from './types.ts';
export { AGENTS, LEVEL_PHRASE, type Agent } from './agents/index.ts';
export { createKeywordRouter } from './keyword-router.ts';
export { extractEntities, type Entities } from './entities.ts';
export { appendTurn, conversationOwner, loadConversation, memoryOf, RECENT_MESSAGES } from './conversations.ts';
export { PREAMBLE, GUIDELINES, PROMPT_VERSION, buildMessages, buildPlanningMessages } from './prompts/templates.ts';
export { compactContext, compactFit, compactYaml } from './prompts/compact.ts';
export { guardAnswer, StreamGuard, checkSentence, DEFAULT_MAX_CHARS, type GuardOptions, type GuardrailEvent, type GuardedAnswer } from './guardrails/answer-guard.ts';
export { prepareFacts, ungroundedClaims, properNames, splitSentences, type GroundingFacts, type UngroundedClaim } from './guardrails/grounding.ts';
export { detectInjection, fence, looksLikeInjection, neutralizeData, neutralizeValue, WITHHELD } from './guardrails/injection.ts';
export { followsInjectedInstructions, isBlunt, isDiscriminatoryRequest, levelsClaimed, mentionsProtectedAttribute, redactContacts } from './guardrails/policies.ts';
export { defaultRouter, loadRouter } from './load-router.ts';
/** The intent router (its own subfolder). */
export * from './router/index.ts';
export { FIT_QUESTION, fitMessages, measureFitPrompt, naiveFitMessages, type PromptTokens } from './prompts/token-efficiency.ts';
