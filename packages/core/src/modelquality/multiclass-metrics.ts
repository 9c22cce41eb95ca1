import type { MulticlassColumns } from './columns.ts';
import { confusionCounts } from './confusion-counts.ts';
import { fMeasure, ratio } from './f-measure.ts';

/** SageMaker's multiclass metrics, in statistics.json order. */
export interface MulticlassMetricValues {
  accuracy: number;
  weighted_recall: number;
  weighted_precision: number;
  weighted_f0_5: number;
  weighted_f1: number;
  weighted_f2: number;
  accuracy_best_constant_classifier: number;
  weighted_recall_best_constant_classifier: number;
  weighted_precision_best_constant_classifier: number;
  weighted_f0_5_best_constant_classifier: number;
  weighted_f1_best_constant_classifier: number;
  weighted_f2_best_constant_classifier: number;
}

/**
 * The confusion matrix, `counts[actual][predicted]` over class indexes, of all rows or a subset.
 *
 * @example
 * ```ts
 * multiclassConfusion({ labels: Int32Array.of(0, 1), predictions: Int32Array.of(1, 1), classes: ['a', 'b'], skipped: {} });
 * // [[0, 1], [0, 1]]
 * ```
 */
export function multiclassConfusion(columns: MulticlassColumns, subset?: Uint32Array): number[][] {
  const k = columns.classes.length;
  const flat = confusionCounts(columns.labels, columns.predictions, k, subset);
  return Array.from({ length: k }, (_, a) => Array.from(flat.subarray(a * k, a * k + k)));
}

/**
 * Accuracy and support-weighted precision, recall and F-scores (scikit-learn's
 * `average='weighted'`, Spark's weighted metrics; a class never predicted has precision 0), and
 * the same for the constant classifier. SageMaker's documented example is reproduced by a
 * constant classifier that predicts the greatest label class (in `classes` order) — the positive
 * class of a 0/1 problem — so that is the one used; its weighted precision is `p²` for the
 * class's share `p`.
 *
 * @example
 * ```ts
 * multiclassMetricValues([[2, 1], [0, 1]]).accuracy; // 0.75
 * ```
 */
export function multiclassMetricValues(confusion: number[][]): MulticlassMetricValues {
  const k = confusion.length;
  const support = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const predicted = Array.from({ length: k }, (_, c) =>
    confusion.reduce((a, row) => a + (row[c] as number), 0),
  );
  const n = support.reduce((a, b) => a + b, 0);
  let correct = 0;
  const weighted = { recall: 0, precision: 0, f0_5: 0, f1: 0, f2: 0 };
  for (let c = 0; c < k; c++) {
    const tp = confusion[c]?.[c] as number;
    correct += tp;
    const w = ratio(support[c] as number, n);
    const precision = ratio(tp, predicted[c] as number);
    const recall = ratio(tp, support[c] as number);
    weighted.recall += w * recall;
    weighted.precision += w * precision;
    weighted.f0_5 += w * fMeasure(precision, recall, 0.5);
    weighted.f1 += w * fMeasure(precision, recall, 1);
    weighted.f2 += w * fMeasure(precision, recall, 2);
  }
  let constantClass = -1;
  for (let c = 0; c < k; c++) if ((support[c] as number) > 0) constantClass = c;
  const share = constantClass < 0 ? 0 : ratio(support[constantClass] as number, n);
  const constantRecall = share > 0 ? 1 : 0;
  return {
    accuracy: ratio(correct, n),
    weighted_recall: weighted.recall,
    weighted_precision: weighted.precision,
    weighted_f0_5: weighted.f0_5,
    weighted_f1: weighted.f1,
    weighted_f2: weighted.f2,
    accuracy_best_constant_classifier: share,
    weighted_recall_best_constant_classifier: share,
    weighted_precision_best_constant_classifier: share * share,
    weighted_f0_5_best_constant_classifier: share * fMeasure(share, constantRecall, 0.5),
    weighted_f1_best_constant_classifier: share * fMeasure(share, constantRecall, 1),
    weighted_f2_best_constant_classifier: share * fMeasure(share, constantRecall, 2),
  };
}
