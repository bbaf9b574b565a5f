import { scanSkillMentions, skillLexicon } from '../matching/index.ts';
import type { Taxonomy } from '../taxonomy/index.ts';

export interface SkillMention {
  skillId: string;
  label: string;
  /** The words as written in the text. */
  surface: string;
  index: number;
}

/**
 * Every taxonomy skill named in a text, found with the matching engine's longest-match lexicon scan (one
 * pass over the words, not one regular expression per label), so evidence and coaching agree.
 */
export function findSkillMentions(text: string, taxonomy: Taxonomy): SkillMention[] {
  const seen = new Set<string>();
  const out: SkillMention[] = [];
  for (const m of scanSkillMentions(text, skillLexicon(taxonomy))) {
    if (seen.has(m.skillId)) continue;
    seen.add(m.skillId);
    out.push({ skillId: m.skillId, label: taxonomy.labelOf(m.skillId), surface: text.slice(m.start, m.end), index: m.start });
  }
  return out;
}
