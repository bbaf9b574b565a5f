import type { Job, JobSkill, Member, MemberSkill } from '../domain/index.ts';
import type { Taxonomy } from './taxonomy.ts';

/** Attaches taxonomy ids to skills named by label or alias; unknown names stay as written. */
function resolveSkill<T extends MemberSkill | JobSkill>(skill: T, taxonomy: Taxonomy): T {
  if (skill.skillId && taxonomy.has(skill.skillId)) return skill;
  const [hit] = taxonomy.findByLabel(skill.name, 'skill');
  return hit ? { ...skill, skillId: hit.id } : skill;
}

export function resolveMemberSkills(member: Member, taxonomy: Taxonomy): Member {
  const experience = member.experience.map((e) => {
    if (e.occupationId && taxonomy.has(e.occupationId)) return e;
    const [occ] = taxonomy.findByLabel(e.title, 'occupation');
    return occ ? { ...e, occupationId: occ.id } : e;
  });
  return { ...member, skills: member.skills.map((s) => resolveSkill(s, taxonomy)), experience };
}

export function resolveJobSkills(job: Job, taxonomy: Taxonomy): Job {
  let occupationId = job.occupationId;
  if (!occupationId || !taxonomy.has(occupationId)) occupationId = taxonomy.findByLabel(job.title, 'occupation')[0]?.id ?? occupationId;
  return {
    ...job,
    ...(occupationId ? { occupationId } : {}),
    required: { ...job.required, skills: job.required.skills.map((s) => resolveSkill(s, taxonomy)) },
    preferred: { ...job.preferred, skills: job.preferred.skills.map((s) => resolveSkill(s, taxonomy)) },
  };
}
