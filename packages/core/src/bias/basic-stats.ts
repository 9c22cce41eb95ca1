import { confusionByFacet, facetSizes } from './metric-inputs.ts';

/**
 * smclarify's `basic_stats.confusion_matrix`: facet d's [TP, FP, FN, TN] as fractions of n_d.
 *
 * @example
 * ```ts
 * facetConfusionMatrix([true, true], [true, false], [true, true]); // [0.5, 0.5, 0, 0]
 * ```
 */
export function facetConfusionMatrix(
  facet: readonly boolean[],
  label: readonly boolean[],
  predicted: readonly boolean[],
): [number, number, number, number] {
  const { nd } = facetSizes(facet);
  const { d } = confusionByFacet(facet, label, predicted);
  const share = (n: number) => (nd === 0 ? 0 : n / nd);
  return [share(d.tp), share(d.fp), share(d.fn), share(d.tn)];
}

/**
 * smclarify's `basic_stats.proportion`: the share of rows in facet d.
 *
 * @example
 * ```ts
 * facetProportion([true, false, false, false]); // 0.25
 * ```
 */
export function facetProportion(facet: readonly boolean[]): number {
  return facet.length === 0 ? 0 : facetSizes(facet).nd / facet.length;
}
