/**
 * The skills registry: internal calls wrapped for LLMs and MCP clients — description with when to use
 * and when not, zod input/output schemas, the call each maps to, allowed roles and result scoping.
 */
export { SkillError, type AnySkill, type Caller, type Role, type Skill, type SkillContext, type SkillEnvironment, type SkillHints } from './types.ts';
export { ALL_SKILLS, SkillRegistry, describeSkill, jsonSchemaOf, parseSkillArguments, type OpenAITool, type SkillCallResult } from './registry.ts';
export { createMcpServer, serveMcpStdio, MCP_SERVER_INFO } from './mcp.ts';
export { assessProfileQuality, type CoachIssue, type ProfileQuality } from './coaches/profile-quality.ts';
export { assessPostingQuality, type InclusiveLanguageFlag, type PostingQuality } from './coaches/posting-quality.ts';
export { findSkillMentions, type SkillMention } from './skill-mentions.ts';
export { FitOut, fitOut, nextStepOut } from './catalog/shape.ts';

/** Skill environment from the process environment. */
export function skillEnvironment(env: NodeJS.ProcessEnv = process.env): import('./types.ts').SkillEnvironment {
  return env.FITWISE_WEB_SEARCH_URL ? { webSearchUrl: env.FITWISE_WEB_SEARCH_URL } : {};
}
