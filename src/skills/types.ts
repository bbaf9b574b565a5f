import type { z } from 'zod';
import { FitwiseError } from '../domain/index.ts';
import type { AppContext } from '../app/index.ts';

/** Who is calling: members see their own data, recruiters their own company's jobs and applicants. */
export type Role = 'member' | 'recruiter' | 'admin';

export interface Caller {
  role: Role;
  memberId?: string;
  companyId?: string;
}

/** Optional adapters a skill may use; everything else comes from the app context. */
export interface SkillEnvironment {
  /** `FITWISE_WEB_SEARCH_URL`: GET `{url}?q=...` → `{results: [{title, url, snippet}]}`. Unset = web search disabled. */
  webSearchUrl?: string;
  fetch?: typeof fetch;
}

export interface SkillContext {
  app: AppContext;
  caller: Caller;
  env: SkillEnvironment;
}

/** Cost/latency hints shown to planners (and in docs): what a call costs before any model tokens. */
export interface SkillHints {
  /** Typical latency class of the internal call. */
  latency: 'sub-ms' | 'ms' | 'network';
  /** Rough size of the trimmed result, in tokens, when it is put in a prompt. */
  resultTokens: number;
}

/**
 * A skill: an internal call wrapped for an LLM (and MCP clients) — what it does, when to use it and when
 * not, typed input and output, who may call it and how its results are scoped to the caller.
 */
export interface Skill<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  /** One sentence: what it returns. */
  summary: string;
  whenToUse: string;
  whenNotToUse: string;
  input: I;
  output: O;
  /** The internal service call it maps to, for readers and docs. */
  mapsTo: string;
  roles: readonly Role[];
  /** How results are limited to the caller's own data. */
  scope: string;
  hints: SkillHints;
  run(args: z.output<I>, ctx: SkillContext): Promise<z.input<O>>;
}

export type AnySkill = Skill<z.ZodType, z.ZodType>;

/** A skill call refused or failed; `code` is stable (skill_forbidden → 403, skill_unknown/invalid_arguments → 400). */
export class SkillError extends FitwiseError {
  constructor(code: 'skill_forbidden' | 'skill_unknown' | 'skill_invalid_arguments' | 'skill_failed', message: string) {
    super(code, message, { status: code === 'skill_forbidden' ? 403 : code === 'skill_failed' ? 500 : 400 });
    this.name = 'SkillError';
  }
}
