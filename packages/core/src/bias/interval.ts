import { pythonFloat } from '../json/java-double.ts';
import { BiasReportError } from './errors.ts';
import type { ConfigValue, Series } from './values.ts';

/** A right-closed interval (left, right]. */
export interface Interval {
  readonly left: number;
  readonly right: number;
}

/** pandas' IntervalIndex as smclarify builds it from thresholds; `float` decides how bounds print. */
export interface IntervalIndex {
  readonly intervals: readonly Interval[];
  readonly float: boolean;
}

/**
 * smclarify's `_interval_index`: the thresholds plus the column maximum (unless `abs(max)` is
 * already a threshold — smclarify's quirk, kept), sorted, as consecutive right-closed intervals.
 * A threshold equal to the maximum therefore selects nothing.
 *
 * @example
 * ```ts
 * intervalText(intervalIndex({ name: 'x', dtype: 'int64', values: [0, 3, 4] }, [2n])); // '(2, 4]'
 * ```
 */
export function intervalIndex(data: Series, thresholds: readonly ConfigValue[] | undefined): IntervalIndex {
  if (!thresholds || thresholds.length === 0)
    throw new BiasReportError('Threshold values must be provided for continuous features');
  const numeric = thresholds.map((t) => Number(t));
  let max = Number.NEGATIVE_INFINITY;
  let present = false;
  for (const v of data.values) {
    if (typeof v === 'number' && !Number.isNaN(v)) {
      present = true;
      if (v > max) max = v;
    }
  }
  const breaks = [...numeric];
  if (present && !numeric.includes(Math.abs(max))) breaks.push(max);
  breaks.sort((a, b) => a - b);
  const intervals: Interval[] = [];
  for (let i = 0; i + 1 < breaks.length; i++) intervals.push({ left: breaks[i]!, right: breaks[i + 1]! });
  const float = data.dtype === 'float64' || thresholds.some((t) => typeof t === 'number');
  return { intervals, float };
}

/**
 * Whether a value lies in any interval of the index (t < x ≤ max).
 *
 * @example
 * ```ts
 * inIntervals({ intervals: [{ left: 2, right: 4 }], float: false }, 4); // true (right-closed)
 * ```
 */
export function inIntervals(index: IntervalIndex, value: number | null): boolean {
  if (value === null || Number.isNaN(value)) return false;
  return index.intervals.some((i) => i.left < value && value <= i.right);
}

/**
 * The index as analysis.json writes it: Python's `str()` of each interval, comma-joined.
 *
 * @example
 * ```ts
 * intervalText({ intervals: [{ left: 2, right: 4 }], float: true }); // '(2.0, 4.0]'
 * ```
 */
export function intervalText(index: IntervalIndex): string {
  const bound = (x: number) => (index.float ? pythonFloat(x) : pythonInt(x));
  return index.intervals.map((i) => `(${bound(i.left)}, ${bound(i.right)}]`).join(',');
}

function pythonInt(x: number): string {
  return Number.isFinite(x) ? BigInt(Math.trunc(x)).toString() : pythonFloat(x);
}
