import type { BinaryColumns } from './columns.ts';
import { confusionCounts } from './confusion-counts.ts';
import { fMeasure, ratio } from './f-measure.ts';
import { rankingMetrics } from './ranking.ts';

/** Counts of a binary confusion matrix. */
export interface BinaryConfusion {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

/** SageMaker's scalar binary-classification metrics, in statistics.json order. */
export interface BinaryMetricValues {
  recall: number;
  precision: number;
  accuracy: number;
  recall_best_constant_classifier: number;
  precision_best_constant_classifier: number;
  accuracy_best_constant_classifier: number;
  true_positive_rate: number;
  true_negative_rate: number;
  false_positive_rate: number;
  false_negative_rate: number;
  auc: number;
  au_prc: number;
  f0_5: number;
  f1: number;
  f2: number;
  f0_5_best_constant_classifier: number;
  f1_best_constant_classifier: number;
  f2_best_constant_classifier: number;
}

/**
 * The confusion counts over all rows or over the `subset` of row indexes.
 *
 * @example
 * ```ts
 * binaryConfusion({ labels: Uint8Array.of(1, 0), predictions: Uint8Array.of(1, 1), … });
 * // { truePositives: 1, falsePositives: 1, trueNegatives: 0, falseNegatives: 0 }
 * ```
 */
export function binaryConfusion(columns: BinaryColumns, subset?: Uint32Array): BinaryConfusion {
  // Cells label * 2 + prediction: (0, 0), (0, 1), (1, 0), (1, 1).
  const counts = confusionCounts(columns.labels, columns.predictions, 2, subset);
  const [tn, fp, fn, tp] = Array.from(counts) as [number, number, number, number];
  return { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn };
}

/**
 * Every scalar binary metric from confusion counts and the ranking metrics. The best constant
 * classifier always predicts the positive class, as SageMaker's documented example shows
 * (recall 1, precision and accuracy equal to the positive share). The true negative and false
 * negative rates are `1 − FPR` and `1 − TPR`, as SageMaker's example (0.33333333333333337) shows.
 *
 * @example
 * ```ts
 * binaryMetricValues({ truePositives: 1, falsePositives: 2, trueNegatives: 1, falseNegatives: 0 }, { auc: 1, auPrc: 1 });
 * // recall 1, precision 0.333…, accuracy 0.5, f1 0.5, f1_best_constant_classifier 0.4 …
 * ```
 */
export function binaryMetricValues(
  confusion: BinaryConfusion,
  ranking: { auc: number; auPrc: number },
): BinaryMetricValues {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = confusion;
  const n = tp + fp + tn + fn;
  const positives = tp + fn;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, positives);
  const falsePositiveRate = ratio(fp, fp + tn);
  const positiveShare = ratio(positives, n);
  const constantRecall = positives > 0 ? 1 : 0;
  return {
    recall,
    precision,
    accuracy: ratio(tp + tn, n),
    recall_best_constant_classifier: constantRecall,
    precision_best_constant_classifier: positiveShare,
    accuracy_best_constant_classifier: positiveShare,
    true_positive_rate: recall,
    true_negative_rate: 1 - falsePositiveRate,
    false_positive_rate: falsePositiveRate,
    false_negative_rate: 1 - recall,
    auc: ranking.auc,
    au_prc: ranking.auPrc,
    f0_5: fMeasure(precision, recall, 0.5),
    f1: fMeasure(precision, recall, 1),
    f2: fMeasure(precision, recall, 2),
    f0_5_best_constant_classifier: fMeasure(positiveShare, constantRecall, 0.5),
    f1_best_constant_classifier: fMeasure(positiveShare, constantRecall, 1),
    f2_best_constant_classifier: fMeasure(positiveShare, constantRecall, 2),
  };
}

/**
 * All binary metrics of `columns` (or of a subset, given its index list and membership mask),
 * with `order` from `scoreOrder(columns.scores)`.
 *
 * @example
 * ```ts
 * binaryMetrics(columns, scoreOrder(columns.scores)).f1;
 * ```
 */
export function binaryMetrics(
  columns: BinaryColumns,
  order: Uint32Array,
  subset?: { indexes: Uint32Array; member: Uint8Array },
): BinaryMetricValues {
  return binaryMetricValues(
    binaryConfusion(columns, subset?.indexes),
    rankingMetrics(columns.scores, columns.labels, order, subset?.member),
  );
}
