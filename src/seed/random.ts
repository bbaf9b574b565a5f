/** Small, fast, seedable PRNG (mulberry32): the same seed always yields the same demo data. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** An independent stream for (seed, kind, index), so any entity can be generated on its own. */
  static for(seed: number, kind: string, index: number): Random {
    let h = 2166136261 ^ seed;
    for (let i = 0; i < kind.length; i++) h = Math.imul(h ^ kind.charCodeAt(i), 16777619);
    h = Math.imul(h ^ index, 2654435761);
    h ^= h >>> 15;
    return new Random(h);
  }

  next(): number {
    // Kept to 32 bits so long runs never lose integer precision (same outputs as unbounded growth).
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight; `weights[i]` belongs to `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r <= 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** `n` distinct items, earlier ones more likely (a skewed sample: an occupation's most typical skills first). */
  sampleSkewed<T>(items: readonly T[], n: number, skew = 1.5): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) {
      const i = Math.min(pool.length - 1, Math.floor(Math.pow(this.next(), skew) * pool.length));
      out.push(pool.splice(i, 1)[0]!);
    }
    return out;
  }

  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
