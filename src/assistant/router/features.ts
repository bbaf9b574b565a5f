/**
 * Turns an utterance into a sparse, hashed, L2-normalised feature vector: word unigrams and bigrams,
 * character 3–5-grams inside words (robust to typos and inflections), and a few career keyword groups
 * (stems shared by many phrasings, so rare words still point at the right intent).
 */

export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

export interface FeatureWeights {
  word: number;
  bigram: number;
  char: number;
  keyword: number;
  shape: number;
}

export interface FeatureOptions {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Relative weight of each feature family before normalisation. */
  weights: FeatureWeights;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  bits: 17,
  weights: { word: 1, bigram: 0.8, char: 0.3, keyword: 1, shape: 0.6 },
};

/** Career keyword groups, matched on word prefixes. */
const KEYWORD_GROUPS: Record<string, readonly string[]> = {
  job: ['job', 'role', 'position', 'opening', 'vacanc', 'gig', 'career', 'work', 'employ', 'hiring'],
  fit: ['fit', 'match', 'qualif', 'chance', 'suited', 'requirement', 'overqualif', 'underqualif', 'eligib'],
  company: ['company', 'compan', 'employer', 'culture', 'benefit', 'headquart', 'employee', 'founded', 'perk', 'organi', 'startup', 'corp', 'industr'],
  profile: ['profile', 'resume', 'résumé', 'cv', 'headline', 'summary', 'bio', 'linkedin', 'bullet'],
  learn: ['learn', 'course', 'certif', 'study', 'training', 'roadmap', 'bootcamp', 'upskill', 'class', 'degree', 'teach', 'skill'],
  interview: ['interview', 'mock', 'rehears', 'recruiter', 'screen', 'panel', 'whiteboard'],
  source: ['candidate', 'talent', 'source', 'sourcing', 'hire', 'recruit', 'headhunt', 'member', 'people', 'pool'],
  applicant: ['applicant', 'applied', 'application', 'shortlist', 'rank', 'sort', 'triage'],
  posting: ['posting', 'post', 'ad', 'advert', 'listing', 'description', 'inclusive', 'gender', 'bias', 'vacancy', 'salary'],
};

const KEYWORD_PREFIXES: Array<[string, string]> = Object.entries(KEYWORD_GROUPS)
  .flatMap(([group, stems]) => stems.map((stem): [string, string] => [stem, group]))
  .sort((a, b) => b[0].length - a[0].length);

/** Lowercases, folds accents and apostrophes, keeps letters, digits and `+#` (c++, c#). */
export function tokenize(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '');
  return folded.split(/[^a-z0-9+#]+/).filter((t) => t.length > 0);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bit, over `s[from, to)` continuing from state `h`: hashing without building substrings. */
function fnv(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** Seeds per feature family, so a word and a character n-gram with the same letters do not collide. */
const SEED = {
  word: fnv(FNV_OFFSET, 'w:'),
  bigram: fnv(FNV_OFFSET, 'b:'),
  char: fnv(FNV_OFFSET, 'c:'),
  keyword: fnv(FNV_OFFSET, 'k:'),
  shape: fnv(FNV_OFFSET, 'len:'),
} as const;

function keywordGroupsOf(token: string): string[] {
  const groups: string[] = [];
  for (const [stem, group] of KEYWORD_PREFIXES) {
    // Short stems ("ad", "cv", "bio") must match the whole token, not a prefix of an unrelated word.
    const matches = stem.length <= 3 ? token === stem || token === `${stem}s` : token.startsWith(stem);
    if (matches && !groups.includes(group)) groups.push(group);
  }
  return groups;
}

/** The hashed feature vector of `text`; equal texts always give equal vectors. */
export function extractFeatures(text: string, opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS): SparseVector {
  const mask = (1 << opts.bits) - 1;
  const WEIGHT = opts.weights;
  const acc = new Map<number, number>();
  const add = (h: number, weight: number) => {
    const i = (h >>> 0) & mask;
    acc.set(i, (acc.get(i) ?? 0) + weight);
  };
  const tokens = tokenize(text);
  // Length is informative: greetings are short, requests are long.
  add(fnv(SEED.shape, String(Math.min(tokens.length, 8))), WEIGHT.shape);
  let previous = '^';
  for (const token of tokens) {
    add(fnv(SEED.word, token), WEIGHT.word);
    add(fnv(fnv(fnv(SEED.bigram, previous), '_'), token), WEIGHT.bigram);
    previous = token;
    // Character n-grams of "<token>", hashed in place: '<' and '>' mark the word boundaries.
    const padded = `<${token}>`;
    for (let n = 3; n <= 5; n++) {
      for (let s = 0; s + n <= padded.length; s++) add(fnv(SEED.char, padded, s, s + n), WEIGHT.char);
    }
    for (const group of keywordGroupsOf(token)) add(fnv(SEED.keyword, group), WEIGHT.keyword);
  }
  if (tokens.length > 0) add(fnv(fnv(SEED.bigram, previous), '_$'), WEIGHT.bigram);

  const indices = new Uint32Array(acc.size);
  const values = new Float32Array(acc.size);
  let norm = 0;
  let j = 0;
  for (const [i, v] of acc) {
    indices[j] = i;
    values[j] = v;
    norm += v * v;
    j++;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < values.length; k++) values[k] = values[k]! / norm;
  return { indices, values };
}
