import { z } from 'zod';

/** Stable identifiers: lowercase letters, digits, `_`, `-`, `.`, `:` and `/` (taxonomy URIs are allowed). */
export const Id = z.string().min(1).max(300).describe('Stable identifier');
export type Id = z.infer<typeof Id>;

/** Year and month, `YYYY-MM`; `YYYY` and full dates are accepted and cut to the month. */
export const YearMonth = z
  .string()
  .regex(/^\d{4}(-\d{2})?(-\d{2})?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .transform((s) => (s.length === 4 ? `${s}-01` : s.slice(0, 7)));
export type YearMonth = z.infer<typeof YearMonth>;

export const Location = z.object({
  city: z.string().max(120).optional(),
  region: z.string().max(120).optional(),
  /** ISO 3166-1 alpha-2 where known, e.g. `DE`. */
  country: z.string().max(60).optional(),
});
export type Location = z.infer<typeof Location>;

export const RemotePolicy = z.enum(['onsite', 'hybrid', 'remote']);
export type RemotePolicy = z.infer<typeof RemotePolicy>;

export const Seniority = z.enum(['intern', 'entry', 'mid', 'senior', 'lead', 'manager', 'director', 'executive']);
export type Seniority = z.infer<typeof Seniority>;
/** Ordinal rank of a seniority, used for seniority gaps (lead and manager sit at the same band). */
export const SENIORITY_RANK: Record<Seniority, number> = {
  intern: 0, entry: 1, mid: 2, senior: 3, lead: 4, manager: 4, director: 5, executive: 6,
};

export const EmploymentType = z.enum(['full_time', 'part_time', 'contract', 'temporary', 'internship']);
export type EmploymentType = z.infer<typeof EmploymentType>;

export const SkillLevel = z.enum(['beginner', 'intermediate', 'advanced', 'expert']);
export type SkillLevel = z.infer<typeof SkillLevel>;
export const SKILL_LEVEL_RANK: Record<SkillLevel, number> = { beginner: 1, intermediate: 2, advanced: 3, expert: 4 };

export const EducationLevel = z.enum(['none', 'secondary', 'vocational', 'associate', 'bachelor', 'master', 'doctorate']);
export type EducationLevel = z.infer<typeof EducationLevel>;
export const EDUCATION_RANK: Record<EducationLevel, number> = {
  none: 0, secondary: 1, vocational: 2, associate: 3, bachelor: 4, master: 5, doctorate: 6,
};

export const LanguageProficiency = z.enum(['elementary', 'limited', 'professional', 'full', 'native']);
export type LanguageProficiency = z.infer<typeof LanguageProficiency>;
export const LANGUAGE_RANK: Record<LanguageProficiency, number> = {
  elementary: 1, limited: 2, professional: 3, full: 4, native: 5,
};

export const SalaryRange = z
  .object({
    min: z.number().nonnegative(),
    max: z.number().nonnegative(),
    currency: z.string().length(3).default('EUR'),
    period: z.enum(['year', 'month', 'hour']).default('year'),
  })
  .refine((s) => s.max >= s.min, { message: 'max must be at least min', path: ['max'] });
export type SalaryRange = z.infer<typeof SalaryRange>;

/** Annualised amount, so salaries stated per hour or month compare with yearly ones. */
export function annualSalary(amount: number, period: SalaryRange['period']): number {
  if (period === 'hour') return amount * 2080;
  if (period === 'month') return amount * 12;
  return amount;
}

/** A page of results with an opaque continuation offset. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PageQuery = z.infer<typeof PageQuery>;
