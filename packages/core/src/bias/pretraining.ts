import { conditionalDemographicDisparity } from './conditional-disparity.ts';
import { BiasMetricError } from './errors.ts';
import { alignedDistributions } from './label-distribution.ts';
import { facetSizes, type MetricInputs, need } from './metric-inputs.ts';

/**
 * Class Imbalance: (n_a − n_d)/(n_a + n_d).
 *
 * @example
 * ```ts
 * classImbalance({ facet: [true, false, false, false] }); // 0.5
 * ```
 */
export function classImbalance(inputs: MetricInputs): number {
  const { na, nd } = facetSizes(inputs.facet);
  if (na === 0)
    throw new BiasMetricError('CI: negated facet set is empty. Check that x[~facet] has non-zero length.');
  if (nd === 0) throw new BiasMetricError('CI: facet set is empty. Check that x[facet] has non-zero length.');
  return (na - nd) / (na + nd);
}

/**
 * Difference in positive proportions q_a − q_d of a boolean outcome (DPL on labels, DPPL on
 * predictions).
 *
 * @example
 * ```ts
 * positiveProportionDifference([true, true, false, false], [true, true, false, true]); // -0.5
 * ```
 */
export function positiveProportionDifference(
  facet: readonly boolean[],
  positive: readonly boolean[],
): number {
  let na = 0;
  let nd = 0;
  let naPos = 0;
  let ndPos = 0;
  for (let i = 0; i < facet.length; i++) {
    if (facet[i]) {
      nd++;
      if (positive[i]) ndPos++;
    } else {
      na++;
      if (positive[i]) naPos++;
    }
  }
  if (na === 0) throw new BiasMetricError('Negative facet set is empty.');
  if (nd === 0) throw new BiasMetricError('Facet set is empty.');
  return naPos / na - ndPos / nd;
}

/**
 * Difference in Positive Proportions in Labels.
 *
 * @example
 * ```ts
 * differenceInPositiveProportionsInLabels({ facet: [true, true, false, false], positiveLabel: [true, true, false, true] }); // -0.5
 * ```
 */
export function differenceInPositiveProportionsInLabels(inputs: MetricInputs): number {
  return positiveProportionDifference(inputs.facet, need(inputs.positiveLabel, 'positive_label_index'));
}

function labelOf(inputs: MetricInputs) {
  return inputs.label ?? need(inputs.positiveLabel, 'label');
}

/**
 * Kullback-Leibler divergence KL(P_a ‖ P_d) over the label values present in both facets.
 *
 * @example
 * ```ts
 * // smclarify's test_KL: no renormalisation over the common values, so KL can be negative
 * kullbackLeibler({ facet: [true, false, false, false, false, false], label: [true, true, true, false, false, false] }); // -0.3665…
 * ```
 */
export function kullbackLeibler(inputs: MetricInputs): number {
  const { pa, pd } = alignedDistributions(labelOf(inputs), inputs.facet);
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += pa[i]! * Math.log(pa[i]! / pd[i]!);
  return sum;
}

/**
 * Jensen-Shannon divergence between P_a and P_d.
 *
 * @example
 * ```ts
 * jensenShannon({ facet: [true, false, false, false, false, false], label: [true, true, true, false, false, false] }); // 0.0664…
 * ```
 */
export function jensenShannon(inputs: MetricInputs): number {
  const { pa, pd } = alignedDistributions(labelOf(inputs), inputs.facet);
  let ka = 0;
  let kd = 0;
  for (let i = 0; i < pa.length; i++) {
    const p = 0.5 * (pa[i]! + pd[i]!);
    ka += pa[i]! * Math.log(pa[i]! / p);
    kd += pd[i]! * Math.log(pd[i]! / p);
  }
  return 0.5 * (ka + kd);
}

/**
 * L2 norm of P_a − P_d.
 *
 * @example
 * ```ts
 * lpNorm({ facet: [true, false, false, false, false, false], label: [true, true, true, false, false, false] }); // 0.6
 * ```
 */
export function lpNorm(inputs: MetricInputs): number {
  const { pa, pd } = alignedDistributions(labelOf(inputs), inputs.facet);
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += (pa[i]! - pd[i]!) ** 2;
  return Math.sqrt(sum);
}

/**
 * Total variation distance: half the L1 norm of P_a − P_d.
 *
 * @example
 * ```ts
 * totalVariationDistance({ facet: [true, false, false, false, false, false], label: [true, true, true, false, false, false] }); // 0.3
 * ```
 */
export function totalVariationDistance(inputs: MetricInputs): number {
  const { pa, pd } = alignedDistributions(labelOf(inputs), inputs.facet);
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += Math.abs(pa[i]! - pd[i]!);
  return 0.5 * sum;
}

/**
 * Kolmogorov-Smirnov distance as smclarify defines it: the largest gap between the two pmfs.
 *
 * @example
 * ```ts
 * kolmogorovSmirnov({ facet: [true, false, false, false, false, false], label: [true, true, true, false, false, false] }); // 0.6
 * ```
 */
export function kolmogorovSmirnov(inputs: MetricInputs): number {
  const { pa, pd } = alignedDistributions(labelOf(inputs), inputs.facet);
  let max = 0;
  for (let i = 0; i < pa.length; i++) max = Math.max(max, Math.abs(pa[i]! - pd[i]!));
  return max;
}

/**
 * Conditional Demographic Disparity in Labels.
 *
 * @example
 * ```ts
 * conditionalDemographicDisparityInLabels({ facet: [true, false], positiveLabel: [false, true], groupVariable: [1, 1] }); // 1
 * ```
 */
export function conditionalDemographicDisparityInLabels(inputs: MetricInputs): number {
  return conditionalDemographicDisparity(
    inputs.facet,
    need(inputs.positiveLabel, 'positive_label_index'),
    inputs.groupVariable,
  );
}
