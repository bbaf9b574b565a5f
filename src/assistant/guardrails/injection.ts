/**
 * Prompt-injection defence for text that comes from data (profiles, postings, tool results) or from
 * the user: detect instruction-like content (also hidden in HTML comments, zero-width characters or
 * base64), neutralize it in data, and fence data so the model reads it as data.
 */

const PATTERNS: RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}\b(previous|prior|above|earlier|all|any|your|the|system|these)\b[^.\n]{0,30}\b(instructions?|rules?|prompts?|guidelines?|directions?|constraints?)/i,
  /\b(new|updated|real|actual|hidden|secret)\s+(instructions?|system prompt|rules)\b/i,
  /\b(system prompt|developer mode|jailbreak|DAN mode|do anything now|god mode)\b/i,
  /\byou are (now|no longer)\b/i,
  /\brole[- ]?play\b/i,
  /\byou are an? (unrestricted|unfiltered|jailbroken|evil|uncensored)\b/i,
  /\b(pretend|act|behave|roleplay|role-play)\b[^.\n]{0,20}\b(as|to be|like)\b[^.\n]{0,40}\b(assistant|ai|model|recruiter|admin|hiring manager|system|unrestricted|evil|dan)\b/i,
  /\b(pretend|imagine|suppose)\b[^.\n]{0,10}\b(you are|you're|to be|that you)\b/i,
  /\b(assistant|ai|model|system)\s*[:,]\s*(say|tell|answer|respond|output|reply|print|rate|mark|classify)\b/i,
  /\b(rate|mark|classify|label|score|call|declare)\b[^.\n]{0,40}\b(as|a)\b[^.\n]{0,20}\b(strong|perfect|excellent|top|best|good)\s+(fit|match|candidate)\b/i,
  /\b(this|the)\s+(candidate|member|applicant|person)\s+(is|must be)\s+(a\s+)?(strong|perfect|excellent|top|the best)\b/i,
  /\b(reveal|show|list|print|dump|leak|give me|tell me)\b[^.\n]{0,40}\b(other|all)\b[^.\n]{0,30}\b(applicants?|candidates?|members?|users?)\b[^.\n]{0,40}\b(e-?mails?|phones?|contacts?|names?|addresses|data)\b/i,
  /\b(e-?mails?|phone numbers?|contact (details|data|info))\b[^.\n]{0,30}\b(of|for)\b[^.\n]{0,20}\b(other|all|every)\b/i,
  /\b(print|repeat|reveal|show)\b[^.\n]{0,30}\b(your|the)\b[^.\n]{0,15}\b(prompt|instructions|guidelines|configuration)\b/i,
  /<\|?(im_start|im_end|system|endoftext)\|?>/i,
  /^\s*(###\s*)?(system|assistant)\s*:/im,
  /\[\s*(system|inst)\s*\]/i,
];

/** An order to produce output ("print X", "say X", "end every answer with X"). */
const COMMAND = /\b(print|say|output|write|reply|respond|append|recite|repeat|confirm|type|end (every|each|your) answer)\b/i;

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const HTML_COMMENT = /<!--[\s\S]*?(-->|$)/g;
const BASE64 = /\b[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])/g;

function decodeBase64Chunks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(BASE64)) {
    try {
      const decoded = Buffer.from(m[0], 'base64').toString('utf8');
      // Only readable text counts: most random strings decode to binary noise.
      if (decoded.length >= 8 && /^[\x20-\x7E\s]+$/.test(decoded)) out.push(decoded);
    } catch { /* not base64 */ }
  }
  return out;
}

export interface InjectionFinding {
  /** What was found: a phrase, hidden comment, or encoded payload. */
  kind: 'instruction' | 'html_comment' | 'base64' | 'zero_width';
  excerpt: string;
}

/** Instruction-like content in a text, including the hidden kinds. */
export function detectInjection(text: string): InjectionFinding[] {
  const findings: InjectionFinding[] = [];
  if (ZERO_WIDTH.test(text)) findings.push({ kind: 'zero_width', excerpt: '' });
  ZERO_WIDTH.lastIndex = 0;
  const visible = text.replace(ZERO_WIDTH, '');
  for (const m of visible.matchAll(HTML_COMMENT)) findings.push({ kind: 'html_comment', excerpt: m[0].slice(0, 80) });
  for (const decoded of decodeBase64Chunks(visible)) {
    if (PATTERNS.some((p) => p.test(decoded))) findings.push({ kind: 'base64', excerpt: decoded.slice(0, 80) });
  }
  for (const p of PATTERNS) {
    const m = p.exec(visible);
    if (m) findings.push({ kind: 'instruction', excerpt: m[0].slice(0, 80) });
  }
  return findings;
}

export function looksLikeInjection(text: string): boolean {
  return detectInjection(text).length > 0;
}

export const WITHHELD = '[instruction-like text removed]';

/**
 * Data text made safe to show or to put in a prompt: hidden comments and zero-width characters
 * removed, sentences with instruction-like content (or encoded ones) replaced by a marker.
 */
export function neutralizeData(text: string): string {
  let t = text.replace(ZERO_WIDTH, '').replace(HTML_COMMENT, ' ');
  t = t.replace(BASE64, (chunk) => (decodeBase64Chunks(chunk).some((d) => PATTERNS.some((p) => p.test(d))) ? WITHHELD : chunk));
  const parts = t.split(/(?<=[.!?\n])\s+/);
  const flagged = parts.map((s) => PATTERNS.some((p) => p.test(s)));
  // Once a text carries instructions, its commands to print or say something are part of the attack too.
  const attacked = flagged.some(Boolean);
  const cleaned = parts.map((s, i) => (flagged[i] || (attacked && COMMAND.test(s)) ? WITHHELD : s));
  return cleaned.join(' ').replace(/\s+/g, ' ').replace(/(\[instruction-like text removed\]\s*)+/g, `${WITHHELD} `).trim();
}

/** Deep copy of a tool result with every string neutralized (ids and enums are unaffected). */
export function neutralizeValue<T>(value: T): T {
  if (typeof value === 'string') return neutralizeData(value) as T;
  if (Array.isArray(value)) return value.map(neutralizeValue) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, neutralizeValue(v)])) as T;
  }
  return value;
}

/** Wraps data for a prompt: the model is told, in the preamble, that fenced text is never instructions. */
export function fence(source: string, body: string): string {
  // A fence marker inside the data cannot close the fence early.
  const safe = body.replace(/<\/?data\b[^>]*>/gi, '[tag removed]');
  return `<data source="${source}">\n${safe}\n</data>`;
}
