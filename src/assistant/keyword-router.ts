import type { AssistantIntent, IntentRouterLike } from './types.ts';

/**
 * A keyword router used only when the trained router (`./router`) is not available: a few rules per
 * intent, first match wins. The trained router is the product's router; this keeps the assistant usable.
 */
const RULES: [AssistantIntent, RegExp][] = [
  ['rank_applicants', /\b(rank|sort|order|shortlist|screen|best)\b.*\b(applicants?|applications?)\b|\bapplicants?\b.*\b(rank|best|top)\b/i],
  ['find_candidates', /\b(find|source|search|looking for|need)\b.*\b(candidates?|developers|engineers|people|talent|hires?)\b/i],
  ['improve_posting', /\b(posting|job ad|job description|advert|listing)\b/i],
  ['interview_prep', /\binterview/i],
  ['learning_path', /\b(learn|course|courses|study|training|upskill|certif)/i],
  ['improve_profile', /\b(my profile|my resume|my cv|headline|my summary|improve my)\b/i],
  ['assess_fit', /\b(fit|match|qualified|chance|suitable|right for)\b/i],
  ['company_info', /\b(company|employer|tell me about|who is|what does)\b/i],
  ['find_jobs', /\b(jobs?|openings?|positions?|roles?|vacanc)/i],
  ['small_talk', /^(hi|hello|hey|thanks|thank you|good (morning|evening)|how are you)\b/i],
];

export function createKeywordRouter(): IntentRouterLike {
  return {
    route(text, history = []) {
      for (const [intent, re] of RULES) if (re.test(text)) return { intent, confidence: 0.7 };
      // Short follow-ups ("and for j-2?") inherit the previous intent.
      const prev = history[history.length - 1];
      if (prev && text.split(/\s+/).length <= 8) return { intent: prev.intent, confidence: 0.5 };
      return { intent: 'out_of_scope', confidence: 0.3 };
    },
  };
}
