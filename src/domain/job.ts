import { z } from 'zod';
import {
  EducationLevel, EmploymentType, Id, LanguageProficiency, Location, RemotePolicy, SalaryRange, Seniority, SkillLevel,
} from './common.ts';

export const JobSkill = z.object({
  skillId: Id.optional(),
  name: z.string().min(1).max(200),
  level: SkillLevel.optional(),
  years: z.number().min(0).max(40).optional(),
});
export type JobSkill = z.infer<typeof JobSkill>;

export const Qualifications = z.object({
  skills: z.array(JobSkill).default([]),
  minYears: z.number().min(0).max(40).optional(),
  education: z.object({ level: EducationLevel, field: z.string().max(200).optional() }).optional(),
  languages: z.array(z.object({ language: z.string().min(1).max(60), proficiency: LanguageProficiency.default('professional') })).default([]),
  certifications: z.array(z.string().min(1).max(200)).default([]),
});
export type Qualifications = z.infer<typeof Qualifications>;
const EMPTY_QUALIFICATIONS = { skills: [], languages: [], certifications: [] };

export const JobStatus = z.enum(['draft', 'open', 'closed']);
export type JobStatus = z.infer<typeof JobStatus>;

export const Job = z.object({
  id: Id,
  companyId: Id,
  title: z.string().min(1).max(200),
  occupationId: Id.optional(),
  description: z.string().max(20000).default(''),
  location: Location.default({}),
  remote: RemotePolicy.default('onsite'),
  seniority: Seniority.default('mid'),
  employmentType: EmploymentType.default('full_time'),
  salary: SalaryRange.optional(),
  required: Qualifications.default(EMPTY_QUALIFICATIONS),
  preferred: Qualifications.default(EMPTY_QUALIFICATIONS),
  status: JobStatus.default('open'),
  /** Lowest fit level whose members are notified when the job is posted. */
  notifyMinLevel: z.enum(['strong', 'good', 'partial']).default('good'),
  postedAt: z.string().datetime().optional(),
  closesAt: z.string().datetime().optional(),
  createdAt: z.string().datetime().optional(),
  updatedAt: z.string().datetime().optional(),
});
export type Job = z.infer<typeof Job>;
export type JobInput = z.input<typeof Job>;
