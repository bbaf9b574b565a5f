import { z } from 'zod';
import { Id, SkillLevel } from './common.ts';

export const Course = z.object({
  id: Id,
  title: z.string().min(1).max(300),
  provider: z.string().max(200).default(''),
  /** Taxonomy skill ids the course teaches. */
  skills: z.array(Id).min(1),
  level: SkillLevel.default('beginner'),
  durationHours: z.number().positive().max(2000),
  url: z.string().max(500).optional(),
  description: z.string().max(5000).default(''),
});
export type Course = z.infer<typeof Course>;
export type CourseInput = z.input<typeof Course>;
