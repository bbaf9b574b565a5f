import type { Course, FitLevel, RemotePolicy, SalaryRange, Seniority } from '../domain/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';
import type { CourseIndex } from './next-steps.ts';

/** Everything `assessFit` needs besides the pair; side effects (the clock) are passed in. */
export interface MatchContext {
  taxonomy: Taxonomy;
  /** The course catalogue, or an index built once with `buildCourseIndex`. */
  courses?: readonly Course[] | CourseIndex;
  /** "Now", for years of experience in current roles. */
  now: Date;
}

export type QualificationKind = 'required' | 'preferred';
export type QualificationStatus = 'met' | 'partial' | 'missing';
export type RequirementType = 'skill' | 'years' | 'education' | 'language' | 'certification';

/** A pointer at a real member field (`skills[3]`, `experience[0].description`) and the words found there. */
export interface Evidence {
  field: string;
  quote: string;
  /** Why this evidence counts, when it is not a listed skill (e.g. "mentioned in experience, not listed in skills"). */
  note?: string;
}

export type NextStep =
  | { kind: 'course'; courseId: string; title: string; provider: string; level: string; durationHours: number; url?: string }
  | { kind: 'adjacent_skill'; skillId: string; label: string; field: string }
  | { kind: 'surface_evidence'; field: string; quote: string; advice: string }
  | { kind: 'action'; advice: string };

export interface Qualification {
  requirement: string;
  kind: QualificationKind;
  type: RequirementType;
  /** Taxonomy skill id of a skill requirement, when it resolves. */
  skillId?: string;
  status: QualificationStatus;
  /** Credit in [0, 1] that enters the score (see docs/MATCHING.md). */
  credit: number;
  evidence: Evidence[];
  /** The related skill the member has, when partial credit comes from the taxonomy's relations. */
  via?: { id: string; label: string };
  nextSteps?: NextStep[];
}

export interface FitFacts {
  years: { member: number; required: number | null };
  seniority: { member: Seniority | null; job: Seniority; gap: number | null; inferred: boolean };
  location: { compatible: boolean; reason: string };
  remote: { job: RemotePolicy; accepted: boolean };
  employmentType: { job: string; accepted: boolean };
  salary?: { fits: boolean; memberMin: number; jobRange: { min: number; max: number; currency: string; period: SalaryRange['period'] }; comparable: boolean };
  requiredMet: string;
  preferredMet: string;
  /** "5/5 required, 2/3 nice-to-have". */
  summary: string;
  /** Weighted count of evidence items (see docs/MATCHING.md); ranks ties between equal scores. */
  evidenceStrength: number;
}

export interface FitAssessment {
  level: FitLevel;
  score: number;
  qualifications: Qualification[];
  facts: FitFacts;
}
