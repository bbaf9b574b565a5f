import { z } from 'zod';
import { FitwiseError } from '../domain/index.ts';
import { coerce, parseStructuredOutput } from '../llm/index.ts';
import { assessFitSkill, getMyProfile, postingQuality, profileQuality, searchJobs, suggestCourses } from './catalog/member-skills.ts';
import { getCompany, getJob, webSearch } from './catalog/job-skills.ts';
import { listApplicantsRanked, searchMembers } from './catalog/recruiter-skills.ts';
import { SkillError, type AnySkill, type Role, type SkillContext } from './types.ts';

export const ALL_SKILLS: readonly AnySkill[] = [
  getMyProfile, getJob, searchJobs, searchMembers, getCompany, assessFitSkill, listApplicantsRanked, suggestCourses, profileQuality, postingQuality, webSearch,
];

/** An OpenAI chat-completions tool definition. */
export interface OpenAITool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface SkillCallResult {
  name: string;
  args: Record<string, unknown>;
  result: unknown;
  ms: number;
}

/** The description a model reads: what it returns, when to use it, when not, who may call it. */
export function describeSkill(s: AnySkill): string {
  return `${s.summary} Use: ${s.whenToUse} Do not use: ${s.whenNotToUse} Scope: ${s.scope}`;
}

/** Reads a model's tool arguments — an object, JSON (possibly broken) or YAML — into the skill's input. */
export function parseSkillArguments(skill: AnySkill, raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null || raw === '') raw = {};
  if (typeof raw === 'string') {
    const parsed = parseStructuredOutput(raw, skill.input);
    if (!parsed.ok) throw new SkillError('skill_invalid_arguments', `${skill.name}: ${parsed.error}`);
    return parsed.value as Record<string, unknown>;
  }
  const direct = skill.input.safeParse(raw);
  if (direct.success) return direct.data as Record<string, unknown>;
  const second = skill.input.safeParse(coerce(raw, skill.input));
  if (second.success) return second.data as Record<string, unknown>;
  const issue = second.error.issues[0];
  throw new SkillError('skill_invalid_arguments', `${skill.name}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid arguments'}`);
}

export class SkillRegistry {
  private readonly byName: Map<string, AnySkill>;

  constructor(readonly skills: readonly AnySkill[] = ALL_SKILLS) {
    this.byName = new Map(skills.map((s) => [s.name, s]));
  }

  get(name: string): AnySkill | undefined {
    return this.byName.get(name);
  }

  /** Skills a role may call. */
  forRole(role: Role): AnySkill[] {
    return this.skills.filter((s) => s.roles.includes(role));
  }

  /**
   * Calls a skill for a caller: role check, defensive argument parsing, the internal call, then the
   * output schema (results are trimmed by the skill to what a model needs).
   */
  async call(name: string, rawArgs: unknown, ctx: SkillContext): Promise<SkillCallResult> {
    const skill = this.byName.get(name);
    if (!skill) throw new SkillError('skill_unknown', `no skill named ${JSON.stringify(name)}`);
    if (!skill.roles.includes(ctx.caller.role)) {
      throw new SkillError('skill_forbidden', `${name} is not available to a ${ctx.caller.role} (allowed: ${skill.roles.join(', ')})`);
    }
    const args = parseSkillArguments(skill, rawArgs);
    const t0 = performance.now();
    let out: unknown;
    try {
      out = await skill.run(args, ctx);
    } catch (err) {
      if (err instanceof FitwiseError) throw err;
      throw new SkillError('skill_failed', `${name} failed: ${(err as Error).message}`);
    }
    const result = skill.output.parse(out);
    return { name, args, result, ms: Math.round((performance.now() - t0) * 100) / 100 };
  }

  /** OpenAI `tools` for a role. */
  openAITools(role: Role): OpenAITool[] {
    return this.forRole(role).map((s) => ({
      type: 'function',
      function: { name: s.name, description: describeSkill(s), parameters: jsonSchemaOf(s.input) },
    }));
  }

  /** Tool set in the gateway's format (`LlmRequest.tools`). */
  gatewayTools(role: Role, names?: readonly string[]): Record<string, { description: string; inputSchema: z.ZodType }> {
    return Object.fromEntries(this.forRole(role).filter((s) => !names || names.includes(s.name)).map((s) => [s.name, { description: describeSkill(s), inputSchema: s.input }]));
  }
}

export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete js.$schema;
  if (js.type !== 'object') return { type: 'object', properties: {}, ...js };
  return js;
}
