import { annualSalary, type Job, type Member } from '../../domain/index.ts';

/** Months between two YYYY-MM dates, inclusive of the start month. */
function monthIndex(ym: string): number {
  const [y, m] = ym.split('-').map(Number);
  return y! * 12 + (m! - 1);
}

/**
 * Total years of experience with overlapping positions counted once; open positions run to `now`.
 */
export function yearsOfExperience(member: Pick<Member, 'experience'>, now: Date): number {
  const nowIdx = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const spans = member.experience
    .map((e) => [monthIndex(e.startDate), e.endDate ? monthIndex(e.endDate) : nowIdx] as const)
    .filter(([s, e]) => e >= s)
    .sort((a, b) => a[0] - b[0]);
  let months = 0;
  let curS = -1;
  let curE = -1;
  for (const [s, e] of spans) {
    if (s > curE) {
      if (curE >= curS && curS >= 0) months += curE - curS + 1;
      curS = s;
      curE = e;
    } else if (e > curE) curE = e;
  }
  if (curS >= 0) months += curE - curS + 1;
  return Math.round((months / 12) * 10) / 10;
}

export function memberColumns(member: Member, now: Date) {
  const skillIds = [...new Set(member.skills.map((s) => s.skillId).filter((x): x is string => !!x))];
  const occupationIds = [...new Set([
    ...member.experience.map((e) => e.occupationId).filter((x): x is string => !!x),
    ...member.desiredRoles.filter((r) => r.includes(':')),
  ])];
  return {
    openToWork: member.openToWork,
    country: member.location.country ?? null,
    city: member.location.city ?? null,
    seniority: member.seniority ?? null,
    yearsExperience: yearsOfExperience(member, now),
    skillIds,
    occupationIds,
    remotePrefs: member.preferences.remote,
    alerts: member.alerts,
  };
}

export function jobColumns(job: Job) {
  const skillIds = [...new Set([...job.required.skills, ...job.preferred.skills].map((s) => s.skillId).filter((x): x is string => !!x))];
  return {
    companyId: job.companyId,
    title: job.title,
    status: job.status,
    occupationId: job.occupationId ?? null,
    country: job.location.country ?? null,
    city: job.location.city ?? null,
    remote: job.remote,
    seniority: job.seniority,
    skillIds,
    salaryMinYear: job.salary ? annualSalary(job.salary.min, job.salary.period) : null,
    salaryMaxYear: job.salary ? annualSalary(job.salary.max, job.salary.period) : null,
    postedAt: job.postedAt ?? null,
  };
}
