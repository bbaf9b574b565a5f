import { z } from 'zod';
import {
  EducationLevel, EmploymentType, Id, LanguageProficiency, Location, RemotePolicy, Seniority, SkillLevel, YearMonth,
} from './common.ts';

export const MemberSkill = z.object({
  /** Taxonomy skill id when normalized; `name` is what the member wrote. */
  skillId: Id.optional(),
  name: z.string().min(1).max(200),
  level: SkillLevel.optional(),
  years: z.number().min(0).max(60).optional(),
});
export type MemberSkill = z.infer<typeof MemberSkill>;

export const Experience = z.object({
  title: z.string().min(1).max(200),
  company: z.string().max(200).default(''),
  occupationId: Id.optional(),
  startDate: YearMonth,
  /** Absent or null while current. */
  endDate: YearMonth.nullish(),
  description: z.string().max(5000).default(''),
  location: Location.optional(),
});
export type Experience = z.infer<typeof Experience>;

export const Education = z.object({
  institution: z.string().max(200).default(''),
  level: EducationLevel.default('none'),
  field: z.string().max(200).default(''),
  /** Kept for display only: graduation years are an age proxy and never reach matching. */
  endYear: z.number().int().min(1900).max(2100).optional(),
});
export type Education = z.infer<typeof Education>;

export const MemberLanguage = z.object({
  language: z.string().min(1).max(60),
  proficiency: LanguageProficiency.default('professional'),
});
export type MemberLanguage = z.infer<typeof MemberLanguage>;

export const Certification = z.object({
  name: z.string().min(1).max(200),
  issuer: z.string().max(200).optional(),
  year: z.number().int().min(1900).max(2100).optional(),
});
export type Certification = z.infer<typeof Certification>;

export const AlertPreferences = z.object({
  enabled: z.boolean().default(true),
  /** Lowest fit level that triggers a notification. */
  minLevel: z.enum(['strong', 'good', 'partial']).default('good'),
  channels: z.array(z.enum(['in_app', 'webhook', 'email'])).default(['in_app']),
  maxPerDay: z.number().int().min(0).max(100).default(10),
});
export type AlertPreferences = z.infer<typeof AlertPreferences>;

export const WorkPreferences = z.object({
  remote: z.array(RemotePolicy).default(['onsite', 'hybrid', 'remote']),
  employmentTypes: z.array(EmploymentType).default(['full_time']),
  /** Yearly, in `currency`. */
  salaryMin: z.number().nonnegative().optional(),
  currency: z.string().length(3).default('EUR'),
  willingToRelocate: z.boolean().default(false),
});
export type WorkPreferences = z.infer<typeof WorkPreferences>;

/**
 * Contact data is private to the member: never shown to another member, never used in matching.
 * There is deliberately no field for age, gender, ethnicity, religion, disability, pregnancy,
 * nationality or marital status.
 */
export const Contact = z.object({
  name: z.string().max(200).default(''),
  email: z.string().max(200).optional(),
  phone: z.string().max(60).optional(),
  url: z.string().max(500).optional(),
});
export type Contact = z.infer<typeof Contact>;

export const Member = z.object({
  id: Id,
  contact: Contact.default({ name: '' }),
  headline: z.string().max(300).default(''),
  summary: z.string().max(10000).default(''),
  location: Location.default({}),
  openToWork: z.boolean().default(false),
  alerts: AlertPreferences.default({ enabled: true, minLevel: 'good', channels: ['in_app'], maxPerDay: 10 }),
  preferences: WorkPreferences.default({
    remote: ['onsite', 'hybrid', 'remote'], employmentTypes: ['full_time'], currency: 'EUR', willingToRelocate: false,
  }),
  /** Occupation ids or free titles the member wants next. */
  desiredRoles: z.array(z.string().min(1).max(200)).default([]),
  seniority: Seniority.optional(),
  experience: z.array(Experience).default([]),
  education: z.array(Education).default([]),
  skills: z.array(MemberSkill).default([]),
  languages: z.array(MemberLanguage).default([]),
  certifications: z.array(Certification).default([]),
  createdAt: z.string().datetime().optional(),
  updatedAt: z.string().datetime().optional(),
});
export type Member = z.infer<typeof Member>;
/** What deciding whether to notify a member needs: the routing preferences, not the profile. */
export type AlertRecipient = Pick<Member, 'openToWork' | 'alerts'>;
export type MemberInput = z.input<typeof Member>;
