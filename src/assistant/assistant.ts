import type { AppContext } from '../app/index.ts';
import { FitwiseError, InvalidInputError } from '../domain/index.ts';
import { LlmError, type Gateway, type LlmStreamResult } from '../llm/index.ts';
import { SkillRegistry, skillEnvironment, type Caller, type SkillEnvironment } from '../skills/index.ts';
import { AGENTS, capabilities, type AgentInput, type Composition, type PlannedCall, type SkillResults } from './agents/index.ts';
import { appendTurn, loadConversation, memoryOf } from './conversations.ts';
import { extractEntities, type Entities } from './entities.ts';
import { DEFAULT_MAX_CHARS, StreamGuard, type GuardrailEvent } from './guardrails/answer-guard.ts';
import { detectInjection, fence, neutralizeData, neutralizeValue } from './guardrails/injection.ts';
import { isDiscriminatoryRequest } from './guardrails/policies.ts';
import { defaultRouter } from './load-router.ts';
import { parseRoutingAnswer, routingPrompt } from './router/index.ts';
import { compactContext, compactYaml } from './prompts/compact.ts';
import { PROMPT_VERSION, buildMessages, buildPlanningMessages } from './prompts/templates.ts';
import { ASSISTANT_INTENTS, type AssistantAnswer, type AssistantEvent, type AssistantIntent, type AssistantRequest, type IntentRouterLike } from './types.ts';

export const LOCAL_LABEL = '(Composed from computed facts by the local engine; no language model was used.)';
export const MAX_MESSAGE_CHARS = 4000;

export interface AssistantDependencies {
  app: AppContext;
  gateway: Gateway;
  registry?: SkillRegistry;
  router?: IntentRouterLike;
  env?: SkillEnvironment;
  /**
   * Who plans skill calls when an LLM is configured: `llm` always asks the model (tools), `rules` never,
   * `auto` (default) asks the model only when the message names no job or company id (saves a call).
   */
  planner?: 'auto' | 'llm' | 'rules';
  maxChars?: number;
  maxOutputTokens?: number;
  /** Ask the LLM when the local router is unsure (default true when an LLM is configured). */
  llmRouting?: boolean;
}

export interface Assistant {
  ask(request: AssistantRequest, onEvent?: (e: AssistantEvent) => void): Promise<AssistantAnswer>;
  readonly registry: SkillRegistry;
}

class Results implements SkillResults {
  readonly values = new Map<string, unknown>();
  readonly errors = new Map<string, string>();
  get<T>(name: string): T | undefined { return this.values.get(name) as T | undefined; }
  error(name: string): string | undefined { return this.errors.get(name); }
}

/** The assistant pipeline: route → agent plans skill calls → skills → generate (LLM or local) → guardrails → stream. */
export function createAssistant(deps: AssistantDependencies): Assistant {
  const registry = deps.registry ?? new SkillRegistry();
  const router = deps.router ?? defaultRouter();
  const env = deps.env ?? skillEnvironment();
  const planner = deps.planner ?? 'auto';
  const hasLlm = deps.gateway.engines.some((e) => e.provider !== 'local');
  let companyNames: { at: number; names: string[] } | undefined;

  async function knownCompanies(): Promise<string[]> {
    if (companyNames && Date.now() - companyNames.at < 60_000) return companyNames.names;
    const names: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await deps.app.repos.companies.list({ limit: 500, offset });
      names.push(...page.items.map((c) => c.name));
      if (page.items.length < 500) break;
    }
    companyNames = { at: Date.now(), names };
    return names;
  }

  async function ask(req: AssistantRequest, onEvent: (e: AssistantEvent) => void = () => {}): Promise<AssistantAnswer> {
    const text = (req.text ?? '').trim();
    if (!text) throw new InvalidInputError('the message is empty', [{ path: 'text', message: 'must not be empty' }]);
    if (text.length > MAX_MESSAGE_CHARS) throw new InvalidInputError(`the message is longer than ${MAX_MESSAGE_CHARS} characters`, [{ path: 'text', message: 'too long' }]);
    const caller = req.caller;
    const app = deps.app;
    const now = app.clock();
    const conversation = await loadConversation(app.repos, caller, req.conversationId, now);
    const memory = memoryOf(conversation);
    const events: GuardrailEvent[] = [];
    const guardrail = (e: GuardrailEvent) => { events.push(e); onEvent({ type: 'guardrail', event: e }); };

    const findings = detectInjection(text);
    if (findings.length) guardrail({ guardrail: 'injection', action: 'flagged_input', detail: `instruction-like content in the message (${findings.map((f) => f.kind).join(', ')}); treated as a question only` });

    const usage = { input: 0, output: 0, cost: 0 as number | null };
    const routed = hasLlm && router.routeWithFallback && deps.llmRouting !== false
      ? await router.routeWithFallback(text, memory.history, {
        // Low local confidence: the LLM picks among the ranked candidates, cost-accounted on this answer.
        llmFallback: async (t, candidates) => {
          const r = await deps.gateway.generate({ feature: 'assistant.route', memberId: caller.memberId, tenant: caller.companyId, messages: [{ role: 'user', content: routingPrompt(t, candidates) }], maxOutputTokens: 60 });
          usage.input += r.usage.inputTokens;
          usage.output += r.usage.outputTokens;
          if (usage.cost !== null) usage.cost = r.costUsd === null ? null : usage.cost + r.costUsd;
          const parsed = parseRoutingAnswer(r.text);
          if (!parsed) throw new Error('the routing answer could not be read');
          return parsed;
        },
      })
      : router.route(text, memory.history);
    const intent: AssistantIntent = (ASSISTANT_INTENTS as readonly string[]).includes(routed.intent) ? routed.intent as AssistantIntent : 'out_of_scope';
    onEvent({ type: 'route', intent, confidence: routed.confidence });
    const agent = AGENTS[intent];

    const fromText = extractEntities(text);
    const entities: Entities = {
      ...fromText,
      jobId: fromText.jobId ?? req.jobId ?? (fromText.companyId || fromText.companyName ? undefined : memory.lastJobId),
      memberId: fromText.memberId ?? req.memberId,
    };
    const input: AgentInput = { text, caller, entities };
    const skillCalls: AssistantAnswer['skillCalls'] = [];
    const results = new Results();

    const finish = async (answerText: string, engine: string, model: string, composition: Composition): Promise<AssistantAnswer> => {
      const answer: AssistantAnswer = {
        intent, confidence: routed.confidence, answer: answerText, engine, model,
        citations: composition.citations, tokens: { input: usage.input, output: usage.output },
        costUsd: usage.cost === null ? null : Math.round(usage.cost * 1e6) / 1e6,
        conversationId: conversation.id, promptVersion: PROMPT_VERSION,
        ...(composition.data ? { data: composition.data } : {}),
        skillCalls, guardrails: events,
      };
      const at = app.clock().toISOString();
      const jobId = (composition.data?.jobId as string | undefined) ?? entities.jobId;
      const level = composition.data?.level as string | undefined;
      const saved = appendTurn(conversation,
        { role: 'user', content: text, createdAt: at, intent },
        { role: 'assistant', content: answerText.slice(0, 50000), createdAt: at, intent, meta: { engine, ...(jobId ? { jobId } : {}), ...(level ? { level } : {}) } },
        app.clock());
      await app.repos.conversations.save(saved);
      onEvent({ type: 'final', answer });
      return answer;
    };

    const localOnly = async (composition: Composition): Promise<AssistantAnswer> => {
      const labelled = `${composition.text}\n\n${LOCAL_LABEL}`;
      for (const piece of labelled.match(/[^.!?\n]+[.!?\n]*\s*/g) ?? [labelled]) onEvent({ type: 'token', text: piece });
      return finish(labelled, 'local', 'local', composition);
    };

    // Responsible AI: hiring decisions by protected attributes are refused before anything runs.
    if ((caller.role !== 'member' || intent === 'rank_applicants' || intent === 'find_candidates') && isDiscriminatoryRequest(text)) {
      guardrail({ guardrail: 'responsible_ai', action: 'refused', detail: 'request to rank, filter or pick people by a protected attribute' });
      return localOnly({
        text: 'I can\'t rank, filter or choose people by age, gender, ethnicity, religion, disability, nationality, family status or anything that stands in for them: it is unfair and in many places unlawful. I can rank applicants by how well their skills and experience fit the job, with the evidence for each requirement.',
        citations: [], data: { refused: true },
      });
    }
    if (!agent.roles.includes(caller.role)) {
      const forWhom = agent.roles.includes('recruiter') ? 'recruiters' : 'members';
      return localOnly({ text: `That is a feature for ${forWhom}. I can ${capabilities(caller.role)}.`, citations: [], data: { roleMismatch: true } });
    }

    // Plan: the rules, or the model's own tool calls.
    let plan: PlannedCall[] = agent.plan(input);
    const wantsLlmPlan = hasLlm && agent.skills.length > 0 && (planner === 'llm' || (planner === 'auto' && !entities.jobId && !entities.companyId && (intent === 'assess_fit' || intent === 'interview_prep' || intent === 'learning_path' || intent === 'company_info')));
    if (wantsLlmPlan) {
      const llmPlan = await planWithModel(intent, text, entities, caller, agent.skills, usage);
      if (llmPlan.length > 0) {
        plan = llmPlan;
        for (const c of llmPlan) if (typeof c.args.jobId === 'string' && !entities.jobId) entities.jobId = c.args.jobId;
      }
    }

    const run = async (calls: PlannedCall[]) => {
      for (const call of calls) {
        onEvent({ type: 'skill_call', name: call.skill, args: call.args });
        try {
          const out = await registry.call(call.skill, call.args, { app, caller, env });
          results.values.set(call.skill, neutralizeValue(out.result));
          skillCalls.push({ name: call.skill, args: out.args, ms: out.ms });
          onEvent({ type: 'skill_result', name: call.skill, ms: out.ms, ok: true });
        } catch (err) {
          const message = err instanceof FitwiseError ? err.message : String(err);
          results.errors.set(call.skill, message);
          skillCalls.push({ name: call.skill, args: call.args, ms: 0, error: message });
          onEvent({ type: 'skill_result', name: call.skill, ms: 0, ok: false, error: message });
        }
      }
    };
    await run(plan);
    if (agent.followUp) await run(agent.followUp(input, results));

    const composition = agent.compose(input, results);
    const localText = `${composition.text}\n\n${LOCAL_LABEL}`;
    if (!hasLlm) return localOnly(composition);

    const dataResults = [...results.values.entries()].map(([name, result]) => ({ name, result }));
    const context = dataResults.length ? compactContext(dataResults) : fence('capabilities', `Fitwise can ${capabilities(caller.role)}.`);
    const messages = buildMessages(intent, context, neutralizeData(text), memory.text);
    const own = caller.role === 'member' && caller.memberId ? (await app.repos.members.get(caller.memberId))?.contact : undefined;
    const guard = new StreamGuard({
      // The facts: what the model was shown, plus the full (trimmed, neutralized) skill results it summarizes.
      facts: { text: `${context}\n${memory.text}\n${dataResults.map((r) => compactYaml(r.result)).join('\n')}`, taxonomy: app.taxonomy, companies: await knownCompanies(), courses: app.courses.map((c) => c.title) },
      ...composition.guard,
      own: { email: own?.email, phone: own?.phone },
      maxChars: deps.maxChars ?? DEFAULT_MAX_CHARS,
    });
    let result: LlmStreamResult;
    try {
      const stream = deps.gateway.stream({
        feature: `assistant.${intent}`, memberId: caller.memberId, tenant: caller.companyId, messages,
        localComposer: () => localText, maxOutputTokens: deps.maxOutputTokens ?? 500, abortSignal: req.abortSignal,
      });
      for await (const delta of stream) {
        const r = guard.push(delta);
        for (const e of r.events) guardrail(e);
        if (r.text) onEvent({ type: 'token', text: r.text });
      }
      result = await stream.result;
    } catch (err) {
      if (!(err instanceof LlmError)) throw err;
      guardrail({ guardrail: 'grounding', action: 'fallback_local', detail: `the model could not answer (${err.code}); answered from computed facts` });
      return finish(localText, 'local', 'local', composition);
    }
    usage.input += result.usage.inputTokens;
    usage.output += result.usage.outputTokens;
    usage.cost = usage.cost === null || result.costUsd === null ? (result.engine === 'local' ? usage.cost : null) : usage.cost + result.costUsd;
    const end = guard.end();
    for (const e of end.events) guardrail(e);
    if (result.engine === 'local') return finish(localText, 'local', 'local', composition);
    if (end.fallback) {
      guardrail({ guardrail: 'grounding', action: 'fallback_local', detail: `${guard.dropped} of ${guard.sentences} sentences failed the guardrails; answered from computed facts instead` });
      onEvent({ type: 'token', text: `\n\n${localText}` });
      return finish(localText, 'local', 'local', composition);
    }
    if (end.text) onEvent({ type: 'token', text: end.text });
    return finish(end.answer, result.engine, result.model, composition);
  }

  async function planWithModel(intent: AssistantIntent, text: string, entities: Entities, caller: Caller, skills: readonly string[], usage: { input: number; output: number; cost: number | null }): Promise<PlannedCall[]> {
    const known = [entities.jobId && `job ${entities.jobId}`, entities.companyId && `company ${entities.companyId}`, entities.memberId && `member ${entities.memberId}`, caller.companyId && `your company ${caller.companyId}`].filter(Boolean).join(', ');
    try {
      const r = await deps.gateway.generate({
        feature: `assistant.${intent}.plan`, memberId: caller.memberId, tenant: caller.companyId,
        messages: buildPlanningMessages(intent, neutralizeData(text), known),
        tools: registry.gatewayTools(caller.role, skills), maxOutputTokens: 200,
      });
      usage.input += r.usage.inputTokens;
      usage.output += r.usage.outputTokens;
      if (usage.cost !== null) usage.cost = r.costUsd === null ? null : usage.cost + r.costUsd;
      return r.toolCalls.filter((c) => skills.includes(c.name)).slice(0, 4).map((c) => ({
        skill: c.name, args: (c.input && typeof c.input === 'object' ? c.input : {}) as Record<string, unknown>,
      }));
    } catch {
      return []; // planning is an optimisation: the rules always have a plan
    }
  }

  return { ask, registry };
}
