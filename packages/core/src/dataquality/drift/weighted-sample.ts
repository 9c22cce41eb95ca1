import type { KllSketch } from '../../profile/kll.ts';

/**
 * A weighted empirical distribution: distinct values in ascending order with their cumulative
 * weights. A KLL sketch that never compacted gives every value weight 1, so the distribution is
 * the exact sample; after compaction each kept item stands for 2^level values.
 */
export interface WeightedSample {
  values: Float64Array;
  /** cumulative[i] = total weight of values ≤ values[i]. */
  cumulative: Float64Array;
  total: number;
}

/**
 * The weighted empirical distribution a KLL sketch stands for (its rank map).
 *
 * @example
 * ```ts
 * sampleFromSketch(profile.columns[0].kll).total; // ≈ number of numeric values
 * ```
 */
export function sampleFromSketch(sketch: KllSketch): WeightedSample {
  const { items, ranks } = sketch.rankMap();
  return { values: items, cumulative: ranks, total: ranks.length ? (ranks[ranks.length - 1] as number) : 0 };
}

/**
 * The empirical distribution of plain values, each with weight 1.
 *
 * @example
 * ```ts
 * sampleFromValues([3, 1, 1]); // values [1, 3], cumulative [2, 3], total 3
 * ```
 */
export function sampleFromValues(values: Iterable<number>): WeightedSample {
  const sorted = Float64Array.from(values).sort();
  const keys: number[] = [];
  const cumulative: number[] = [];
  sorted.forEach((x, i) => {
    if (keys.length > 0 && keys[keys.length - 1] === x) cumulative[cumulative.length - 1] = i + 1;
    else {
      keys.push(x);
      cumulative.push(i + 1);
    }
  });
  return { values: Float64Array.from(keys), cumulative: Float64Array.from(cumulative), total: sorted.length };
}

/**
 * Share of the sample's weight at or below x: the empirical CDF F(x).
 *
 * @example
 * ```ts
 * cdfAt(sampleFromValues([1, 2, 3, 4]), 2.5); // 0.5
 * ```
 */
export function cdfAt(sample: WeightedSample, x: number): number {
  let lo = 0;
  let hi = sample.values.length;
  // First index whose value is above x; the weight below it is the CDF.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sample.values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : (sample.cumulative[lo - 1] as number) / sample.total;
}

/**
 * Weighted mean and population standard deviation of the sample.
 *
 * @example
 * ```ts
 * sampleMoments(sampleFromValues([1, 3])); // { mean: 2, std: 1 }
 * ```
 */
export function sampleMoments(sample: WeightedSample): { mean: number; std: number } {
  let sum = 0;
  let previous = 0;
  for (let i = 0; i < sample.values.length; i++) {
    const weight = (sample.cumulative[i] as number) - previous;
    previous = sample.cumulative[i] as number;
    sum += weight * (sample.values[i] as number);
  }
  const mean = sum / sample.total;
  let squares = 0;
  previous = 0;
  for (let i = 0; i < sample.values.length; i++) {
    const weight = (sample.cumulative[i] as number) - previous;
    previous = sample.cumulative[i] as number;
    squares += weight * ((sample.values[i] as number) - mean) ** 2;
  }
  return { mean, std: Math.sqrt(squares / sample.total) };
}

/**
 * Walks the union of both samples' values in ascending order, calling `visit` with each value,
 * both CDFs at it, and the next value of the union (Infinity after the last).
 *
 * @example
 * ```ts
 * walkCdfs(a, b, (x, fa, fb) => { sup = Math.max(sup, Math.abs(fa - fb)); });
 * ```
 */
export function walkCdfs(
  a: WeightedSample,
  b: WeightedSample,
  visit: (x: number, cdfA: number, cdfB: number, next: number) => void,
): void {
  const valuesA = a.values;
  const valuesB = b.values;
  const lengthA = valuesA.length;
  const lengthB = valuesB.length;
  let i = 0;
  let j = 0;
  let cdfA = 0;
  let cdfB = 0;
  // The next value of each side, Infinity once it is used up (a run compares thousands of values).
  let nextA = lengthA > 0 ? (valuesA[0] as number) : Number.POSITIVE_INFINITY;
  let nextB = lengthB > 0 ? (valuesB[0] as number) : Number.POSITIVE_INFINITY;
  while (i < lengthA || j < lengthB) {
    const x = Math.min(nextA, nextB);
    if (i < lengthA && nextA === x) {
      cdfA = (a.cumulative[i++] as number) / a.total;
      nextA = i < lengthA ? (valuesA[i] as number) : Number.POSITIVE_INFINITY;
    }
    if (j < lengthB && nextB === x) {
      cdfB = (b.cumulative[j++] as number) / b.total;
      nextB = j < lengthB ? (valuesB[j] as number) : Number.POSITIVE_INFINITY;
    }
    visit(x, cdfA, cdfB, Math.min(nextA, nextB));
  }
}
