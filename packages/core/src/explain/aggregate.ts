/** Clarify's `agg_method`: how local SHAP values become one global value per feature. */
export type AggregationMethod = 'mean_abs' | 'median' | 'mean_sq';

/**
 * Aggregates the local values of one feature across instances: mean of |φ| (`mean_abs`, the
 * default), mean of φ² without a square root (`mean_sq`), or the signed median (`median`).
 *
 * @example
 * ```ts
 * aggregateShap([-1, 2, 3], 'mean_abs'); // 2
 * aggregateShap([-1, 2, 3], 'median'); // 2
 * ```
 */
export function aggregateShap(values: readonly number[], method: AggregationMethod): number {
  if (values.length === 0) return Number.NaN;
  switch (method) {
    case 'mean_abs':
      return values.reduce((s, v) => s + Math.abs(v), 0) / values.length;
    case 'mean_sq':
      return values.reduce((s, v) => s + v * v, 0) / values.length;
    case 'median': {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
  }
}
