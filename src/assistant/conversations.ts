import { randomUUID } from 'node:crypto';
import type { Conversation, ConversationMessage } from '../domain/index.ts';
import type { Repositories } from '../store/index.ts';
import { SkillError, type Caller } from '../skills/index.ts';

/** Turns (user + assistant messages) kept verbatim in the prompt; older ones are folded into the summary. */
export const RECENT_MESSAGES = 6;
/** Messages kept in the stored conversation before folding. */
export const MAX_STORED_MESSAGES = 40;
const SUMMARY_MAX = 1500;

/** Whose conversation: a member id, or `company:ID` for a recruiter. */
export function conversationOwner(caller: Caller): string {
  if (caller.memberId) return caller.memberId;
  if (caller.companyId) return `company:${caller.companyId}`;
  return `role:${caller.role}`;
}

export async function loadConversation(repos: Repositories, caller: Caller, id: string | undefined, now: Date): Promise<Conversation> {
  const owner = conversationOwner(caller);
  if (id) {
    const existing = await repos.conversations.get(id);
    if (existing) {
      if (existing.memberId !== owner) throw new SkillError('skill_forbidden', 'this conversation belongs to someone else');
      return existing;
    }
  }
  const at = now.toISOString();
  return { id: id ?? `conv-${randomUUID()}`, memberId: owner, title: '', summary: '', messages: [], createdAt: at, updatedAt: at };
}

function clip(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

/** One summary line per folded turn: what was asked, how it was routed, the ids and level involved. */
function summaryLine(m: ConversationMessage): string {
  const meta = (m.meta ?? {}) as { jobId?: string; level?: string };
  return m.role === 'user'
    ? `- asked: ${clip(m.content, 70)}${m.intent ? ` [${m.intent}]` : ''}`
    : `- answered${meta.jobId ? ` about ${meta.jobId}` : ''}${meta.level ? ` (level ${meta.level})` : ''}: ${clip(m.content, 60)}`;
}

export interface Memory {
  /** Prompt text: the summary of older turns and the recent turns, compact. */
  text: string;
  /** The previous user turns with their intents, for follow-up routing. */
  history: { text: string; intent: string }[];
  /** The job the conversation was last about, for "and what should I learn for it?". */
  lastJobId?: string;
}

export function memoryOf(c: Conversation): Memory {
  const recent = c.messages.slice(-RECENT_MESSAGES);
  const lines: string[] = [];
  if (c.summary) lines.push(`Earlier in this conversation:\n${c.summary}`);
  if (recent.length) lines.push(`Recent turns:\n${recent.map((m) => `${m.role}: ${clip(m.content, 200)}`).join('\n')}`);
  let lastJobId: string | undefined;
  for (const m of [...c.messages].reverse()) {
    const j = (m.meta as { jobId?: string } | undefined)?.jobId;
    if (j) { lastJobId = j; break; }
  }
  return {
    text: lines.length ? `<memory>\n${lines.join('\n')}\n</memory>` : '',
    history: c.messages.filter((m) => m.role === 'user' && m.intent).map((m) => ({ text: m.content, intent: m.intent! })),
    ...(lastJobId ? { lastJobId } : {}),
  };
}

/** Appends a turn; messages beyond the recent window are folded into the summary (deterministic, no model). */
export function appendTurn(c: Conversation, user: ConversationMessage, assistant: ConversationMessage, now: Date): Conversation {
  const messages = [...c.messages, user, assistant];
  let summary = c.summary;
  const keep = Math.max(RECENT_MESSAGES, Math.min(MAX_STORED_MESSAGES, messages.length));
  const fold = messages.length > MAX_STORED_MESSAGES ? messages.slice(0, messages.length - keep) : [];
  // Also fold what left the prompt window, so the summary always covers every turn not shown verbatim.
  const outOfWindow = messages.slice(0, Math.max(0, messages.length - RECENT_MESSAGES)).filter((m) => !c.messages.slice(0, Math.max(0, c.messages.length - RECENT_MESSAGES)).includes(m));
  for (const m of outOfWindow) summary = `${summary}${summary ? '\n' : ''}${summaryLine(m)}`;
  if (summary.length > SUMMARY_MAX) summary = `…${summary.slice(summary.length - SUMMARY_MAX)}`;
  return {
    ...c,
    title: c.title || clip(user.content, 80),
    summary,
    messages: fold.length ? messages.slice(fold.length) : messages,
    updatedAt: now.toISOString(),
  };
}
