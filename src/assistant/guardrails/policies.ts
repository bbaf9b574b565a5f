/** Tone, responsible-AI and privacy rules, as small pure checks on text. */

/** Blunt verdicts the guidelines forbid ("you are not a fit", "unqualified"). */
const BLUNT = [
  /\b(you are|you're|you re)\s+(not|never)\s+(a\s+)?(fit|match|qualified|suitable|good enough|right)\b/i,
  /\b(not|never)\s+(a\s+)?(fit|match)\s+for\s+(this|the|that)\b/i,
  /\b(unqualified|hopeless|no chance|don'?t bother|not worth (applying|it)|terrible|poor|bad|weak)\s+(fit|match|candidate|profile)?\b/i,
  /\b(you|your profile)\s+(lack|lacks|fail|fails)\b/i,
  /\b(give up|forget (about )?(it|this job))\b/i,
];

export function isBlunt(sentence: string): boolean {
  return BLUNT.some((r) => r.test(sentence));
}

/** Protected attributes (and common proxies) that must never drive a hiring decision. */
const PROTECTED = /\b(age|ages|aged|older|oldest|younger|youngest|young|old|birth ?(year|date)|born|gender|sex|male|female|man|woman|men|women|race|racial|ethnic(ity)?|skin|colou?r|religio(n|us)|muslim|christian|jewish|hindu|pregnan(t|cy)|maternity|disabilit(y|ies)|disabled|nationality|national origin|citizenship|immigrants?|migrants?|foreigners?|refugees?|marital|married|single|children|kids|sexual orientation|gay|lesbian|transgender|veteran status|graduation year)\b/i;
const DECISION = /\b(rank|sort|order|filter|exclude|prefer|only|screen|shortlist|reject|pick|choose|remove|hire|select|show me|find|give me|no|without|avoid|skip)\b/i;
/** An age given as a number about people: "anyone over 50", "candidates under 30" (but not "over 50k"). */
const AGE_THRESHOLD = /\b(anyone|anybody|people|persons?|candidates?|applicants?|those|someone|nobody|members?|workers?|employees?)\s+(over|under|above|below|older than|younger than|past)\s+\d{2}\b(?!\s*(k|000|%|€|\$|eur|usd|years? of))/i;

/** A recruiter (or anyone) asking to rank, filter or pick people by a protected attribute. */
export function isDiscriminatoryRequest(text: string): boolean {
  return (PROTECTED.test(text) || AGE_THRESHOLD.test(text)) && DECISION.test(text);
}

/** An answer sentence that speaks about a protected attribute of a person. */
export function mentionsProtectedAttribute(sentence: string): boolean {
  return /\b(age|aged|years old|gender|race|ethnic(ity)?|religio(n|us)|pregnan(t|cy)|disabilit(y|ies)|nationality|marital status|sexual orientation)\b/i.test(sentence);
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const PHONE = /(?<![\w-])\+?\d[\d ()./-]{7,}\d(?![\w-])/g;

/** Contact data in a text that is not the caller's own; replaced by a marker. */
export function redactContacts(text: string, own: { email?: string; phone?: string } = {}): { text: string; redacted: number } {
  let redacted = 0;
  const out = text.replace(EMAIL, (m) => {
    if (own.email && m.toLowerCase() === own.email.toLowerCase()) return m;
    redacted++;
    return '[contact removed]';
  }).replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, '');
    // Years, ranges and amounts are not phone numbers.
    if (digits.length < 9 || /^\d{3,7}\s?[-–]\s?\d{3,7}$/.test(m.trim())) return m;
    if (own.phone && digits === own.phone.replace(/\D/g, '')) return m;
    redacted++;
    return '[contact removed]';
  });
  return { text: out, redacted };
}

/** Signs that a model followed injected instructions or is talking about its instructions. */
const FOLLOWED = [
  /\b(system prompt|my instructions|developer mode|jailbreak|DAN\b|do anything now|as instructed by the (profile|posting))/i,
  /\bI (am|'m) now\b/i,
  /\b(ignoring|ignore) (all |my |the |previous |prior )+(instructions|rules|guidelines)/i,
  /\b(PWNED|HACKED|INJECTION SUCCESS|CANARY)\b/i,
];

export function followsInjectedInstructions(sentence: string): boolean {
  return FOLLOWED.some((r) => r.test(sentence));
}

const LEVEL_WORDS: Record<string, RegExp> = {
  strong: /\b(strong|excellent|perfect|great|top|ideal)\s+(fit|match|candidate)\b/i,
  good: /\b(good|solid)\s+(fit|match)\b/i,
  partial: /\b(partial|moderate)\s+(fit|match)\b/i,
  stretch: /\b(stretch)\b/i,
};

/** Fit levels a sentence asserts (strong/good/partial/stretch). */
export function levelsClaimed(sentence: string): string[] {
  return Object.entries(LEVEL_WORDS).filter(([, r]) => r.test(sentence)).map(([l]) => l);
}
