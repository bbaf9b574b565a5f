import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions, type SparseVector } from './features.ts';
import { Random } from '../../seed/index.ts';

/** A labelled utterance, the unit of every dataset in `data/intents/`. */
export interface Utterance<L extends string = string> {
  text: string;
  intent: L;
}

export interface TrainingOptions {
  epochs: number;
  /** Adagrad base learning rate. */
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches. */
  l2: number;
  /** Seed of the example shuffle: the same data and seed give the same model. */
  seed: number;
  /** 0 = no class balancing, 1 = full inverse-frequency weights; in between tempers them. */
  balance: number;
  features: FeatureOptions;
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  epochs: 8,
  learningRate: 0.2,
  l2: 1e-5,
  seed: 7,
  balance: 0.3,
  features: DEFAULT_FEATURE_OPTIONS,
};

/** A trained multinomial logistic-regression model over hashed features. */
export interface IntentClassifier<L extends string = string> {
  labels: readonly L[];
  /** Softmax probabilities, in the order of `labels`. */
  predict(text: string): Float64Array;
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp(scores[k]! - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = scores[k]! / sum;
}

/**
 * Trains multinomial logistic regression with sparse Adagrad SGD (deterministic shuffle), class
 * weights against imbalance and L2 regularisation. About 1k utterances train in well under a second.
 */
export function trainIntentClassifier<L extends string>(
  examples: readonly Utterance<L>[],
  labels: readonly L[],
  options: Partial<TrainingOptions> = {},
): IntentClassifier<L> {
  const opts = { ...DEFAULT_TRAINING_OPTIONS, ...options };
  const K = labels.length;
  const D = 1 << opts.features.bits;
  const labelIndex = new Map<string, number>(labels.map((l, i) => [l, i]));
  const data: Array<{ x: SparseVector; y: number }> = [];
  for (const e of examples) {
    const y = labelIndex.get(e.intent);
    if (y === undefined) throw new Error(`unknown intent ${JSON.stringify(e.intent)} in training data`);
    data.push({ x: extractFeatures(e.text, opts.features), y });
  }
  const counts = new Float64Array(K);
  for (const d of data) counts[d.y]! += 1;
  const classWeight = Array.from(counts, (c) => (c === 0 ? 0 : Math.pow(data.length / (K * c), opts.balance)));

  const w = new Float32Array(D * K);
  const g2 = new Float32Array(D * K);
  const err = new Float64Array(K);
  const bias = new Float64Array(K);
  const bias2 = new Float64Array(K);
  const scores = new Float64Array(K);
  const order = data.map((_, i) => i);
  const rng = new Random(opts.seed); // seeded, so training is reproducible
  const random = () => rng.next();

  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { x, y } = data[n]!;
      for (let k = 0; k < K; k++) scores[k] = bias[k]!;
      for (let f = 0; f < x.indices.length; f++) {
        const base = x.indices[f]! * K;
        const v = x.values[f]!;
        for (let k = 0; k < K; k++) scores[k]! += w[base + k]! * v;
      }
      softmaxInPlace(scores);
      const cw = classWeight[y]!;
      for (let k = 0; k < K; k++) {
        const e = (scores[k]! - (k === y ? 1 : 0)) * cw;
        err[k] = e;
        bias2[k]! += e * e;
        bias[k]! -= (opts.learningRate * e) / Math.sqrt(bias2[k]! + 1e-8);
      }
      // Sparse Adagrad: only the weights of this example's features move.
      for (let f = 0; f < x.indices.length; f++) {
        const v = x.values[f]!;
        const base = x.indices[f]! * K;
        for (let k = 0; k < K; k++) {
          const e = err[k]!;
          // A class the model already gets right contributes almost nothing: skipping it halves training time.
          if (e > -1e-3 && e < 1e-3) continue;
          const idx = base + k;
          const grad = e * v + opts.l2 * w[idx]!;
          g2[idx]! += grad * grad;
          w[idx]! -= (opts.learningRate * grad) / Math.sqrt(g2[idx]! + 1e-8);
        }
      }
    }
  }

  return {
    labels,
    predict(text: string): Float64Array {
      const x = extractFeatures(text, opts.features);
      const out = new Float64Array(K);
      for (let k = 0; k < K; k++) out[k] = bias[k]!;
      for (let f = 0; f < x.indices.length; f++) {
        const base = x.indices[f]! * K;
        const v = x.values[f]!;
        for (let k = 0; k < K; k++) out[k]! += w[base + k]! * v;
      }
      softmaxInPlace(out);
      return out;
    },
  };
}
