import type { BudgetLine, BudgetUnit } from '../domain/index.ts';

/** A spending limit: per member per day, per feature per day, or global per month (any period per scope works). */
export interface BudgetRule {
  scope: 'member' | 'feature' | 'global';
  period: 'day' | 'month';
  unit: BudgetUnit;
  limit: number;
}

/** The budget counters a call draws on, with the amounts to reserve; USD lines are left out when the price is unknown. */
export function budgetLines(
  rules: readonly BudgetRule[],
  who: { feature: string; memberId?: string },
  now: Date,
  amounts: { usd: number | null; tokens: number },
): BudgetLine[] {
  const lines: BudgetLine[] = [];
  for (const rule of rules) {
    const scope = rule.scope === 'global' ? 'global' : rule.scope === 'feature' ? `feature:${who.feature}` : who.memberId ? `member:${who.memberId}` : null;
    if (scope === null) continue;
    const amount = rule.unit === 'usd' ? amounts.usd : amounts.tokens;
    if (amount === null) continue;
    const iso = now.toISOString();
    lines.push({ scope, period: rule.period === 'day' ? iso.slice(0, 10) : iso.slice(0, 7), unit: rule.unit, limit: rule.limit, amount });
  }
  // A fixed order, so concurrent reservations lock counter rows in the same order (no deadlocks).
  return lines.sort((a, b) => `${a.scope}|${a.period}|${a.unit}`.localeCompare(`${b.scope}|${b.period}|${b.unit}`));
}
