import type { KllSketch } from '../profile/kll.ts';
import { totalCount } from './category-counts.ts';

/** Deequ's constant for the Kolmogorov–Smirnov correction (alpha ≈ 0.003). */
export const ROBUST_C_ALPHA = 1.8;

/** A drift distance and the sample sizes it was computed from. */
export interface Distance {
  /** max |CDF1 − CDF2| (or a p-value for ChiSquared). */
  value: number;
  /** The uncorrected L-infinity distance. */
  simple: number;
  n: number;
  m: number;
}

/**
 * Deequ's `selectMetrics`: the Robust distance subtracts the Kolmogorov–Smirnov critical value
 * `1.8 * sqrt((n + m) / (n m))` so that small samples do not look drifted.
 *
 * @example
 * ```ts
 * robust(0.5, 1000, 1000); // 0.5 − 1.8·sqrt(0.002) ≈ 0.4195
 * ```
 */
export function robust(simple: number, n: number, m: number): number {
  return Math.max(0, simple - ROBUST_C_ALPHA * Math.sqrt((n + m) / (n * m)));
}

/**
 * L-infinity distance between the CDFs of two KLL sketches, as Deequ's
 * `Distance.numericalDistance`: over the union of sketch items, `|rank1(x)/n − rank2(x)/m|`
 * with n and m the sketches' total weights. `method` Robust applies the KS correction.
 *
 * @example
 * ```ts
 * numericalDistance(baselineSketch, currentSketch, 'Simple').value; // 0.0 … 1.0
 * ```
 */
export function numericalDistance(a: KllSketch, b: KllSketch, method: 'Simple' | 'Robust'): Distance {
  const ra = a.rankMap();
  const rb = b.rankMap();
  const n = ra.ranks.length ? (ra.ranks[ra.ranks.length - 1] as number) : 0;
  const m = rb.ranks.length ? (rb.ranks[rb.ranks.length - 1] as number) : 0;
  if (n === 0 || m === 0) return { value: Number.NaN, simple: Number.NaN, n, m };
  let i = 0;
  let j = 0;
  let rankA = 0;
  let rankB = 0;
  let simple = 0;
  // Walk both sorted key lists; at each key, each CDF is the rank of the largest key ≤ it.
  // Each step advances at least one list whatever the items are: a NaN (which no comparison
  // orders) advances both sides instead of stalling the walk forever.
  while (i < ra.items.length || j < rb.items.length) {
    const moreA = i < ra.items.length;
    const moreB = j < rb.items.length;
    const x = moreA ? (ra.items[i] as number) : Number.POSITIVE_INFINITY;
    const y = moreB ? (rb.items[j] as number) : Number.POSITIVE_INFINITY;
    const advanceA = moreA && (!moreB || !(y < x));
    const advanceB = moreB && (!moreA || !(x < y));
    if (advanceA) rankA = ra.ranks[i++] as number;
    if (advanceB) rankB = rb.ranks[j++] as number;
    simple = Math.max(simple, Math.abs(rankA / n - rankB / m));
  }
  return { value: method === 'Robust' ? robust(simple, n, m) : simple, simple, n, m };
}

/**
 * L-infinity distance between two categorical distributions, as Deequ's
 * `categoricalLInfinityDistance`: over the union of categories, `|c1(k)/n − c2(k)/m|`
 * (frequencies, not cumulative).
 *
 * @example
 * ```ts
 * categoricalDistance(new Map([['a', 5], ['b', 5]]), new Map([['a', 10]]), 'Simple').value; // 0.5
 * ```
 */
export function categoricalDistance(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
  method: 'Simple' | 'Robust',
): Distance {
  const n = totalCount(a);
  const m = totalCount(b);
  if (n === 0 || m === 0) return { value: Number.NaN, simple: Number.NaN, n, m };
  let simple = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    simple = Math.max(simple, Math.abs((a.get(key) ?? 0) / n - (b.get(key) ?? 0) / m));
  }
  return { value: method === 'Robust' ? robust(simple, n, m) : simple, simple, n, m };
}
