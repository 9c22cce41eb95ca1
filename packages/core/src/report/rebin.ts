import { cdfAt, sampleFromSketch } from '../dataquality/drift/weighted-sample.ts';
import { sharedSketchOf } from '../profile/shared-sketch.ts';
import { niceTicks } from './nice-ticks.ts';

/** How statistics.json describes one numeric feature's distribution (either part may be absent). */
export interface NumericDistribution {
  /** The KLL sketch (`distribution.kll.sketch`): the exact rank map, preferred when present. */
  sketch?: { parameters?: { c?: number; k?: number }; data: number[][] };
  /** The KLL buckets (`distribution.kll.buckets`): each file's own equal-width bins over its min–max. */
  buckets?: readonly { lower_bound: number; upper_bound: number; count: number }[];
}

/** Two numeric distributions as shares of their records on the same bin edges. */
export interface SharedBins {
  /** Bin i is [edges[i], edges[i+1]] (the first bin closed, the others open below). */
  edges: number[];
  baseline: number[];
  current: number[];
}

/** About the most equal-width bins a numeric chart gets: round edges make it about 10 to 20. */
export const NUMERIC_BINS = 20;

/**
 * Re-bins the baseline and the current distribution onto the SAME equal-width edges at round
 * values (steps of 1, 2 or 5 × 10^k; about `bins/2` to `bins` bins), spanning both ranges: each
 * file's KLL buckets span its own min–max, so drawing them as they are compares bars of
 * different widths. From a sketch the share of a bin is exact (the sketch's CDF at both edges);
 * from buckets alone, a bucket's count is spread evenly over its range (a zero-width bucket puts it
 * all at its point). Undefined when either side has neither.
 *
 * @example
 * ```ts
 * const bins = sharedBins({ buckets: [{ lower_bound: 0, upper_bound: 1, count: 4 }] },
 *   { buckets: [{ lower_bound: 1, upper_bound: 2, count: 2 }] }, 2);
 * bins?.edges; // [0, 1, 2]; bins?.baseline [1, 0]; bins?.current [0, 1]
 * ```
 */
export function sharedBins(
  baseline: NumericDistribution,
  current: NumericDistribution,
  bins = NUMERIC_BINS,
): SharedBins | undefined {
  const base = distributionCdf(baseline);
  const now = distributionCdf(current);
  if (!base || !now) return undefined;
  let lo = Math.min(base.min, now.min);
  let hi = Math.max(base.max, now.max);
  if (lo === hi) {
    // A constant feature still gets a visible bar around its value.
    lo -= 0.5;
    hi += 0.5;
    bins = 1;
  }
  // Round edges (steps of 1, 2 or 5 × 10^k) covering both ranges: about `bins` bins.
  const edges = bins === 1 ? [lo, hi] : niceTicks(lo, hi, bins);
  const shares = (cdf: (x: number) => number) =>
    edges.slice(1).map((edge, i) => Math.max(0, cdf(edge) - (i === 0 ? 0 : cdf(edges[i] as number))));
  return { edges, baseline: shares(base.cdf), current: shares(now.cdf) };
}

interface Cdf {
  min: number;
  max: number;
  /** Share of the records at or below x. */
  cdf: (x: number) => number;
}

function distributionCdf(distribution: NumericDistribution): Cdf | undefined {
  const data = distribution.sketch?.data;
  if (data?.some((level) => level.length > 0)) {
    const sample = sampleFromSketch(sharedSketchOf({ ...distribution.sketch, data }));
    // ±Infinity items rank, but cannot span a bin: the chart spans the finite values (the
    // values ascend, so the infinities are at the ends).
    const values = sample.values;
    let first = 0;
    let last = values.length - 1;
    while (first <= last && !Number.isFinite(values[first] as number)) first++;
    while (last >= first && !Number.isFinite(values[last] as number)) last--;
    if (sample.total > 0 && first <= last) {
      return {
        min: values[first] as number,
        max: values[last] as number,
        cdf: (x) => cdfAt(sample, x),
      };
    }
  }
  const buckets = (distribution.buckets ?? []).filter(
    (b) => b.count > 0 && Number.isFinite(b.lower_bound) && Number.isFinite(b.upper_bound),
  );
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return undefined;
  return {
    min: Math.min(...buckets.map((b) => b.lower_bound)),
    max: Math.max(...buckets.map((b) => b.upper_bound)),
    cdf: (x) => {
      let below = 0;
      for (const b of buckets) {
        if (x >= b.upper_bound) below += b.count;
        else if (x > b.lower_bound)
          below += (b.count * (x - b.lower_bound)) / (b.upper_bound - b.lower_bound);
      }
      return below / total;
    },
  };
}

/** Two categorical distributions as shares on the union of their categories. */
export interface SharedCategories {
  categories: string[];
  baseline: number[];
  current: number[];
}

/** The most categories a chart shows; the rest are summed into one `(other)` group. */
export const MAX_CATEGORIES = 16;

/** The name of the group that sums the categories beyond `MAX_CATEGORIES`. */
export const OTHER_CATEGORY = '(other)';

/**
 * Shares of each category of the union of both sides' categories (a category absent on one side
 * has share 0 there), the most frequent overall first; beyond `limit`, the rest are summed into
 * `(other)` so the shares still add up to 1 on each side.
 *
 * @example
 * ```ts
 * sharedCategories([{ value: 'a', count: 3 }, { value: 'b', count: 1 }], [{ value: 'c', count: 2 }]);
 * // { categories: ['c', 'a', 'b'], baseline: [0, 0.75, 0.25], current: [1, 0, 0] }
 * ```
 */
export function sharedCategories(
  baseline: readonly { value: unknown; count: number }[],
  current: readonly { value: unknown; count: number }[],
  limit = MAX_CATEGORIES,
): SharedCategories {
  const shares = (buckets: readonly { value: unknown; count: number }[]) => {
    const total = buckets.reduce((sum, b) => sum + b.count, 0) || 1;
    const map = new Map<string, number>();
    for (const b of buckets) map.set(String(b.value), (map.get(String(b.value)) ?? 0) + b.count / total);
    return map;
  };
  const base = shares(baseline);
  const now = shares(current);
  const union = [...new Set([...base.keys(), ...now.keys()])].sort(
    (a, b) =>
      (base.get(b) ?? 0) + (now.get(b) ?? 0) - ((base.get(a) ?? 0) + (now.get(a) ?? 0)) || (a < b ? -1 : 1),
  );
  const shown = union.length > limit ? union.slice(0, limit - 1) : union;
  const rest = union.slice(shown.length);
  const row = (map: Map<string, number>) => [
    ...shown.map((c) => map.get(c) ?? 0),
    ...(rest.length > 0 ? [rest.reduce((sum, c) => sum + (map.get(c) ?? 0), 0)] : []),
  ];
  return {
    categories: rest.length > 0 ? [...shown, OTHER_CATEGORY] : shown,
    baseline: row(base),
    current: row(now),
  };
}
