import type { RegressionColumns } from './columns.ts';

/** SageMaker's regression metrics. */
export interface RegressionMetricValues {
  mae: number;
  mse: number;
  rmse: number;
  r2: number;
}

/**
 * Mean absolute error, mean squared error, its root, and r2, over all rows or over the `subset`
 * of row indexes.
 *
 * r2 is SageMaker's, which is not scikit-learn's `r2_score(label, prediction)`: SageMaker's
 * analyzer hands Spark's RegressionMetrics the pairs in (label, prediction) order where Spark
 * expects (prediction, observation), so the total sum of squares is taken over the
 * **predictions**: `r2 = 1 − Σ(y − ŷ)² / Σ(ŷ − mean ŷ)²` (= scikit-learn's
 * `r2_score(prediction, label)`). The real statistics.json of the mq-regression fixture proves
 * it: −3.208758170289026 with this formula, −0.335 with the textbook one.
 *
 * @example
 * ```ts
 * regressionMetrics({ labels: Float64Array.of(1, 2, 4), predictions: Float64Array.of(1, 2, 3), skipped: {} });
 * // { mae: 1/3, mse: 1/3, rmse: 0.577…, r2: 0.5 }
 * ```
 */
export function regressionMetrics(columns: RegressionColumns, subset?: Uint32Array): RegressionMetricValues {
  const { labels, predictions } = columns;
  const n = subset ? subset.length : labels.length;
  let predictionSum = 0;
  for (let k = 0; k < n; k++) predictionSum += predictions[subset ? (subset[k] as number) : k] as number;
  const predictionMean = predictionSum / n;
  let absolute = 0;
  let squared = 0;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const i = subset ? (subset[k] as number) : k;
    const prediction = predictions[i] as number;
    const error = (labels[i] as number) - prediction;
    absolute += Math.abs(error);
    squared += error * error;
    total += (prediction - predictionMean) * (prediction - predictionMean);
  }
  const mse = squared / n;
  return { mae: absolute / n, mse, rmse: Math.sqrt(mse), r2: 1 - squared / total };
}
