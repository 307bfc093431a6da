/**
 * A small deterministic random source (sfc32) so that every fuzz input is a pure function of (--seed, index): the
 * main thread, a worker and `--replay` make the same bytes from the same two numbers.
 */

/** 32-bit FNV-1a over a string: a seed given as text (`--seed hello`) becomes a number. */
export function hashText(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** The generator of input `index` under run seed `seed`. */
  constructor(seed: number, index = 0) {
    this.a = seed >>> 0;
    this.b = Math.imul(index ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
    this.c = (index * 2654435761) >>> 0;
    this.d = 1;
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** 0 ≤ x < 1. */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [0, n); 0 when n ≤ 0. */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor(this.float() * n);
  }

  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[this.int(xs.length)]!;
  }

  /** One of `choices` with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let x = this.float() * total;
    for (const [v, w] of choices) {
      x -= w;
      if (x < 0) return v;
    }
    return choices[choices.length - 1]![0];
  }

  /** Small numbers much more often than large ones: 1 ≤ x ≤ max, roughly log-uniform. */
  small(max: number): number {
    return Math.max(1, Math.min(max, Math.floor(Math.exp(this.float() * Math.log(max + 1)))));
  }

  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }
}
