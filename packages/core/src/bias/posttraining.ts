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

/** A rate of one facet's confusion matrix. */
type ConfusionRate = (c: Confusion) => number;

/** Observed positives / predicted positives. */
const acceptance: ConfusionRate = (c) => divide(c.tp + c.fn, c.tp + c.fp);
/** Observed negatives / predicted negatives. */
const rejection: ConfusionRate = (c) => divide(c.tn + c.fp, c.tn + c.fn);
const recall: ConfusionRate = (c) => divide(c.tp, c.tp + c.fn);
const specificity: ConfusionRate = (c) => divide(c.tn, c.tn + c.fp);
const precision: ConfusionRate = (c) => divide(c.tp, c.tp + c.fp);
const negativePredictiveValue: ConfusionRate = (c) => divide(c.tn, c.tn + c.fn);
const accuracy: ConfusionRate = (c) => divide(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn);
const falseNegativesPerFalsePositive: ConfusionRate = (c) => divide(c.fn, c.fp);

/**
 * The metric `rate(a) − rate(d)` (or `rate(d) − rate(a)`, as `order` says) of the facets'
 * confusion matrices, `zero` when both rates are infinite.
 */
function rateDifferenceMetric(
  confusionOf: (inputs: MetricInputs) => { a: Confusion; d: Confusion },
  rate: ConfusionRate,
  order: 'a - d' | 'd - a',
  zero: MetricNumber,
): (inputs: MetricInputs) => MetricNumber {
  return (inputs) => {
    const { a, d } = confusionOf(inputs);
    const [left, right] = order === 'a - d' ? [a, d] : [d, a];
    return rateDifference(rate(left), rate(right), zero);
  };
}

/**
 * Difference in Conditional Acceptance c_a − c_d, c = observed positives / predicted positives.
 *
 * @example
 * ```ts
 * // facet d has no predicted positive, so c_d = 1/0 = Infinity
 * differenceInConditionalAcceptance({ facet: [false, true], positiveLabel: [true, true], positivePredictedLabel: [true, false] }); // -Infinity
 * ```
 */
export const differenceInConditionalAcceptance = rateDifferenceMetric(
  conditionalOutcomes,
  acceptance,
  'a - d',
  0n,
);

/**
 * Difference in Conditional Rejection r_d − r_a, r = observed negatives / predicted negatives.
 *
 * @example
 * ```ts
 * // no negative prediction on either side: both rates infinite
 * differenceInConditionalRejection({ facet: [false, true], positiveLabel: [false, false], positivePredictedLabel: [true, true] }); // 0n
 * ```
 */
export const differenceInConditionalRejection = rateDifferenceMetric(
  conditionalOutcomes,
  rejection,
  'd - a',
  0n,
);

/**
 * Recall Difference rec_a − rec_d.
 *
 * @example
 * ```ts
 * recallDifference({ facet: [false, false, true, true], positiveLabel: [true, true, true, true],
 *   positivePredictedLabel: [true, true, true, false] }); // 1 - 0.5 = 0.5
 * ```
 */
export const recallDifference = rateDifferenceMetric(labelAccuracy, recall, 'a - d', 0n);

/**
 * Specificity Difference spec_d − spec_a.
 *
 * @example
 * ```ts
 * specificityDifference({ facet: [false, true], positiveLabel: [false, false], positivePredictedLabel: [true, false] }); // 1 - 0 = 1
 * ```
 */
export const specificityDifference = rateDifferenceMetric(labelAccuracy, specificity, 'd - a', 0n);

/**
 * Difference in Acceptance Rates (precision a − precision d).
 *
 * @example
 * ```ts
 * differenceInAcceptanceRates({ facet: [false, false, true], positiveLabel: [true, false, true],
 *   positivePredictedLabel: [true, true, true] }); // 0.5 - 1 = -0.5
 * ```
 */
export const differenceInAcceptanceRates = rateDifferenceMetric(labelRates, precision, 'a - d', 0n);

/**
 * Difference in Rejection Rates (negative predictive value d − a).
 *
 * @example
 * ```ts
 * differenceInRejectionRates({ facet: [false, true], positiveLabel: [true, false], positivePredictedLabel: [false, false] }); // 1 - 0 = 1
 * ```
 */
export const differenceInRejectionRates = rateDifferenceMetric(
  labelRates,
  negativePredictiveValue,
  'd - a',
  0n,
);

/**
 * Accuracy Difference acc_a − acc_d.
 *
 * @example
 * ```ts
 * accuracyDifference({ facet: [false, true], positiveLabel: [true, true], positivePredictedLabel: [true, false] }); // 1
 * ```
 */
export const accuracyDifference = rateDifferenceMetric(plainConfusion, accuracy, 'a - d', 0);

/**
 * Treatment Equality τ_d − τ_a, τ = FN / FP.
 *
 * @example
 * ```ts
 * treatmentEquality({ facet: [false, false, true, true], positiveLabel: [true, false, true, false],
 *   positivePredictedLabel: [false, true, false, true] }); // 1/1 - 1/1 = 0
 * ```
 */
export const treatmentEquality = rateDifferenceMetric(
  plainConfusion,
  falseNegativesPerFalsePositive,
  'd - a',
  0,
);

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
