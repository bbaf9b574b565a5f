import { SKILL_LEVEL_RANK, type Course } from '../domain/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';
import type { MemberProfile, Requirement, SkillRequirement } from './profile.ts';
import { contentTokens, resolveSkillKey, textKey } from './profile.ts';
import type { NextStep, QualificationStatus } from './types.ts';
import { quoteAround } from './text.ts';

/** Courses by the skill ids they teach, built once per catalogue. */
export interface CourseIndex {
  readonly kind: 'course-index';
  readonly bySkill: Map<string, Course[]>;
  readonly courses: readonly Course[];
  readonly titleTokens: ReadonlySet<string>[];
  /** Ranked courses by `skillId|targetLevel`, filled on first use. */
  readonly ranked: Map<string, Course[]>;
  /** One frozen next-step object per course, shared by every assessment that suggests it. */
  readonly steps: Map<string, NextStep>;
}

const cache = new WeakMap<readonly Course[], CourseIndex>();

export function buildCourseIndex(courses: readonly Course[]): CourseIndex {
  const cached = cache.get(courses);
  if (cached) return cached;
  const bySkill = new Map<string, Course[]>();
  for (const c of courses) {
    for (const s of c.skills) {
      const list = bySkill.get(s);
      if (list) list.push(c); else bySkill.set(s, [c]);
    }
  }
  const index: CourseIndex = { kind: 'course-index', bySkill, courses, titleTokens: courses.map((c) => contentTokens(c.title)), ranked: new Map(), steps: new Map() };
  cache.set(courses, index);
  return index;
}

export function courseIndexOf(courses: readonly Course[] | CourseIndex | undefined): CourseIndex | undefined {
  if (!courses) return undefined;
  return 'kind' in courses && (courses as CourseIndex).kind === 'course-index' ? (courses as CourseIndex) : buildCourseIndex(courses as readonly Course[]);
}

export const MAX_COURSES = 3;
export const MAX_ADJACENT = 3;

/**
 * Courses for a skill, best first: the course level closest to the level the member should reach
 * next (one above what they have, beginner when they have nothing), then the shortest, then by id.
 */
export function coursesForSkill(index: CourseIndex | undefined, skillId: string, targetLevel: number): Course[] {
  const list = index?.bySkill.get(skillId);
  if (!index || !list || list.length === 0) return [];
  const cacheKey = `${skillId}|${targetLevel}`;
  const hit = index.ranked.get(cacheKey);
  if (hit) return hit;
  const ranked = [...list]
    .sort((a, b) =>
      Math.abs(SKILL_LEVEL_RANK[a.level] - targetLevel) - Math.abs(SKILL_LEVEL_RANK[b.level] - targetLevel)
      || a.durationHours - b.durationHours
      || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, MAX_COURSES);
  index.ranked.set(cacheKey, ranked);
  return ranked;
}

function courseStep(c: Course, index: CourseIndex): NextStep {
  let step = index.steps.get(c.id);
  if (!step) {
    const s: NextStep = { kind: 'course', courseId: c.id, title: c.title, provider: c.provider, level: c.level, durationHours: c.durationHours };
    if (c.url) s.url = c.url;
    step = Object.freeze(s);
    index.steps.set(c.id, step);
  }
  return step;
}

/** Next steps for a requirement that is not fully met; never empty. */
export function nextStepsFor(
  req: Requirement, status: QualificationStatus, profile: MemberProfile, taxonomy: Taxonomy, courses: CourseIndex | undefined,
  detail: { memberYears?: number },
): NextStep[] {
  const steps: NextStep[] = [];
  switch (req.type) {
    case 'skill':
      return skillSteps(req, profile, taxonomy, courses);
    case 'years': {
      const have = detail.memberYears ?? 0;
      steps.push({ kind: 'action', advice: `The role asks for ${req.years}+ years of experience; the profile shows ${have}. Describe relevant projects, freelance or volunteer work so all of it counts.` });
      return steps;
    }
    case 'education':
      steps.push({ kind: 'action', advice: `The role asks for ${req.requirement}. If equivalent experience or coursework exists, add it to the profile; otherwise a formal qualification is the route.` });
      return steps;
    case 'language': {
      const skill = taxonomy.findByLabel(req.language, 'skill')[0];
      if (skill) for (const c of coursesForSkill(courses, skill.id, 2)) steps.push(courseStep(c, courses!));
      steps.push({ kind: 'action', advice: status === 'partial'
        ? `Raise ${req.language} to ${req.proficiency} level and update the proficiency on the profile.`
        : `Add ${req.language} to the profile if you speak it; otherwise a course gets you started.` });
      return steps;
    }
    case 'certification': {
      if (courses) for (const c of coursesForCertification(courses, req.key, req.tokens)) steps.push(courseStep(c, courses));
      steps.push({ kind: 'action', advice: status === 'partial'
        ? `A related certification is on the profile; check whether ${req.name} itself is needed and list it exactly if you hold it.`
        : `Earn the ${req.name} certification, or list it if you already hold it.` });
      return steps;
    }
  }
}

/** Courses whose title carries most of the certification's words (cached per certification). */
function coursesForCertification(courses: CourseIndex, key: string, tokens: ReadonlySet<string>): Course[] {
  const cacheKey = `cert|${key}`;
  const hit = courses.ranked.get(cacheKey);
  if (hit) return hit;
  const scored: { c: Course; overlap: number }[] = [];
  courses.courses.forEach((c, i) => {
    let overlap = 0;
    for (const t of tokens) if (courses.titleTokens[i]!.has(t)) overlap++;
    if (tokens.size > 0 && overlap / tokens.size >= 0.6) scored.push({ c, overlap });
  });
  scored.sort((a, b) => b.overlap - a.overlap || a.c.durationHours - b.c.durationHours || (a.c.id < b.c.id ? -1 : 1));
  const ranked = scored.slice(0, MAX_COURSES).map((x) => x.c);
  courses.ranked.set(cacheKey, ranked);
  return ranked;
}

function skillSteps(req: SkillRequirement, profile: MemberProfile, taxonomy: Taxonomy, courses: CourseIndex | undefined): NextStep[] {
  const steps: NextStep[] = [];
  const mention = profile.mentioned.get(req.key) ?? textMention(req.key, profile);
  const listed = profile.listed.get(req.key);
  if (mention && !listed) {
    steps.push({
      kind: 'surface_evidence', field: mention.field, quote: mention.quote,
      advice: `You already mention ${req.name} in ${mention.field}; add it to your skills with a level so it counts fully.`,
    });
  }
  if (listed && req.level > 0 && listed.level > 0 && listed.level < req.level) {
    steps.push({ kind: 'action', advice: `Deepen ${req.name} from ${levelName(listed.level)} to ${req.levelName}; a project that shows it helps most.` });
  } else if (listed && req.years !== undefined && listed.years !== undefined && listed.years < req.years) {
    steps.push({ kind: 'action', advice: `The role asks for ${req.years}+ years of ${req.name}; the profile lists ${listed.years}. Add earlier use of it if there was any.` });
  }
  let adjacent = 0;
  for (const r of req.related) {
    const has = profile.listed.get(r);
    if (!has) continue;
    steps.push({ kind: 'adjacent_skill', skillId: r, label: taxonomy.labelOf(r), field: has.evidence.field });
    if (++adjacent >= MAX_ADJACENT) break;
  }
  if (req.skillId) {
    const target = listed && listed.level > 0 ? Math.min(4, listed.level + 1) : req.level >= 3 ? 2 : 1;
    for (const c of coursesForSkill(courses, req.skillId, target)) steps.push(courseStep(c, courses!));
  }
  if (steps.length === 0) {
    steps.push({ kind: 'action', advice: `Practise ${req.name} on a project, in volunteering or at work, then add it to your skills with a level.` });
  }
  return steps;
}

const LEVEL_NAMES = ['none', 'beginner', 'intermediate', 'advanced', 'expert'];
function levelName(rank: number): string { return LEVEL_NAMES[rank] ?? 'unknown'; }

/** Unresolved (non-taxonomy) skill names are looked for word-for-word in the member's text. */
export function textMention(key: string, profile: MemberProfile): { field: string; quote: string; note: string } | undefined {
  if (!key.startsWith('name:')) return undefined;
  const needle = ` ${key.slice(5)} `;
  if (needle.trim().length < 3) return undefined;
  for (const f of profile.textFields) {
    if (!textKey(f).includes(needle)) continue;
    const words = needle.trim();
    const pos = f.text.toLowerCase().indexOf(words);
    const quote = pos >= 0 ? quoteAround(f.text, pos, pos + words.length) : f.text.length > 120 ? `${f.text.slice(0, 119)}…` : f.text;
    return { field: f.field, quote, note: 'mentioned in experience, not listed in skills' };
  }
  return undefined;
}

export { resolveSkillKey };
