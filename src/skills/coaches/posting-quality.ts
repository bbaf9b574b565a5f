import type { Job } from '../../domain/index.ts';
import type { CoachIssue, IssueSeverity } from './profile-quality.ts';

export interface InclusiveLanguageFlag {
  phrase: string;
  kind: 'gender_coded' | 'age_coded';
  field: string;
  suggestion: string;
}

export interface PostingQuality {
  /** 0–100: 100 minus weighted issues. */
  score: number;
  issues: CoachIssue[];
  inclusiveLanguage: InclusiveLanguageFlag[];
}

const WEIGHT: Record<IssueSeverity, number> = { high: 15, medium: 8, low: 3 };

/** Wording research links to fewer applicants from one group; each with a neutral alternative. */
const CODED: { re: RegExp; kind: InclusiveLanguageFlag['kind']; suggestion: string }[] = [
  { re: /\brock ?stars?\b/gi, kind: 'gender_coded', suggestion: 'name the skill level instead ("experienced", "expert")' },
  { re: /\bninjas?\b/gi, kind: 'gender_coded', suggestion: 'name the skill level instead ("expert")' },
  { re: /\bgurus?\b/gi, kind: 'gender_coded', suggestion: 'use "specialist" or "expert"' },
  { re: /\bwizards?\b/gi, kind: 'gender_coded', suggestion: 'use "specialist" or "expert"' },
  { re: /\bhackers?\b/gi, kind: 'gender_coded', suggestion: 'use "engineer" or "developer"' },
  { re: /\b(aggressive(ly)?|dominant|dominate|competitive spirit|fearless|killer instinct)\b/gi, kind: 'gender_coded', suggestion: 'describe the outcome wanted ("ambitious goals", "proactive")' },
  { re: /\b(he|she) (will|should|must|is|has)\b/gi, kind: 'gender_coded', suggestion: 'use "you will" or "they will"' },
  { re: /\b(his|her) (team|role|work|responsibilities)\b/gi, kind: 'gender_coded', suggestion: 'use "your" or "their"' },
  { re: /\b(salesman|chairman|foreman|manpower|guys)\b/gi, kind: 'gender_coded', suggestion: 'use a neutral word ("salesperson", "chair", "workforce", "everyone")' },
  { re: /\bdigital natives?\b/gi, kind: 'age_coded', suggestion: 'name the digital skills needed' },
  { re: /\byoung (and|&) (dynamic|energetic|hungry)\b/gi, kind: 'age_coded', suggestion: 'describe the work pace without age ("fast-paced team")' },
  { re: /\b(young|youthful) (team|company|professionals?|talent)\b/gi, kind: 'age_coded', suggestion: 'describe the team without age' },
  { re: /\b(recent graduates? only|fresh graduates?|max(imum)? \d+ years (old|of age))\b/gi, kind: 'age_coded', suggestion: 'state the experience needed, not career stage or age' },
  { re: /\b(energetic|high[- ]energy)\b/gi, kind: 'age_coded', suggestion: 'describe the work ("fast-paced")' },
  { re: /\b(overqualified|mature candidates?|under \d\d)\b/gi, kind: 'age_coded', suggestion: 'state the requirement itself' },
];

const VAGUE_REQ = /\b(good|strong|excellent|great) (communication|skills|knowledge|understanding)\b|\b(team player|self[- ]starter|various|etc\.?|and more|other duties)\b/gi;
const ENTRY = /\b(entry[- ]level|junior|graduate|no experience (required|needed))\b/i;
const YEARS_IN_TEXT = /\b(\d{1,2})\+?\s*(?:years|yrs)\b/gi;

/**
 * The posting coach: a quality score and the problems a good recruiter would fix — missing salary
 * range, missing or contradictory requirements, vague requirements, gender- and age-coded wording.
 */
export function assessPostingQuality(job: Pick<Job, 'title' | 'description' | 'seniority' | 'salary' | 'required' | 'preferred'>): PostingQuality {
  const issues: CoachIssue[] = [];
  const text = `${job.title}\n${job.description}`;
  if (!job.salary) {
    issues.push({ code: 'missing_salary_range', severity: 'high', field: 'salary', message: 'The posting states no salary range.', suggestion: 'Add a range (min–max, currency, period); postings with pay ranges get more and better-matched applicants.' });
  } else if (job.salary.max > job.salary.min * 2) {
    issues.push({ code: 'wide_salary_range', severity: 'low', field: 'salary', message: 'The salary range is very wide (max more than twice the min).', suggestion: 'Narrow the range to what the role really pays.' });
  }
  if (job.required.skills.length === 0) {
    issues.push({ code: 'missing_required_skills', severity: 'high', field: 'required.skills', message: 'No required skills are listed.', suggestion: 'List the three to six skills the role cannot do without.' });
  } else if (job.required.skills.length > 10) {
    issues.push({ code: 'too_many_requirements', severity: 'medium', field: 'required.skills', message: `${job.required.skills.length} required skills is a long list; many qualified people will not apply.`, suggestion: 'Keep the must-haves to six or fewer; move the rest to nice-to-have.' });
  }
  if (job.description.trim().length < 200) {
    issues.push({ code: 'short_description', severity: 'medium', field: 'description', message: 'The description is short.', suggestion: 'Describe the team, the first projects and what success looks like after six months.' });
  }
  const years = [...text.matchAll(YEARS_IN_TEXT)].map((m) => Number(m[1]));
  const maxYears = Math.max(job.required.minYears ?? 0, ...years, 0);
  const entry = job.seniority === 'entry' || job.seniority === 'intern' || ENTRY.test(text);
  if (entry && maxYears >= 4) {
    issues.push({ code: 'contradictory_requirements', severity: 'high', field: 'required.minYears', message: `The posting says entry level but asks for ${maxYears} years of experience.`, suggestion: 'Either lower the years to 0–2 or change the level to match.' });
  }
  const required = new Set(job.required.skills.map((s) => s.name.toLowerCase()));
  const both = job.preferred.skills.filter((s) => required.has(s.name.toLowerCase()));
  if (both.length > 0) {
    issues.push({ code: 'skill_both_required_and_preferred', severity: 'low', field: 'preferred.skills', message: `${both.map((s) => s.name).join(', ')} is listed as both required and nice-to-have.`, suggestion: 'Keep each skill in one list.' });
  }
  const vague = [...new Set([...job.description.matchAll(VAGUE_REQ)].map((m) => m[0].toLowerCase()))];
  if (vague.length > 0) {
    issues.push({ code: 'vague_requirements', severity: 'medium', field: 'description', message: `Vague requirements: ${vague.map((v) => `"${v}"`).join(', ')}.`, suggestion: 'Say what the person will do and how it is measured.' });
  }
  const inclusiveLanguage: InclusiveLanguageFlag[] = [];
  for (const [field, value] of [['title', job.title], ['description', job.description]] as const) {
    for (const c of CODED) {
      for (const m of value.matchAll(c.re)) {
        if (!inclusiveLanguage.some((f) => f.phrase.toLowerCase() === m[0].toLowerCase())) inclusiveLanguage.push({ phrase: m[0], kind: c.kind, field, suggestion: c.suggestion });
      }
    }
  }
  if (inclusiveLanguage.length > 0) {
    issues.push({
      code: 'non_inclusive_language', severity: 'medium', field: 'description',
      message: `Wording that discourages some applicants: ${inclusiveLanguage.map((f) => `"${f.phrase}" (${f.kind.replace('_', '-')})`).join(', ')}.`,
      suggestion: 'Use neutral wording; see the suggestion for each phrase.',
    });
  }
  const score = Math.max(0, 100 - issues.reduce((s, i) => s + WEIGHT[i.severity], 0));
  return { score, issues, inclusiveLanguage };
}
