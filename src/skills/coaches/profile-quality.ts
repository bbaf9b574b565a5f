import type { Member } from '../../domain/index.ts';
import type { Taxonomy } from '../../taxonomy/index.ts';
import { findSkillMentions } from '../skill-mentions.ts';

export type IssueSeverity = 'high' | 'medium' | 'low';

export interface CoachIssue {
  code: string;
  severity: IssueSeverity;
  /** Member or posting field the issue is about (`summary`, `experience[1].description`). */
  field: string;
  message: string;
  suggestion: string;
}

export interface ProfileQuality {
  /** 0–100: 100 minus weighted issues. */
  score: number;
  issues: CoachIssue[];
  /** Skills the experience text shows but the skills list does not name, with the words that show them. */
  missingSkills: { skillId: string; label: string; field: string; quote: string }[];
}

const WEIGHT: Record<IssueSeverity, number> = { high: 15, medium: 8, low: 3 };
const VAGUE = /\b(responsible for|various|several|many|stuff|things|etc\.?|helped with|worked on|duties included|involved in)\b/i;
const QUANTIFIED = /\d|\b(percent|doubled|tripled|halved)\b/i;

function quoteAt(text: string, index: number, max = 90): string {
  const start = Math.max(0, text.lastIndexOf('.', index) + 1);
  const endDot = text.indexOf('.', index);
  const end = endDot < 0 ? text.length : endDot + 1;
  const s = text.slice(start, end).trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * The profile coach: deterministic checks a recruiter's first read would make — missing headline or
 * summary, skills the experience shows but the list omits, vague or unquantified descriptions.
 */
export function assessProfileQuality(member: Member, taxonomy: Taxonomy): ProfileQuality {
  const issues: CoachIssue[] = [];
  if (!member.headline.trim()) {
    issues.push({ code: 'missing_headline', severity: 'high', field: 'headline', message: 'The profile has no headline.', suggestion: 'Add a headline with your current role and two or three core skills.' });
  }
  const summary = member.summary.trim();
  if (!summary) {
    issues.push({ code: 'missing_summary', severity: 'high', field: 'summary', message: 'The profile has no summary.', suggestion: 'Write two or three sentences on what you do, for whom, and one result you are proud of.' });
  } else if (summary.length < 80) {
    issues.push({ code: 'short_summary', severity: 'low', field: 'summary', message: 'The summary is very short.', suggestion: 'Add the kind of problems you solve and one concrete result.' });
  }
  if (member.experience.length === 0) {
    issues.push({ code: 'no_experience', severity: 'high', field: 'experience', message: 'The profile lists no experience.', suggestion: 'Add jobs, internships, volunteering or projects with dates.' });
  }
  const listed = new Set<string>();
  for (const s of member.skills) {
    if (s.skillId) listed.add(s.skillId);
    for (const m of findSkillMentions(s.name, taxonomy)) listed.add(m.skillId);
  }
  if (member.skills.length < 3) {
    issues.push({ code: 'few_skills', severity: 'medium', field: 'skills', message: `Only ${member.skills.length} skills are listed.`, suggestion: 'List the skills your experience shows, each with a level.' });
  }
  if (member.skills.length > 0 && member.skills.every((s) => !s.level)) {
    issues.push({ code: 'skills_without_level', severity: 'low', field: 'skills', message: 'No skill has a level.', suggestion: 'Give each skill a level (beginner to expert) so matching can credit it.' });
  }
  const missing = new Map<string, ProfileQuality['missingSkills'][number]>();
  member.experience.forEach((e, i) => {
    const field = `experience[${i}].description`;
    const d = e.description.trim();
    if (!d) {
      issues.push({ code: 'empty_description', severity: 'medium', field, message: `"${e.title}" has no description.`, suggestion: 'Describe what you did and what changed because of it, with a number where possible.' });
      return;
    }
    if (d.length < 60 || VAGUE.test(d)) {
      issues.push({ code: 'vague_description', severity: 'medium', field, message: `The description of "${e.title}" is vague.`, suggestion: 'Replace general phrases ("responsible for", "worked on") with actions and their results.' });
    }
    if (!QUANTIFIED.test(d)) {
      issues.push({ code: 'no_quantified_results', severity: 'low', field, message: `The description of "${e.title}" has no quantified result.`, suggestion: 'Add a number: time saved, users served, cost cut, revenue, team size.' });
    }
    for (const m of findSkillMentions(`${e.title}. ${d}`, taxonomy)) {
      if (listed.has(m.skillId) || missing.has(m.skillId)) continue;
      const text = `${e.title}. ${d}`;
      missing.set(m.skillId, { skillId: m.skillId, label: m.label, field, quote: quoteAt(text, m.index) });
    }
  });
  if (missing.size > 0) {
    const labels = [...missing.values()].map((m) => m.label);
    issues.push({
      code: 'skills_evident_but_not_listed', severity: 'medium', field: 'skills',
      message: `Your experience shows ${labels.join(', ')} but your skills list does not name ${labels.length === 1 ? 'it' : 'them'}.`,
      suggestion: 'Add these skills with a level so matching credits them fully.',
    });
  }
  const score = Math.max(0, 100 - issues.reduce((s, i) => s + WEIGHT[i.severity], 0));
  return { score, issues, missingSkills: [...missing.values()] };
}
