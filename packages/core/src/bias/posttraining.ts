import { conditionalDemographicDisparity } from './conditional-disparity.ts';
import { divide, type MetricNumber, rateDifference } from './divide.ts';
import { BiasMetricError } from './errors.ts';
import { type Confusion, confusionByFacet, facetSizes, type MetricInputs, need } from './metric-inputs.ts';
import { positiveProportionDifference } from './pretraining.ts';

function confusion(inputs: MetricInputs, emptyFacet: string, emptyRest: string) {
  const { na, nd } = facetSizes(inputs.facet);
  if (nd === 0) throw new BiasMetricError(emptyFacet);
  if (na === 0) throw new BiasMetricError(emptyRest);
  return confusionByFacet(
    inputs.facet,
    need(inputs.positiveLabel, 'positive_label_index'),
    need(inputs.positivePredictedLabel, 'positive_predicted_label_index'),
  );
}

const conditionalOutcomes = (inputs: MetricInputs) =>
  confusion(inputs, 'DCO: Facet set is empty', 'DCO: Negated Facet set is empty');
const labelRates = (inputs: MetricInputs) =>
  confusion(inputs, 'DLR: Facet set is empty', 'DLR: Negated Facet set is empty');
const labelAccuracy = (inputs: MetricInputs) =>
  confusion(inputs, 'DLA: Facet set is empty', 'DLA: Negated Facet set is empty');
const plainConfusion = (inputs: MetricInputs) =>
  confusion(inputs, 'Facet set is empty', 'Negated Facet set is empty');

/**
 * Difference in Positive Proportions in Predicted Labels.
 *
 * @example
 * ```ts
 * differenceInPositiveProportionsInPredictedLabels({ facet: [true, false], positivePredictedLabel: [false, true] }); // 1
 * ```
 */
export function differenceInPositiveProportionsInPredictedLabels(inputs: MetricInputs): number {
  return positiveProportionDifference(
    inputs.facet,
    need(inputs.positivePredictedLabel, 'positive_predicted_label_index'),
  );
}

/**
 * Disparate Impact q̂_d / q̂_a, with 0/0 = 0.
 *
 * @example
 * ```ts
 * disparateImpact({ facet: [true, false], positivePredictedLabel: [true, false] }); // Infinity
 * ```
 */
export function disparateImpact(inputs: MetricInputs): number {
  const predicted = need(inputs.positivePredictedLabel, 'positive_predicted_label_index');
  const { na, nd } = facetSizes(inputs.facet);
  if (na === 0) throw new BiasMetricError('Negated facet set is empty');
  if (nd === 0) throw new BiasMetricError('Facet set is empty');
  let naPos = 0;
  let ndPos = 0;
  inputs.facet.forEach((d, i) => {
    if (predicted[i]) {
      if (d) ndPos++;
      else naPos++;
    }
  });
  return divide(ndPos / nd, naPos / na);
}

const acceptance = (c: Confusion) => divide(c.tp + c.fn, c.tp + c.fp);
const rejection = (c: Confusion) => divide(c.tn + c.fp, c.tn + c.fn);

/**
 * Difference in Conditional Acceptance c_a − c_d, c = observed positives / predicted positives.
 *
 * @example
 * ```ts
 * // facet d has no predicted positive, so c_d = 1/0 = Infinity
 * differenceInConditionalAcceptance({ facet: [false, true], positiveLabel: [true, true], positivePredictedLabel: [true, false] }); // -Infinity
 * ```
 */
export function differenceInConditionalAcceptance(inputs: MetricInputs): MetricNumber {
  const { a, d } = conditionalOutcomes(inputs);
  return rateDifference(acceptance(a), acceptance(d), 0n);
}

/**
 * Difference in Conditional Rejection r_d − r_a, r = observed negatives / predicted negatives.
 *
 * @example
 * ```ts
 * // no negative prediction on either side: both rates infinite
 * differenceInConditionalRejection({ facet: [false, true], positiveLabel: [false, false], positivePredictedLabel: [true, true] }); // 0n
 * ```
 */
export function differenceInConditionalRejection(inputs: MetricInputs): MetricNumber {
  const { a, d } = conditionalOutcomes(inputs);
  return rateDifference(rejection(d), rejection(a), 0n);
}

/**
 * Recall Difference rec_a − rec_d.
 *
 * @example
 * ```ts
 * recallDifference({ facet: [false, false, true, true], positiveLabel: [true, true, true, true],
 *   positivePredictedLabel: [true, true, true, false] }); // 1 - 0.5 = 0.5
 * ```
 */
export function recallDifference(inputs: MetricInputs): MetricNumber {
  const { a, d } = labelAccuracy(inputs);
  return rateDifference(divide(a.tp, a.tp + a.fn), divide(d.tp, d.tp + d.fn), 0n);
}

/**
 * Specificity Difference spec_d − spec_a.
 *
 * @example
 * ```ts
 * specificityDifference({ facet: [false, true], positiveLabel: [false, false], positivePredictedLabel: [true, false] }); // 1 - 0 = 1
 * ```
 */
export function specificityDifference(inputs: MetricInputs): MetricNumber {
  const { a, d } = labelAccuracy(inputs);
  return rateDifference(divide(d.tn, d.tn + d.fp), divide(a.tn, a.tn + a.fp), 0n);
}

/**
 * Difference in Acceptance Rates (precision a − precision d).
 *
 * @example
 * ```ts
 * differenceInAcceptanceRates({ facet: [false, false, true], positiveLabel: [true, false, true],
 *   positivePredictedLabel: [true, true, true] }); // 0.5 - 1 = -0.5
 * ```
 */
export function differenceInAcceptanceRates(inputs: MetricInputs): MetricNumber {
  const { a, d } = labelRates(inputs);
  return rateDifference(divide(a.tp, a.tp + a.fp), divide(d.tp, d.tp + d.fp), 0n);
}

/**
 * Difference in Rejection Rates (negative predictive value d − a).
 *
 * @example
 * ```ts
 * differenceInRejectionRates({ facet: [false, true], positiveLabel: [true, false], positivePredictedLabel: [false, false] }); // 1 - 0 = 1
 * ```
 */
export function differenceInRejectionRates(inputs: MetricInputs): MetricNumber {
  const { a, d } = labelRates(inputs);
  return rateDifference(divide(d.tn, d.tn + d.fn), divide(a.tn, a.tn + a.fn), 0n);
}

/**
 * Accuracy Difference acc_a − acc_d.
 *
 * @example
 * ```ts
 * accuracyDifference({ facet: [false, true], positiveLabel: [true, true], positivePredictedLabel: [true, false] }); // 1
 * ```
 */
export function accuracyDifference(inputs: MetricInputs): MetricNumber {
  const { a, d } = plainConfusion(inputs);
  const accuracy = (c: Confusion) => divide(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn);
  return rateDifference(accuracy(a), accuracy(d), 0);
}

/**
 * Treatment Equality τ_d − τ_a, τ = FN / FP.
 *
 * @example
 * ```ts
 * treatmentEquality({ facet: [false, false, true, true], positiveLabel: [true, false, true, false],
 *   positivePredictedLabel: [false, true, false, true] }); // 1/1 - 1/1 = 0
 * ```
 */
export function treatmentEquality(inputs: MetricInputs): MetricNumber {
  const { a, d } = plainConfusion(inputs);
  return rateDifference(divide(d.fn, d.fp), divide(a.fn, a.fp), 0);
}

/**
 * Conditional Demographic Disparity in Predicted Labels.
 *
 * @example
 * ```ts
 * conditionalDemographicDisparityInPredictedLabels({ facet: [true, false], positivePredictedLabel: [false, true], groupVariable: [1, 1] }); // 1
 * ```
 */
export function conditionalDemographicDisparityInPredictedLabels(inputs: MetricInputs): number {
  return conditionalDemographicDisparity(
    inputs.facet,
    need(inputs.positivePredictedLabel, 'positive_predicted_label_index'),
    inputs.groupVariable,
  );
}

/**
 * Generalized Entropy with α = 2 of the benefits b = ŷ − y + 1; independent of the facet.
 *
 * @example
 * ```ts
 * generalizedEntropy({ facet: [], positiveLabel: [true, false], positivePredictedLabel: [true, true] }); // 0.0555…
 * ```
 */
export function generalizedEntropy(inputs: MetricInputs): number {
  const label = need(inputs.positiveLabel, 'positive_label_index');
  const predicted = need(inputs.positivePredictedLabel, 'positive_predicted_label_index');
  const n = label.length;
  if (n === 0) throw new BiasMetricError('dataset must be non-empty');
  const benefit = label.map((y, i) => Number(predicted[i]) - Number(y) + 1);
  const mean = benefit.reduce((s, b) => s + b, 0) / n;
  if (mean === 0)
    throw new BiasMetricError(
      'All predicted labels are false negatives. There should be at least one prediction that is not false negative.',
    );
  let sum = 0;
  for (const b of benefit) sum += (b / mean) ** 2 - 1;
  return sum / (n * 2 * 1);
}
