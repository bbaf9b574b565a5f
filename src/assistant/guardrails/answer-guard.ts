import { prepareFacts, splitSentences, ungroundedClaims, type GroundingFacts, type PreparedFacts } from './grounding.ts';
import { followsInjectedInstructions, isBlunt, levelsClaimed, mentionsProtectedAttribute, redactContacts } from './policies.ts';

export type GuardrailName = 'grounding' | 'tone' | 'responsible_ai' | 'privacy' | 'injection' | 'length' | 'level';

export interface GuardrailEvent {
  guardrail: GuardrailName;
  action: 'dropped_sentence' | 'redacted' | 'appended' | 'fallback_local' | 'refused' | 'truncated' | 'flagged_input';
  detail: string;
  sentence?: string;
}

/** What the guard checks an answer against. */
export interface GuardOptions {
  facts: GroundingFacts;
  /** The computed fit level, when the answer is about fit: other levels may not be claimed. */
  level?: string;
  /** Gaps that must each come with a next step (appended from the facts when the answer skips one). */
  gaps?: { requirement: string; step: string }[];
  /** A sentence stating the level, prepended when the answer never says it. */
  levelSentence?: string;
  /** The caller's own contact data (the only contact data an answer may contain). */
  own?: { email?: string; phone?: string };
  maxChars?: number;
  /** Share of dropped sentences above which the answer falls back to the local engine (default 0.5). */
  fallbackRatio?: number;
}

export interface SentenceVerdict {
  keep: boolean;
  text: string;
  events: GuardrailEvent[];
}

export const DEFAULT_MAX_CHARS = 2400;

/** Checks one sentence: privacy redaction, then injection, tone, responsible AI, level and grounding. */
export function checkSentence(sentence: string, prepared: PreparedFacts, opts: GuardOptions): SentenceVerdict {
  const events: GuardrailEvent[] = [];
  const { text, redacted } = redactContacts(sentence, opts.own);
  if (redacted > 0) events.push({ guardrail: 'privacy', action: 'redacted', detail: `${redacted} contact detail(s) removed`, sentence: sentence.trim() });
  const drop = (guardrail: GuardrailName, detail: string): SentenceVerdict => ({ keep: false, text, events: [...events, { guardrail, action: 'dropped_sentence', detail, sentence: text.trim() }] });
  if (!text.trim()) return { keep: true, text, events };
  if (followsInjectedInstructions(text)) return drop('injection', 'the sentence follows or discusses injected instructions');
  if (isBlunt(text)) return drop('tone', 'blunt verdict');
  if (mentionsProtectedAttribute(text)) return drop('responsible_ai', 'mentions a protected attribute');
  if (opts.level) {
    const claimed = levelsClaimed(text).filter((l) => l !== opts.level);
    if (claimed.length > 0) return drop('level', `claims a ${claimed[0]} fit; the computed level is ${opts.level}`);
  }
  const claims = ungroundedClaims(text, prepared);
  if (claims.length > 0) return drop('grounding', `not in the facts: ${claims.map((c) => `${c.kind} "${c.text}"`).join(', ')}`);
  return { keep: true, text, events };
}

export interface GuardedAnswer {
  text: string;
  events: GuardrailEvent[];
  /** True when too much was dropped and the caller should use the local answer instead. */
  fallback: boolean;
  dropped: number;
  sentences: number;
}

/** Additions after the sentences: the level when never stated, a next step for every gap not covered, the length cap. */
export function completeAnswer(text: string, opts: GuardOptions): { text: string; events: GuardrailEvent[] } {
  const events: GuardrailEvent[] = [];
  let out = text.trim();
  if (opts.level && opts.levelSentence && !levelsClaimed(out).includes(opts.level)) {
    out = `${opts.levelSentence} ${out}`.trim();
    events.push({ guardrail: 'level', action: 'appended', detail: 'stated the computed fit level' });
  }
  const lower = out.toLowerCase();
  const missing = (opts.gaps ?? []).filter((g) => !lower.includes(g.requirement.toLowerCase().replace(/ \(.*\)$/, '')));
  if (missing.length > 0) {
    out += `\n\nNext steps:\n${missing.map((g) => `- ${g.requirement}: ${g.step}`).join('\n')}`;
    events.push({ guardrail: 'tone', action: 'appended', detail: `added next steps for ${missing.length} gap(s) the answer did not cover` });
  }
  const max = opts.maxChars ?? DEFAULT_MAX_CHARS;
  if (out.length > max) {
    const cut = out.slice(0, max);
    const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('\n'));
    out = `${cut.slice(0, end > max / 2 ? end + 1 : max).trim()} …`;
    events.push({ guardrail: 'length', action: 'truncated', detail: `answer cut to ${max} characters` });
  }
  return { text: out, events };
}

/** The whole-answer check (the stream uses `StreamGuard`, sentence by sentence, with the same rules). */
export function guardAnswer(answer: string, opts: GuardOptions): GuardedAnswer {
  const prepared = prepareFacts(opts.facts);
  const events: GuardrailEvent[] = [];
  const kept: string[] = [];
  let dropped = 0;
  const sentences = splitSentences(answer);
  let counted = 0;
  for (const s of sentences) {
    if (s.trim()) counted++;
    const v = checkSentence(s, prepared, opts);
    events.push(...v.events);
    if (v.keep) kept.push(v.text);
    else dropped++;
  }
  const fallback = counted === 0 || dropped / Math.max(1, counted) > (opts.fallbackRatio ?? 0.5);
  const done = completeAnswer(kept.join(''), opts);
  return { text: done.text, events: [...events, ...done.events], fallback, dropped, sentences: counted };
}

/**
 * Incremental guard for a token stream: text is held until a sentence ends, then released only if
 * the sentence passes; `end()` releases the rest and the completions.
 */
export class StreamGuard {
  private buffer = '';
  private readonly prepared: PreparedFacts;
  readonly events: GuardrailEvent[] = [];
  private kept = '';
  dropped = 0;
  sentences = 0;

  constructor(private readonly opts: GuardOptions) {
    this.prepared = prepareFacts(opts.facts);
  }

  /** Feeds a delta; returns the text now safe to show and the guardrail events it caused. */
  push(delta: string): { text: string; events: GuardrailEvent[] } {
    this.buffer += delta;
    let released = '';
    const events: GuardrailEvent[] = [];
    for (;;) {
      const m = /^(?:[^\n.!?]|[.!?](?=[^\s.!?]))*(?:[.!?]+[ \t]+\n*|[.!?]*\n+)/.exec(this.buffer);
      if (!m) break;
      this.buffer = this.buffer.slice(m[0].length);
      const r = this.check(m[0]);
      released += r.text;
      events.push(...r.events);
    }
    return { text: released, events };
  }

  private check(sentence: string): { text: string; events: GuardrailEvent[] } {
    if (sentence.trim()) this.sentences++;
    const v = checkSentence(sentence, this.prepared, this.opts);
    this.events.push(...v.events);
    if (!v.keep) { this.dropped++; return { text: '', events: v.events }; }
    this.kept += v.text;
    return { text: v.text, events: v.events };
  }

  /** Ends the stream: the last sentence, then the completions; `fallback` as in `guardAnswer`. */
  end(): { text: string; events: GuardrailEvent[]; fallback: boolean; answer: string } {
    const last = this.buffer ? this.check(this.buffer) : { text: '', events: [] };
    this.buffer = '';
    const done = completeAnswer(this.kept, this.opts);
    this.events.push(...done.events);
    const fallback = this.sentences === 0 || this.dropped / Math.max(1, this.sentences) > (this.opts.fallbackRatio ?? 0.5);
    const appended = done.text.startsWith(this.kept.trim()) ? done.text.slice(this.kept.trim().length) : '';
    return { text: last.text + appended, events: [...last.events, ...done.events], fallback, answer: done.text };
  }
}
