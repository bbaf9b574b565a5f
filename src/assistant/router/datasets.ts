import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Utterance } from './classifier.ts';
import { isIntent, type Intent } from './intents.ts';

/** The project-written utterance sets (see docs/ROUTING.md). */
export const INTENT_DATA_DIR = fileURLToPath(new URL('../../../data/intents/', import.meta.url));
export const TRAIN_PATH = `${INTENT_DATA_DIR}train.jsonl`;
/** Held out: never used in training; only tests and the benchmark read it. */
export const HELDOUT_PATH = `${INTENT_DATA_DIR}heldout.jsonl`;

/** Reads a `{"text","intent"}` JSONL file; a malformed line fails loudly with its line number. */
export function readUtterances(path: string): Utterance<Intent>[] {
  const out: Utterance<Intent>[] = [];
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${i + 1}: not JSON`);
    }
    const { text, intent } = (row ?? {}) as { text?: unknown; intent?: unknown };
    if (typeof text !== 'string' || text.trim() === '') throw new Error(`${path}:${i + 1}: "text" must be a non-empty string`);
    if (!isIntent(intent)) throw new Error(`${path}:${i + 1}: unknown intent ${JSON.stringify(intent)}`);
    out.push({ text, intent });
  });
  return out;
}

/**
 * CLINC150 (Larson et al., 2019) mapped onto our intents: its `small_talk` domain (greetings, thanks,
 * jokes, questions about the assistant) is our `small_talk`; every other domain — banking, credit
 * cards, kitchen, home, auto, travel, utility, work (payroll/PTO/benefits), meta (device settings,
 * yes/no) — and its out-of-scope split are our `out_of_scope`. None of it names a career task.
 */
export interface ClincUtterance extends Utterance<Intent> {
  clincIntent: string;
  domain: string;
}

export function readClinc(sharedDir: string, split: 'train' | 'val'): ClincUtterance[] {
  const dir = `${sharedDir.replace(/\/$/, '')}/data/benchmarks/clinc150`;
  const data = JSON.parse(readFileSync(`${dir}/train_val.json`, 'utf8')) as Record<string, Array<[string, string]>>;
  const domains = JSON.parse(readFileSync(`${dir}/domains.json`, 'utf8')) as Record<string, string[]>;
  const domainOf = new Map<string, string>();
  for (const [domain, intents] of Object.entries(domains)) for (const i of intents) domainOf.set(i, domain);
  const rows = [...(data[split] ?? []), ...(data[`oos_${split}`] ?? [])];
  return rows.map(([text, clincIntent]) => {
    const domain = clincIntent === 'oos' ? 'oos' : (domainOf.get(clincIntent) ?? 'unknown');
    return { text, clincIntent, domain, intent: domain === 'small_talk' ? 'small_talk' : 'out_of_scope' };
  });
}
