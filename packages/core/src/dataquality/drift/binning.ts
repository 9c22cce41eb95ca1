import { cdfAt, type WeightedSample } from './weighted-sample.ts';

/** Bins of the binned numerical methods (Jensen–Shannon, PSI): the reference's deciles. */
export const REFERENCE_QUANTILE_BINS = 10;

/** Share given to an empty bin by PSI, so that its logarithm stays finite (as Evidently does). */
export const EMPTY_BIN_SHARE = 1e-4;

/**
 * Inner bin edges at the reference's quantiles i/bins (i = 1 … bins − 1), each the smallest
 * reference value whose CDF reaches i/bins (the inverted-CDF quantile, numpy's
 * `method="inverted_cdf"`), repeated edges dropped. The bins are (−∞, e1], (e1, e2], …,
 * (e_last, +∞): each holds about a tenth of the reference, a column with few distinct values gets
 * fewer bins, and when the top edge is the reference's maximum (ties, a constant column) the last
 * bin holds only values the reference never reached.
 *
 * @example
 * ```ts
 * referenceQuantileEdges(sampleFromValues([1, 2, 3, 4]), 2); // [2]
 * ```
 */
export function referenceQuantileEdges(reference: WeightedSample, bins = REFERENCE_QUANTILE_BINS): number[] {
  const edges: number[] = [];
  let k = 0;
  for (let i = 1; i < bins; i++) {
    const target = (i / bins) * reference.total;
    // Cumulative weights are exact sums of powers of two, so a relative epsilon guards only the division.
    while (k < reference.values.length - 1 && (reference.cumulative[k] as number) < target * (1 - 1e-12)) k++;
    const edge = reference.values[k] as number;
    if (edges.length === 0 || edges[edges.length - 1] !== edge) edges.push(edge);
  }
  return edges;
}

/**
 * Share of the sample's weight in each bin of the inner `edges`: (−∞, e1], (e1, e2], …, (e_last, +∞).
 *
 * @example
 * ```ts
 * binShares(sampleFromValues([1, 2, 3, 4]), [2]); // [0.5, 0.5]
 * ```
 */
export function binShares(sample: WeightedSample, edges: readonly number[]): number[] {
  const shares: number[] = [];
  let below = 0;
  for (const edge of edges) {
    const cdf = cdfAt(sample, edge);
    shares.push(cdf - below);
    below = cdf;
  }
  shares.push(1 - below);
  return shares;
}
