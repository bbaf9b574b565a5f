import { FIT_LEVEL_RANK, type Application, type FitLevel, type Job, type Member } from '../domain/index.ts';
import { assessProfiles, jobProfile, memberProfile } from './assess-fit.ts';
import { compareAssessed } from './match-index.ts';
import type { FitAssessment, MatchContext } from './types.ts';

export interface RankedApplicant {
  rank: number;
  applicationId: string;
  memberId: string;
  level: FitLevel;
  score: number;
  /** "5/5 required, 2/3 nice-to-have". */
  summary: string;
  evidenceStrength: number;
  assessment: FitAssessment;
}

/**
 * Applicants best fit first: by level, then score, then evidence strength, then member id.
 * Arrival time (`appliedAt`) and list order are never read, so early applicants gain nothing.
 */
export function rankApplicants(
  job: Job, applicants: readonly { application: Application; member: Member }[], ctx: MatchContext,
  options: { minLevel?: FitLevel } = {},
): RankedApplicant[] {
  const jp = jobProfile(job, ctx.taxonomy);
  const min = options.minLevel ? FIT_LEVEL_RANK[options.minLevel] : 0;
  const assessed = applicants.map(({ application, member }) => ({
    id: member.id, applicationId: application.id, a: assessProfiles(memberProfile(member, ctx.taxonomy), jp, ctx),
  }));
  return assessed
    .filter((x) => FIT_LEVEL_RANK[x.a.level] >= min)
    .sort((x, y) => compareAssessed(x, y) || (x.applicationId < y.applicationId ? -1 : x.applicationId > y.applicationId ? 1 : 0))
    .map((x, i) => ({
      rank: i + 1, applicationId: x.applicationId, memberId: x.id, level: x.a.level, score: x.a.score,
      summary: x.a.facts.summary, evidenceStrength: x.a.facts.evidenceStrength, assessment: x.a,
    }));
}
