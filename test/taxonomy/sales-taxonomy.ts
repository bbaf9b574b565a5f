import type { Concept } from '../../src/domain/index.ts';

/** A bare occupation concept for the prior tests. */
export function occupation(id: string, label: string, altLabels: string[] = []): Concept {
  return { id, kind: 'occupation', label, altLabels, related: [], skills: [] };
}

/** Three sales and office occupations: "Sales" alone is ambiguous between the first two. */
export const SALES_TAXONOMY: Concept[] = [
  occupation('occ:sales-manager', 'sales manager', ['head of sales', 'sales director']),
  occupation('occ:sales-assistant', 'sales assistant', ['shop assistant', 'retail assistant']),
  occupation('occ:admin-assistant', 'administrative assistant', ['office assistant', 'clerical assistant']),
];
