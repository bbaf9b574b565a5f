/**
 * Short anaphoric follow-ups ("and for the other one?", "what about the second job?") only make sense
 * against the conversation; the router inherits the previous intent when it cannot tell on its own.
 */
const OPENERS = /^(and|also|ok and|okay and|so|then|but|or)\b|^(what|how) about\b|^same (for|thing|with)\b|^(for|with) (the|that|this|it|them)\b/;
const REFERENCES =
  /\b(other|second|third|first|last|next|previous|former|latter) (one|job|role|position|posting|opening|company|employer|applicant|candidate|offer)s?\b|\b(that|this|those|these) (one|ones|job|jobs|role|position|posting|company)\b|\bthe other\b|\b(that|it|them|those|these|one)\s*\??$/;

/** At most this many words: longer messages carry their own intent. */
export const FOLLOW_UP_MAX_WORDS = 9;

export type FollowUpKind = 'reference' | 'opener';

/**
 * `reference`: the message points back at something ("the other one", "that job", "...it?");
 * `opener`: it only continues the conversation ("and ...", "what about ..."); `undefined`: neither.
 */
export function followUpKind(text: string): FollowUpKind | undefined {
  const t = text.toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ').trim();
  if (t === '' || t.split(' ').length > FOLLOW_UP_MAX_WORDS) return undefined;
  if (REFERENCES.test(t)) return 'reference';
  if (OPENERS.test(t)) return 'opener';
  return undefined;
}

/** Words that carry no intent of their own in a follow-up. */
const FILLER = new Set(
  (
    'a an the and also ok okay so then but or what how about for with same thing one ones other that this those these it them ' +
    'second third first last next previous former latter job jobs role roles position positions posting postings opening ' +
    'company employer applicant applicants candidate candidates offer please too as well again is are do does there any ' +
    'me my i you can could would'
  ).split(' '),
);

/** A follow-up with nothing but anaphora and filler ("what about the second job?"): only the conversation can route it. */
export function isBareFollowUp(text: string): boolean {
  const words = text.toLowerCase().replace(/[’`']/g, '').split(/[^a-z0-9+#]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => FILLER.has(w));
}
