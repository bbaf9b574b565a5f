/**
 * Entity swapping: the training set names a handful of employers, so the model could learn the names
 * instead of the phrasing around them. Each utterance naming one gets copies with made-up employer
 * names (deterministic), so "what's it like at <anything>" routes the same way.
 */
import type { Utterance } from './classifier.ts';

const KNOWN_EMPLOYERS = [
  'Stark Industries', 'Wayne Enterprises', 'Umbrella Corp', 'Acme Corp', 'Lincoln High', "St Mary's",
  'Globex', 'Initech', 'Acme', 'Hooli', 'Umbrella', 'Contoso', 'Soylent', 'Deloitte', 'Oracle', 'Spotify', 'DHL',
];
const PATTERN = new RegExp(`\\b(${KNOWN_EMPLOYERS.map((n) => n.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')).join('|')})\\b`, 'i');

const ONSETS = ['br', 'k', 'v', 'tr', 'z', 'm', 'pl', 'd', 'q', 'n', 's', 'gr', 'l', 'f', 'h', 'x'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ia', 'ea', 'y'];
const CODAS = ['x', 'n', 'ra', 'tek', 'ly', 'on', 'ix', 'co', 'via', 'dex', 'ware', 'corp'];
const SUFFIXES = ['', '', '', ' Labs', ' Health', ' Group', ' Inc', ' Systems', ' Logistics', ' Bank'];

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
}

/** A pronounceable made-up employer name; the i-th name is always the same. */
export function syntheticEmployerName(i: number): string {
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  const name = pick(ONSETS, h) + pick(VOWELS, h >>> 4) + pick(CODAS, h >>> 8) + pick(SUFFIXES, h >>> 12);
  return name[0]!.toUpperCase() + name.slice(1);
}

export function augmentEmployerNames<L extends string>(examples: readonly Utterance<L>[], copies = 2): Utterance<L>[] {
  const out: Utterance<L>[] = [];
  let n = 0;
  for (const e of examples) {
    if (!PATTERN.test(e.text)) continue;
    for (let c = 0; c < copies; c++) {
      const name = syntheticEmployerName(n++);
      out.push({ text: e.text.replace(PATTERN, (m) => (m === m.toLowerCase() ? name.toLowerCase() : name)), intent: e.intent });
    }
  }
  return out;
}
