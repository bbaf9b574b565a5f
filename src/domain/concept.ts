import { z } from 'zod';
import { Id } from './common.ts';

/**
 * A taxonomy concept in the generic JSONL format (ARCHITECTURE.md), with our optional extensions:
 * `category`, `related` (related-skill links, used for partial credit) and, for occupations,
 * `skills` (typical skills) and `seniority`-free alternative titles.
 */
export const Concept = z.object({
  id: Id,
  kind: z.enum(['skill', 'occupation']),
  label: z.string().min(1).max(300),
  altLabels: z.array(z.string().min(1).max(300)).default([]),
  description: z.string().max(5000).optional(),
  category: z.string().max(120).optional(),
  related: z.array(Id).default([]),
  skills: z.array(Id).default([]),
  source: z.string().max(60).optional(),
});
export type Concept = z.infer<typeof Concept>;
export type ConceptInput = z.input<typeof Concept>;
export type ConceptKind = Concept['kind'];
