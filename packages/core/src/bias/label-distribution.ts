import { BiasMetricError } from './errors.ts';
import { type Cell, cellKey, compareCells } from './values.ts';

/**
 * smclarify's `pdfs_aligned_nonzero`: the empirical pmfs of the label in facet a and in facet d,
 * kept only at the values that are present in both, sorted by value and NOT renormalised.
 *
 * @example
 * ```ts
 * // facet a holds x, y, y; facet d holds x: only x is common
alignedDistributions(['x', 'y', 'x', 'y'], [false, false, true, false]); // { pa: [1/3], pd: [1] }
 * ```
 */
export function alignedDistributions(
  label: readonly Cell[],
  facet: readonly boolean[],
): { pa: number[]; pd: number[] } {
  // Maps, not arquero's groupby().count() (4–5× slower): bootstrap resamples call this again.
  const countsA = new Map<string, { value: Cell; n: number }>();
  const countsD = new Map<string, { value: Cell; n: number }>();
  let na = 0;
  let nd = 0;
  for (let i = 0; i < facet.length; i++) {
    const value = label[i] ?? null;
    if (value === null) continue;
    const counts = facet[i] ? countsD : countsA;
    if (facet[i]) nd++;
    else na++;
    const key = cellKey(value);
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { value, n: 1 });
  }
  const common = [...countsA.entries()]
    .filter(([key]) => countsD.has(key))
    .sort(([, x], [, y]) => compareCells(x.value, y.value));
  if (common.length === 0)
    throw new BiasMetricError('No instance of common facet found, dataset may be too small');
  return {
    pa: common.map(([, entry]) => entry.n / na),
    pd: common.map(([key]) => countsD.get(key)!.n / nd),
  };
}
