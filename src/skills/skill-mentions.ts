import type { Concept } from '../domain/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';

export interface SkillMention {
  skillId: string;
  label: string;
  /** The words as written in the text. */
  surface: string;
  index: number;
}

interface Entry { re: RegExp; concept: Concept }

const cache = new WeakMap<Taxonomy, Entry[]>();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every taxonomy skill named in a text. Labels of three letters or fewer ("Go", "R", "SQL") match
 * case-sensitively so ordinary words ("go") are not read as skills.
 */
export function findSkillMentions(text: string, taxonomy: Taxonomy): SkillMention[] {
  let entries = cache.get(taxonomy);
  if (!entries) {
    entries = [];
    for (const c of taxonomy.skills()) {
      for (const label of new Set([c.label, ...c.altLabels])) {
        if (label.length < 1) continue;
        const short = label.length <= 3;
        entries.push({ re: new RegExp(`(?<![\\p{L}\\p{N}])${escape(label)}(?![\\p{L}\\p{N}+#])`, short ? 'gu' : 'giu'), concept: c });
      }
    }
    cache.set(taxonomy, entries);
  }
  const found = new Map<string, SkillMention>();
  for (const { re, concept } of entries) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m && !found.has(concept.id)) found.set(concept.id, { skillId: concept.id, label: concept.label, surface: m[0], index: m.index });
  }
  // A mention inside a longer one ("Java" in "JavaScript" cannot happen thanks to boundaries, but "SQL" in "PostgreSQL SQL") is kept: both are named.
  return [...found.values()].sort((a, b) => a.index - b.index);
}
