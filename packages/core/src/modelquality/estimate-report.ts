import { toJacksonJson } from '../json/jackson.ts';
import { ESTIMATED_METRICS, type QualityEstimate } from './estimate.ts';
import type { ModelQualityStatistics } from './statistics.ts';

/** The report file of the estimate, beside statistics.json in the report folder. */
export const ESTIMATE_FILE = 'estimated_quality.json';

/** One row of the estimate report: estimate, band, and the realized value once labels exist. */
export interface EstimateComparison {
  metric: string;
  estimate: number;
  lower: number;
  upper: number;
  realized?: number;
  withinBand?: boolean;
}

/**
 * Sets each estimate beside the realized value of the same window's labeled rows, when there
 * are any, and says whether the realized value fell inside the band.
 *
 * @example
 * ```ts
 * compareEstimate(estimate, realizedStatistics)[0];
 * // { metric: 'accuracy', estimate: 0.87, lower: 0.84, upper: 0.9, realized: 0.86, withinBand: true }
 * ```
 */
export function compareEstimate(
  estimate: QualityEstimate,
  realized?: ModelQualityStatistics,
): EstimateComparison[] {
  return ESTIMATED_METRICS.map((metric) => {
    const { estimate: value, lower, upper } = estimate.metrics[metric];
    const actual = realized?.metrics[metric]?.value;
    if (actual === undefined || !Number.isFinite(actual)) return { metric, estimate: value, lower, upper };
    return {
      metric,
      estimate: value,
      lower,
      upper,
      realized: actual,
      withinBand: actual >= lower && actual <= upper,
    };
  });
}

/**
 * estimated_quality.json: Vigil's own file (SageMaker has none), written in the same Jackson
 * style. `labeled_item_count` is the number of rows behind the realized values.
 *
 * @example
 * ```ts
 * estimateReportJson(estimate, compareEstimate(estimate, realized), realized?.itemCount ?? 0);
 * ```
 */
export function estimateReportJson(
  estimate: QualityEstimate,
  comparison: readonly EstimateComparison[],
  labeledItemCount: number,
): string {
  return toJacksonJson({
    version: 0,
    method: estimate.method,
    calibration: 'isotonic',
    item_count: BigInt(estimate.itemCount),
    labeled_item_count: BigInt(labeledItemCount),
    metrics: Object.fromEntries(
      comparison.map((row) => [
        row.metric,
        {
          estimated: row.estimate,
          standard_deviation:
            estimate.metrics[row.metric as keyof QualityEstimate['metrics']].standardDeviation,
          lower: row.lower,
          upper: row.upper,
          realized: row.realized,
          realized_within_band: row.withinBand,
        },
      ]),
    ),
  });
}
