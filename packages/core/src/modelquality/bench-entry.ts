import type { CaptureRecord } from '../capture/types.ts';
import type { GroundTruthLabel } from '../groundtruth/types.ts';
import { type MergeReport, mergeWithLabels, type PredictionAttributes } from '../merge/join.ts';
import type { ProblemType } from './problem-type.ts';
import { computeModelQualityStatistics, type ModelQualityStatistics } from './statistics.ts';

/**
 * Merge plus metrics in one call, for the benchmark (1,000,000 joined rows) and for callers that
 * hold records and labels in memory.
 *
 * @example
 * ```ts
 * const { statistics, merge } = mergeAndMeasure(records, labels, 'BinaryClassification', { probabilityAttribute: '0' });
 * ```
 */
export function mergeAndMeasure(
  records: readonly CaptureRecord[],
  labels: readonly GroundTruthLabel[],
  problemType: ProblemType,
  attributes: PredictionAttributes = {},
): { statistics: ModelQualityStatistics; merge: MergeReport } {
  const merged = mergeWithLabels(records, labels, attributes);
  const { statistics } = computeModelQualityStatistics(merged.rows, {
    problemType,
    probabilityThreshold: attributes.probabilityThreshold,
  });
  return { statistics, merge: merged.report };
}
