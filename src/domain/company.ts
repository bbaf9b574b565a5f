import { z } from 'zod';
import { Id, Location } from './common.ts';

export const Company = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  industry: z.string().max(120).default(''),
  size: z.enum(['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001+']).default('51-200'),
  website: z.string().max(500).optional(),
  description: z.string().max(5000).default(''),
  headquarters: Location.default({}),
});
export type Company = z.infer<typeof Company>;
export type CompanyInput = z.input<typeof Company>;
