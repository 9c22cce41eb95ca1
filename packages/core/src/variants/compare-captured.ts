import type { CaptureRecord } from '../capture/types.ts';
import type { GroundTruthLabel } from '../groundtruth/types.ts';
import { mergeWithLabels, type PredictionAttributes } from '../merge/join.ts';
import type { Calibration } from '../modelquality/calibration.ts';
import { estimateBinaryQuality } from '../modelquality/estimate.ts';
import type { ProblemType } from '../modelquality/problem-type.ts';
import {
  type ComparisonSettings,
  compareVariants,
  type VariantComparisonResult,
  type VariantRole,
  type VariantSample,
} from './compare.ts';
import { variantPredictions } from './predictions.ts';

/** The variants of an endpoint by role. */
export interface VariantRoles {
  champion: string;
  challengers: readonly string[];
  shadows: readonly string[];
}

/** Captured records of one variant. */
export interface CapturedVariant {
  name: string;
  records: readonly CaptureRecord[];
}

/** What the comparison of captured traffic needs besides the records. */
export interface CapturedComparisonOptions extends ComparisonSettings {
  problemType: ProblemType;
  attributes: PredictionAttributes;
  /** The baseline's calibration: with it, binary variants get CBPE estimates before labels. */
  calibration?: Calibration;
  seed?: number;
}

/**
 * Compares captured variants: each variant's predictions are read at the attributes, joined to
 * the labels (on inferenceId, else eventId, as the model-quality merge joins), estimated before
 * labels when a calibration is given, then `compareVariants`. A variant without records is
 * compared as empty (its verdict is inconclusive, saying so).
 *
 * @example
 * ```ts
 * const result = compareCapturedVariants(
 *   [{ name: 'A', records: a }, { name: 'B', records: b }], labels,
 *   { champion: 'A', challengers: ['B'], shadows: [] },
 *   { problemType: 'BinaryClassification', attributes: { probabilityAttribute: '0' }, significance: 0.05, minimumEffect: 0.01, power: 0.8 },
 * );
 * ```
 */
export function compareCapturedVariants(
  captured: readonly CapturedVariant[],
  labels: readonly GroundTruthLabel[],
  roles: VariantRoles,
  options: CapturedComparisonOptions,
): VariantComparisonResult & { merged: Record<string, { predictions: number; matched: number }> } {
  const byName = new Map(captured.map((c) => [c.name, c.records]));
  const ordered: [string, VariantRole][] = [
    [roles.champion, 'champion'],
    ...roles.challengers.map((n): [string, VariantRole] => [n, 'challenger']),
    ...roles.shadows.map((n): [string, VariantRole] => [n, 'shadow']),
  ];
  const merged: Record<string, { predictions: number; matched: number }> = {};
  const samples = ordered.map(([name, role]): VariantSample => {
    const records = byName.get(name) ?? [];
    const predictions = variantPredictions(records, options.attributes);
    const merge = mergeWithLabels(records, labels, options.attributes);
    merged[name] = { predictions: merge.report.predictions, matched: merge.report.matched };
    const sample: VariantSample = {
      name,
      role,
      predictions,
      labeled: merge.rows.map((r) => ({
        label: r.label,
        prediction: r.prediction,
        probability: r.probability,
      })),
    };
    if (options.calibration && options.problemType === 'BinaryClassification' && predictions.length > 0) {
      const estimate = estimateBinaryQuality(predictions, options.calibration, {
        probabilityThreshold: options.attributes.probabilityThreshold,
        seed: options.seed,
      });
      if (estimate.itemCount > 0) sample.estimate = estimate;
    }
    return sample;
  });
  return {
    ...compareVariants(options.problemType, samples, {
      ...options,
      probabilityThreshold: options.probabilityThreshold ?? options.attributes.probabilityThreshold,
    }),
    merged,
  };
}
