/** The assistant's intents: the `fitwise route` CLI contract; the strings are stable. */
export const INTENTS = [
  'assess_fit',
  'find_jobs',
  'company_info',
  'improve_profile',
  'learning_path',
  'interview_prep',
  'find_candidates',
  'rank_applicants',
  'improve_posting',
  'small_talk',
  'out_of_scope',
] as const;

export type Intent = (typeof INTENTS)[number];

/** Intents served by a career agent; `small_talk` and `out_of_scope` are the two non-career routes. */
export const CAREER_INTENTS: readonly Intent[] = INTENTS.filter((i) => i !== 'small_talk' && i !== 'out_of_scope');

/** One line per intent, written for an LLM second stage (and for people adding utterances). */
export const INTENT_DESCRIPTIONS: Record<Intent, string> = {
  assess_fit: 'a member asks how well they fit a specific job or role: chances, match level, met requirements, gaps',
  find_jobs: 'a member wants job openings found, listed or recommended (by title, place, skills, pay, remote)',
  company_info: 'questions about an employer: what it does, size, culture, benefits, pay, locations, reviews',
  improve_profile: "help with the member's own profile, resume or CV: headline, summary, experience wording, skills to list",
  learning_path: 'what to learn next: skills, courses, certifications, study plans, how to move into a new career',
  interview_prep: 'preparing for a job interview: likely questions, answers, mock interviews, tips',
  find_candidates: 'a recruiter searches the member pool for people to hire or invite (sourcing)',
  rank_applicants: 'a recruiter wants the people who already applied to a job ranked, screened or shortlisted by fit',
  improve_posting: "help with a recruiter's job posting: clarity, requirements, salary range, inclusive language",
  small_talk: 'greetings, thanks, goodbyes, jokes, questions about the assistant itself and what it can do',
  out_of_scope: 'anything unrelated to careers, jobs and hiring (weather, banking, travel, cooking, trivia, device control, payroll)',
};

export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}
