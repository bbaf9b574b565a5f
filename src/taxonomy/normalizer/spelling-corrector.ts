import { charNgrams } from './text.ts';
import { TfidfIndex } from './tfidf-index.ts';

export interface Correction { word: string; similarity: number }

/**
 * Maps a misspelt word to the closest word of the taxonomy's own vocabulary by character 3-gram
 * cosine ("enginer" → "engineer", "gallary" → "gallery"). Only words the taxonomy uses are
 * candidates, so the fix can never invent a concept.
 */
export class SpellingCorrector {
  private readonly words: string[];
  private readonly index: TfidfIndex;
  private readonly cache = new Map<string, Correction | null>();
  /** first letter + the other letters sorted: catches swapped letters ("pyhton"), which break 3-grams */
  private readonly anagrams = new Map<string, string>();

  constructor(vocabulary: Iterable<string>, private readonly minSimilarity = 0.55) {
    this.words = [...new Set(vocabulary)].filter((w) => w.length >= 4 && /^[a-z]+$/.test(w));
    this.index = new TfidfIndex(this.words.map((w) => charNgrams(w)));
    for (const w of this.words) if (!this.anagrams.has(anagramKey(w))) this.anagrams.set(anagramKey(w), w);
  }

  correct(word: string): Correction | null {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const swapped = this.anagrams.get(anagramKey(word));
    let best: Correction | null = swapped ? { word: swapped, similarity: 0.9 } : null;
    for (const hit of this.index.search(charNgrams(word))) {
      const candidate = this.words[hit.doc];
      // Edits keep the first letter and roughly the length; this removes most false friends.
      if (candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > 2) continue;
      if (hit.score >= this.minSimilarity && (!best || hit.score > best.similarity)) best = { word: candidate, similarity: hit.score };
    }
    if (this.cache.size < 50_000) this.cache.set(word, best);
    return best;
  }
}

function anagramKey(word: string): string {
  return word[0] + [...word.slice(1)].sort().join('');
}
