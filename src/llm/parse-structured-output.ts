import { jsonrepair } from 'jsonrepair';
import YAML from 'yaml';
import type { z } from 'zod';

/** What the defensive parser did to get a value, for metrics and debugging. */
export type Repair = 'extracted' | 'fence' | 'jsonrepair' | 'yaml' | 'coerced' | 'unwrapped';

export type ParseOutcome<T> =
  | { ok: true; value: T; repairs: Repair[] }
  | { ok: false; error: string; repairs: Repair[] };

/**
 * Turns an LLM reply into a value of `schema`, defensively: strips code fences and surrounding prose,
 * parses JSON, else repairs it (`jsonrepair`), else reads it as YAML; then coerces toward the schema
 * (enum case, numeric and boolean strings, single value → array, null → absent optional) and validates.
 * The value returned always passes `schema` (it is the schema's own parse output); anything else is
 * `{ ok: false }`. Pure and synchronous.
 */
export function parseStructuredOutput<S extends z.ZodType>(text: string, schema: S): ParseOutcome<z.output<S>> {
  let lastError = 'no JSON or YAML value found';
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  // Fast path and precedence: text that is valid JSON as a whole means what it says.
  let strict: { value: unknown; repairs: Repair[] }[] = [];
  try {
    strict = [{ value: JSON.parse(trimmed), repairs: [] }];
  } catch { /* not strict JSON */ }
  for (const candidate of [{ text: trimmed, repairs: [] as Repair[], strict: true }, ...candidates(trimmed)]) {
    const readings: Iterable<{ value: unknown; repairs: Repair[] }> = 'strict' in candidate ? strict : parseLoose(candidate.text);
    for (const parsed of readings) {
      const steps = [...candidate.repairs, ...parsed.repairs];
      const direct = schema.safeParse(parsed.value);
      if (direct.success) return { ok: true, value: direct.data, repairs: steps };
      const second = schema.safeParse(coerce(parsed.value, schema));
      if (second.success) return { ok: true, value: second.data, repairs: [...steps, 'coerced'] };
      // A reply wrapped in one extra object level ({"result": {...}}) is common.
      const inner = unwrapSingleKey(parsed.value);
      if (inner !== undefined) {
        const third = schema.safeParse(coerce(inner, schema));
        if (third.success) return { ok: true, value: third.data, repairs: [...steps, 'unwrapped'] };
      }
      const issue = second.error.issues[0];
      lastError = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'value does not match the schema';
    }
  }
  return { ok: false, error: lastError, repairs: [] };
}

/**
 * Texts worth trying, best first: a fenced block; the first complete JSON value (or, when the output
 * was cut short, everything from its first bracket); the span to the last closing bracket; the whole text.
 */
function candidates(text: string): { text: string; repairs: Repair[] }[] {
  const out: { text: string; repairs: Repair[] }[] = [];
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const fence = /```[a-zA-Z0-9_-]*[ \t]*\r?\n?([\s\S]*?)(?:```|$)/.exec(trimmed);
  if (fence && fence[1]!.trim()) out.push({ text: fence[1]!.trim(), repairs: ['fence'] });
  const start = firstBracket(trimmed);
  if (start >= 0) {
    const end = matchingClose(trimmed, start);
    if (end < 0) {
      // Cut short: everything from the first bracket, so the repair keeps the partial last element.
      if (start > 0) out.push({ text: trimmed.slice(start), repairs: ['extracted'] });
    } else {
      if (start > 0 || end < trimmed.length - 1) out.push({ text: trimmed.slice(start, end + 1), repairs: ['extracted'] });
      const last = trimmed.lastIndexOf(trimmed[start] === '{' ? '}' : ']');
      if (last > end) out.push({ text: trimmed.slice(start, last + 1), repairs: ['extracted'] });
    }
  }
  out.push({ text: trimmed, repairs: [] });
  return out;
}

/** Index of the bracket closing the one at `start` (strings and escapes respected), or -1 when the text ends first. */
function matchingClose(text: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"') quote = ch;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function firstBracket(text: string): number {
  const a = text.indexOf('{');
  const b = text.indexOf('[');
  if (a < 0) return b;
  if (b < 0) return a;
  return Math.min(a, b);
}

/** Readings of `text` as data, lazily: strict JSON alone when it parses, else the JSON repair, then the YAML reading. */
function* parseLoose(text: string): Generator<{ value: unknown; repairs: Repair[] }> {
  if (!text) return;
  try {
    yield { value: JSON.parse(text), repairs: [] };
    return;
  } catch { /* try the repairs */ }
  let repaired: unknown;
  try {
    repaired = JSON.parse(jsonrepair(text));
  } catch { /* not repairable as JSON */ }
  if (repaired !== undefined) yield { value: repaired, repairs: ['jsonrepair'] };
  let value: unknown;
  try {
    value = YAML.parse(text, { logLevel: 'silent' });
  } catch { /* not YAML either */ }
  // A bare scalar is what YAML makes of prose: only mappings and lists count as recovered.
  if (value !== null && typeof value === 'object') yield { value, repairs: ['yaml'] };
}

function unwrapSingleKey(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const inner = (value as Record<string, unknown>)[keys[0]!];
      if (inner && typeof inner === 'object') return inner;
    }
  }
  return undefined;
}

interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  innerType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  valueType?: z.ZodType;
}

function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

/** Moves `value` toward `schema` where the intent is unambiguous; never invents required data. */
export function coerce(value: unknown, schema: z.ZodType): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      if (value === null && def.type !== 'nullable') return undefined;
      return value === undefined ? value : coerce(value, def.innerType!);
    case 'pipe':
      return coerce(value, def.in!);
    case 'lazy':
      return value;
    case 'object': {
      if (Array.isArray(value) && value.length === 1) value = value[0];
      if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      const byLowerKey = new Map(Object.keys(value).map((k) => [normalizeKey(k), k]));
      const shape = def.shape ?? {};
      for (const [key, child] of Object.entries(shape)) {
        const sourceKey = key in value ? key : byLowerKey.get(normalizeKey(key));
        if (sourceKey === undefined) continue;
        const v = coerce((value as Record<string, unknown>)[sourceKey], child);
        if (v !== undefined) out[key] = v;
      }
      for (const [k, v] of Object.entries(value)) if (!(k in out) && !(k in shape) && byLowerKey.get(normalizeKey(k)) === k && !Object.keys(shape).some((s) => normalizeKey(s) === normalizeKey(k))) out[k] = v;
      return out;
    }
    case 'array': {
      if (value === null || value === undefined) return value;
      if (typeof value === 'string' && defOf(def.element!).type !== 'string' && /^\s*\[/.test(value)) {
        try { value = JSON.parse(value); } catch { /* keep */ }
      }
      const items = Array.isArray(value) ? value : [value];
      return items.map((item) => coerce(item, def.element!));
    }
    case 'record': {
      if (!value || typeof value !== 'object') return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, coerce(v, def.valueType!)]));
    }
    case 'enum': {
      const options = Object.values(def.entries ?? {});
      return matchOption(value, options);
    }
    case 'literal':
      return matchOption(value, def.values ?? []);
    case 'number':
    case 'int':
    case 'bigint': {
      if (Array.isArray(value) && value.length === 1) value = value[0];
      if (typeof value === 'string') {
        const cleaned = value.trim().replace(/^[$€£]/, '').replace(/(?<=\d)[,_](?=\d{3}\b)/g, '').replace(/%$/, '');
        if (cleaned !== '' && Number.isFinite(Number(cleaned))) return Number(cleaned);
      }
      if (typeof value === 'boolean') return value;
      return value;
    }
    case 'boolean': {
      if (Array.isArray(value) && value.length === 1) value = value[0];
      if (typeof value === 'string') {
        const s = value.trim().toLowerCase();
        if (s === 'true' || s === 'yes') return true;
        if (s === 'false' || s === 'no') return false;
      }
      if (value === 1 || value === 0) return value === 1;
      return value;
    }
    case 'string': {
      if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return value;
    }
    case 'union': {
      for (const option of def.options ?? []) {
        const c = coerce(value, option);
        if (option.safeParse(c).success) return c;
      }
      return value;
    }
    default:
      return value;
  }
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]/g, '');
}

function matchOption(value: unknown, options: readonly unknown[]): unknown {
  if (Array.isArray(value) && value.length === 1) value = value[0];
  if (options.includes(value)) return value;
  if (typeof value === 'string') {
    const wanted = normalizeOption(value);
    const hit = options.find((o) => typeof o === 'string' && normalizeOption(o) === wanted);
    if (hit !== undefined) return hit;
    const n = Number(value);
    if (value.trim() !== '' && options.includes(n)) return n;
  }
  if (typeof value === 'number' && options.includes(String(value))) return String(value);
  return value;
}

function normalizeOption(s: string): string {
  return s.trim().toLowerCase().replace(/[\s-]+/g, '_');
}
