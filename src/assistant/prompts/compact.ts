import YAML from 'yaml';
import type { FitOut } from '../../skills/index.ts';
import { fence } from '../guardrails/injection.ts';

/** Drops empty values so the context carries only what the model needs. */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const a = value.map(prune).filter((v) => v !== undefined);
    return a.length ? a : undefined;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, prune(v)] as const).filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  if (value === '' || value === null) return undefined;
  return value;
}

/** Compact YAML (no line folding) of a pruned value. */
export function compactYaml(value: unknown): string {
  const v = prune(value);
  return v === undefined ? '' : YAML.stringify(v, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).trim();
}

/**
 * A fit assessment as compact lines — about a third of the tokens of the same facts as YAML, and a
 * small fraction of the raw member and job records.
 */
export function compactFit(f: FitOut): string {
  const lines = [
    `job: ${f.jobTitle} at ${f.company} (${f.jobId})`,
    `level: ${f.level} (${f.summary})`,
    `context: ${f.context.years}; location ${clip(f.context.location, 40)}; ${f.context.remote}${f.context.salary ? `; salary ${f.context.salary}` : ''}`,
  ];
  for (const q of f.met) {
    const e = q.evidence[0];
    lines.push(`met${q.kind === 'preferred' ? ' (nice)' : ''}: ${q.requirement}${e ? ` ← ${e.field} "${clip(e.quote, 60)}"` : ''}`);
  }
  // Generic "practise it" steps are implied (the guard adds them); only courses and partial credit are spelt out.
  const plain: Record<string, string[]> = { required: [], preferred: [] };
  for (const g of f.gaps) {
    const course = g.nextSteps.find((s) => s.kind === 'course');
    if (course || g.via || g.status === 'partial') {
      lines.push(`gap${g.kind === 'preferred' ? ' (nice)' : ''}: ${g.requirement} ${g.status}${g.via ? ` via ${g.via}` : ''}${course ? ` → ${course.text.replace(/^Take the course /, 'course ')}` : ''}`);
    } else plain[g.kind]!.push(g.requirement);
  }
  if (plain.required!.length) lines.push(`gaps (practise, then list): ${plain.required!.join(', ')}`);
  if (plain.preferred!.length) lines.push(`nice gaps: ${plain.preferred!.join(', ')}`);
  return lines.join('\n');
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The context block for a set of skill results: each fenced as data. */
export function compactContext(results: readonly { name: string; result: unknown }[]): string {
  return results.map((r) => fence(r.name, r.name === 'assess_fit' ? compactFit(r.result as FitOut) : compactYaml(r.result))).join('\n');
}
