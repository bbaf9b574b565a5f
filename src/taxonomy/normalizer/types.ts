/** One ranked candidate concept for a piece of free text. */
export interface ConceptMatch {
  id: string;
  label: string;
  /** in [0, 1]; higher is better; comparable within one query */
  score: number;
  /** titles only: the match strength before an occupation prior (equal to `score` without one) */
  lexicalScore?: number;
  /** provenance: input words and the label words they matched, e.g. "mgr→manager", "enginer~engineer" */
  matched: string[];
  /** the label or alternative label that matched best */
  via?: string;
}

export interface TitleNormalizer {
  normalize(text: string, topK?: number): ConceptMatch[];
}

export interface SkillExtractor {
  extract(text: string, topK?: number): ConceptMatch[];
}
