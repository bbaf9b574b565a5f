/**
 * The matching engine: the model-free fit tier every answer is grounded in, next steps for every gap,
 * two-way retrieval over an in-memory candidate index, applicant ranking and search in your own words.
 */
export type {
  MatchContext, FitAssessment, FitFacts, Qualification, QualificationKind, QualificationStatus, RequirementType, Evidence, NextStep,
} from './types.ts';
export {
  assessFit, assessProfiles, scoreProfiles, fitKey, memberProfile, jobProfile, levelFor, CREDIT, SCORE_WEIGHTS, LEVEL_THRESHOLDS, EVIDENCE_WEIGHT,
  type AssessOptions,
} from './assess-fit.ts';
export { matchableMember, compileMember, compileJob, type MatchableMember, type MemberProfile, type JobProfile } from './profile.ts';
export { buildCourseIndex, coursesForSkill, type CourseIndex } from './next-steps.ts';
export { locationCompatibility } from './compatibility.ts';
export {
  MatchIndex, compareAssessed, POOL_FACTOR, MIN_POOL, type RetrievalStats,
  type RankOptions, type RankedMember, type RankedJob, type RetrievalFilters,
} from './match-index.ts';
export { rankApplicants, type RankedApplicant } from './rank-applicants.ts';
export {
  parseJobSearch, filterJobs, jobMatchesSearch, type JobSearchFilters, type ParsedJobSearch, type FilterJobsOptions,
} from './parse-job-search.ts';
export { GENDER_NEUTRAL, findSkillMentions as scanSkillMentions, skillLexicon, type Mention } from './text.ts';
