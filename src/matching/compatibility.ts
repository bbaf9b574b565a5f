import { annualSalary, type Job } from '../domain/index.ts';
import type { JobProfile, MemberProfile } from './profile.ts';

/** Can the member work where the job is? The same rule serves the fit tier and the index filters. */
export function locationCompatibility(member: MemberProfile, job: JobProfile): { compatible: boolean; reason: string } {
  const remote = job.job.remote;
  if (remote === 'remote') return { compatible: true, reason: 'remote role' };
  if (!job.city && !job.country) return { compatible: true, reason: 'the job states no location' };
  if (!member.city && !member.country) return { compatible: true, reason: 'the member states no location' };
  const sameCountry = !job.country || !member.country || job.country === member.country;
  if (job.city && member.city === job.city && sameCountry) return { compatible: true, reason: `same city (${job.job.location.city})` };
  if (!job.city && sameCountry && member.country) return { compatible: true, reason: 'same country' };
  if (member.member.preferences.willingToRelocate) return { compatible: true, reason: 'willing to relocate' };
  const where = [job.job.location.city, job.job.location.country].filter(Boolean).join(', ');
  return { compatible: false, reason: `${remote} role in ${where}; the member is elsewhere and not willing to relocate` };
}

/** The same rule as `locationCompatibility`, without building the reason (retrieval's hot path). */
export function locationOk(member: MemberProfile, job: JobProfile): boolean {
  if (job.job.remote === 'remote' || (!job.city && !job.country) || (!member.city && !member.country)) return true;
  const sameCountry = !job.country || !member.country || job.country === member.country;
  if (job.city && member.city === job.city && sameCountry) return true;
  if (!job.city && sameCountry && member.country) return true;
  return member.member.preferences.willingToRelocate;
}

export function remoteAccepted(member: MemberProfile, job: Job): boolean {
  return member.member.preferences.remote.includes(job.remote);
}

export function employmentTypeAccepted(member: MemberProfile, job: Job): boolean {
  return member.member.preferences.employmentTypes.includes(job.employmentType);
}

export function salaryFit(member: MemberProfile, job: Job) {
  const min = member.member.preferences.salaryMin;
  if (min === undefined || !job.salary) return undefined;
  const s = job.salary;
  const comparable = s.currency.toUpperCase() === member.member.preferences.currency.toUpperCase();
  return {
    fits: annualSalary(s.max, s.period) >= min,
    memberMin: min,
    jobRange: { min: s.min, max: s.max, currency: s.currency, period: s.period },
    comparable,
  };
}
