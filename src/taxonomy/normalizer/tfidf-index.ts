/**
 * A TF-IDF cosine index over term lists (words, stems or character n-grams), with an inverted
 * file so a query touches only documents sharing a term. IDF is smoothed the way scikit-learn's
 * TfidfVectorizer does it, so the baselines in bench/ are the published ones.
 */
export interface TfidfHit {
  doc: number;
  score: number;
}

export class TfidfIndex {
  readonly size: number;
  private readonly termIds = new Map<string, number>();
  private readonly idf: Float64Array;
  private readonly postingDocs: Int32Array[];
  private readonly postingWeights: Float32Array[];
  private readonly scores: Float64Array;
  private readonly seen: Uint8Array;

  constructor(docs: readonly (readonly string[])[]) {
    this.size = docs.length;
    // Flat (doc, term, count) triples: one reusable map, no per-document objects (build time is GC time).
    const flatTerms: number[] = [];
    const flatCounts: number[] = [];
    const docStart = new Int32Array(docs.length + 1);
    const df: number[] = [];
    const local = new Map<number, number>();
    docs.forEach((terms, doc) => {
      local.clear();
      for (const t of terms) {
        let id = this.termIds.get(t);
        if (id === undefined) {
          id = df.length;
          this.termIds.set(t, id);
          df.push(0);
        }
        local.set(id, (local.get(id) ?? 0) + 1);
      }
      docStart[doc] = flatTerms.length;
      for (const [id, c] of local) { flatTerms.push(id); flatCounts.push(c); df[id]++; }
    });
    docStart[docs.length] = flatTerms.length;
    this.idf = new Float64Array(df.length);
    for (let i = 0; i < df.length; i++) this.idf[i] = Math.log((1 + docs.length) / (1 + df[i])) + 1;
    const fill = new Int32Array(df.length);
    const postingDocs = df.map((d) => new Int32Array(d));
    const postingWeights = df.map((d) => new Float32Array(d));
    for (let doc = 0; doc < docs.length; doc++) {
      let norm = 0;
      for (let j = docStart[doc]; j < docStart[doc + 1]; j++) norm += (flatCounts[j] * this.idf[flatTerms[j]]) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let j = docStart[doc]; j < docStart[doc + 1]; j++) {
        const id = flatTerms[j];
        const k = fill[id]++;
        postingDocs[id][k] = doc;
        postingWeights[id][k] = (flatCounts[j] * this.idf[id]) / norm;
      }
    }
    this.postingDocs = postingDocs;
    this.postingWeights = postingWeights;
    this.scores = new Float64Array(docs.length);
    this.seen = new Uint8Array(docs.length);
  }

  /** IDF of a term; unseen terms get the largest possible value. */
  idfOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? Math.log(1 + this.size) + 1 : this.idf[id];
  }

  has(term: string): boolean {
    return this.termIds.has(term);
  }

  /**
   * Cosine similarity of the query against every document sharing a term; unordered. Terms in more
   * than `maxDocFraction` of the documents still count in the query norm but their postings are not
   * walked: they add little and cost most (" ma", "er " in job titles).
   */
  search(terms: readonly string[], termWeights?: readonly number[], maxDocFraction = 1): TfidfHit[] {
    const maxDocs = maxDocFraction * this.size;
    const q = new Map<number, number>();
    terms.forEach((t, i) => {
      const id = this.termIds.get(t);
      const w = termWeights ? termWeights[i] : 1;
      if (id !== undefined) q.set(id, (q.get(id) ?? 0) + w);
    });
    // Unknown terms still count in the query norm: a query that is mostly unknown is a weak match.
    let norm = 0;
    terms.forEach((t, i) => {
      if (!this.termIds.has(t)) norm += ((termWeights ? termWeights[i] : 1) * (Math.log(1 + this.size) + 1)) ** 2;
    });
    for (const [id, c] of q) norm += (c * this.idf[id]) ** 2;
    norm = Math.sqrt(norm) || 1;
    const touched: number[] = [];
    const { scores, seen } = this;
    for (const [id, c] of q) {
      if (this.postingDocs[id].length > maxDocs) continue;
      const qw = (c * this.idf[id]) / norm;
      const docs = this.postingDocs[id];
      const weights = this.postingWeights[id];
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k];
        if (!seen[d]) { seen[d] = 1; touched.push(d); }
        scores[d] += qw * weights[k];
      }
    }
    const hits: TfidfHit[] = touched.map((doc) => ({ doc, score: scores[doc] }));
    for (const d of touched) { scores[d] = 0; seen[d] = 0; }
    return hits;
  }
}

/** Best `k` items by a score, highest first (a partial sort is not worth it at these sizes). */
export function topK<T>(items: T[], k: number, score: (item: T) => number): T[] {
  return items.sort((a, b) => score(b) - score(a)).slice(0, k);
}
