import type { Job, JobSkill, Member, MemberSkill } from '../domain/index.ts';
import { createSkillExtractor, createTitleNormalizer, escoTitlePrior, titlePriorWeight } from './normalizer/index.ts';
import type { Taxonomy } from './taxonomy.ts';

/** Scores below these leave a name unresolved rather than attach a doubtful concept. */
const SKILL_MIN_SCORE = 0.7;
const TITLE_MIN_SCORE = 0.6;

const normalizers = new WeakMap<Taxonomy, { skills: ReturnType<typeof createSkillExtractor>; titles: ReturnType<typeof createTitleNormalizer> }>();

function normalizersOf(taxonomy: Taxonomy) {
  let n = normalizers.get(taxonomy);
  if (!n) {
    // An ESCO taxonomy gets the shipped occupation prior (what vacancy titles usually mean); others none.
    const prior = titlePriorWeight(escoTitlePrior(), taxonomy.concepts);
    n = { skills: createSkillExtractor(taxonomy.concepts), titles: createTitleNormalizer(taxonomy.concepts, prior ? { prior } : {}) };
    normalizers.set(taxonomy, n);
  }
  return n;
}

/** Exact label or alias first; otherwise the skill extractor's best match when it is confident. */
function resolveSkill<T extends MemberSkill | JobSkill>(skill: T, taxonomy: Taxonomy): T {
  if (skill.skillId && taxonomy.has(skill.skillId)) return skill;
  const [hit] = taxonomy.findByLabel(skill.name, 'skill');
  if (hit) return { ...skill, skillId: hit.id };
  if (taxonomy.skills().length === 0) return skill;
  const [best] = normalizersOf(taxonomy).skills.extract(skill.name, 1);
  return best && best.score >= SKILL_MIN_SCORE ? { ...skill, skillId: best.id } : skill;
}

function resolveTitle(title: string, taxonomy: Taxonomy): string | undefined {
  const [exact] = taxonomy.findByLabel(title, 'occupation');
  if (exact) return exact.id;
  if (taxonomy.occupations().length === 0) return undefined;
  const [best] = normalizersOf(taxonomy).titles.normalize(title, 1);
  // The prior picks the reading; whether the words match well enough is the lexical score's call.
  return best && (best.lexicalScore ?? best.score) >= TITLE_MIN_SCORE ? best.id : undefined;
}

export function resolveMemberSkills(member: Member, taxonomy: Taxonomy): Member {
  const experience = member.experience.map((e) => {
    if (e.occupationId && taxonomy.has(e.occupationId)) return e;
    const occupationId = resolveTitle(e.title, taxonomy);
    return occupationId ? { ...e, occupationId } : e;
  });
  return { ...member, skills: member.skills.map((s) => resolveSkill(s, taxonomy)), experience };
}

export function resolveJobSkills(job: Job, taxonomy: Taxonomy): Job {
  let occupationId = job.occupationId;
  if (!occupationId || !taxonomy.has(occupationId)) occupationId = resolveTitle(job.title, taxonomy) ?? occupationId;
  return {
    ...job,
    ...(occupationId ? { occupationId } : {}),
    required: { ...job.required, skills: job.required.skills.map((s) => resolveSkill(s, taxonomy)) },
    preferred: { ...job.preferred, skills: job.preferred.skills.map((s) => resolveSkill(s, taxonomy)) },
  };
}
