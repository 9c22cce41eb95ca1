import { totalCount } from '../category-counts.ts';
import { binShares, referenceQuantileEdges } from './binning.ts';
import { distanceMethod } from './method-kinds.ts';

/**
 * Jensen–Shannon distance (scipy's `jensenshannon`, natural logarithm: 0 … √ln2 ≈ 0.833) of two
 * discrete distributions given as aligned shares.
 *
 * @example
 * ```ts
 * jensenShannonDistance([1, 0], [0, 1]); // √ln 2 ≈ 0.8326
 * ```
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  let divergence = 0;
  p.forEach((pi, i) => {
    const qi = q[i] ?? 0;
    const mi = (pi + qi) / 2;
    if (pi > 0) divergence += (pi * Math.log(pi / mi)) / 2;
    if (qi > 0) divergence += (qi * Math.log(qi / mi)) / 2;
  });
  return Math.sqrt(Math.max(0, divergence));
}

/**
 * Jensen–Shannon distance between the reference's and the window's distributions: categories as
 * they are (union of both), numbers over the reference's decile bins (binning.ts). Symmetric and
 * bounded; Evidently's default for categorical features (0.1), NannyML's for all.
 */
export const jensenShannon = distanceMethod(['numerical', 'categorical'], {
  name: 'jensen_shannon',
  summary: 'Jensen–Shannon distance (natural log, 0 … 0.83): categories, or numbers over reference deciles',
  guarded: true,
  compute(input) {
    if (input.type === 'numerical') {
      const edges = referenceQuantileEdges(input.reference);
      return {
        value: jensenShannonDistance(binShares(input.reference, edges), binShares(input.current, edges)),
      };
    }
    const keys = [...new Set([...input.reference.keys(), ...input.current.keys()])];
    const shares = (counts: ReadonlyMap<string, number>) => {
      const total = totalCount(counts);
      return keys.map((k) => (counts.get(k) ?? 0) / total);
    };
    return { value: jensenShannonDistance(shares(input.reference), shares(input.current)) };
  },
});
