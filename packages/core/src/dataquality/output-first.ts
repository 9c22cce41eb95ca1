import { meanOf } from '../profile/moments.ts';
import type { Profile } from '../profile/profile.ts';
import { sharedSketchOf } from '../profile/shared-sketch.ts';
import { type InferredType, isNumericType } from '../profile/value-type.ts';
import type { FeatureStatistics } from './baseline-files.ts';
import type { DataQualityBaseline } from './checks.ts';
import { numericalDistance } from './distance.ts';
import { commonWidth } from './ragged-rows.ts';

/** Share of baseline features that must line up with the shifted capture columns. */
const MIN_SHIFTED_FIT = 0.8;

interface BaselineFeature {
  name: string;
  type: string | undefined;
  stats: FeatureStatistics | undefined;
}

function baselineFeatures(baseline: DataQualityBaseline): BaselineFeature[] {
  const stats = new Map((baseline.statistics?.features ?? []).map((f) => [f.name, f]));
  const features = baseline.constraints?.features ?? baseline.statistics?.features ?? [];
  return features.map((f) => ({ name: f.name, type: f.inferred_type, stats: stats.get(f.name) }));
}

/** Whether window column `column` looks like baseline feature `feature`: its type, and its range. */
function fits(feature: BaselineFeature, profile: Profile, column: number): boolean {
  const current = profile.columns[column];
  if (!current || current.present === 0 || feature.type === undefined) return false;
  const type = current.inferredType;
  const numeric = isNumericType(type);
  if (numeric !== isNumericType(feature.type as InferredType)) return false;
  if (!numeric) return type === feature.type;
  const range = feature.stats?.numerical_statistics;
  if (range?.min === undefined || range.max === undefined) return true;
  const mean = meanOf(current.moments);
  return mean >= range.min && mean <= range.max;
}

function fitCount(features: readonly BaselineFeature[], profile: Profile, shift: number): number {
  let n = 0;
  features.forEach((feature, j) => {
    if (fits(feature, profile, j + shift)) n++;
  });
  return n;
}

/**
 * The summed L∞ distance between each numerical baseline feature's sketch and the window column
 * it would be read from with `shift`; features that cannot be compared add nothing.
 */
function distanceSum(features: readonly BaselineFeature[], profile: Profile, shift: number): number {
  let sum = 0;
  features.forEach((feature, j) => {
    const sketch = feature.stats?.numerical_statistics?.distribution?.kll?.sketch;
    const column = profile.columns[j + shift];
    if (!sketch || !Array.isArray(sketch.data) || !column || column.moments.count === 0) return;
    const distance = numericalDistance(sharedSketchOf(sketch), column.kll, 'Simple').value;
    if (!Number.isNaN(distance)) sum += distance;
  });
  return sum;
}

/**
 * Whether the shifted reading lines up better than the unshifted one: more features fit by type
 * and range, or, when as many fit (numbers of similar ranges fit either way), the distributions
 * are clearly closer (less than half the summed L∞ distance).
 */
function shiftedFitsBetter(features: readonly BaselineFeature[], profile: Profile, extra: number): boolean {
  const shifted = fitCount(features, profile, extra);
  if (shifted < MIN_SHIFTED_FIT * features.length) return false;
  const unshifted = fitCount(features, profile, 0);
  if (shifted !== unshifted) return shifted > unshifted;
  return distanceSum(features, profile, extra) < 0.5 * distanceSum(features, profile, 0);
}

/**
 * Recognises a features-only baseline checked against capture whose rows begin with the
 * endpoint's output columns (SageMaker puts them first): the rows have k columns more than the
 * baseline, and the columns line up with the baseline's features (type and range, then their
 * distributions) once the first k are skipped, clearly better than unshifted. Returns the hint naming the cause and the fixes,
 * or undefined.
 *
 * @example
 * ```ts
 * outputFirstHint(windowProfile, { statistics, constraints });
 * // 'The capture rows have 5 columns, 1 more than the baseline's 4 features, …'
 * ```
 */
export function outputFirstHint(profile: Profile, baseline: DataQualityBaseline): string | undefined {
  const features = baselineFeatures(baseline);
  const width = commonWidth(profile.rowWidths) ?? profile.columns.length;
  const extra = width - features.length;
  if (features.length === 0 || extra < 1) return undefined;
  if (!shiftedFitsBetter(features, profile, extra)) return undefined;
  const columns = extra === 1 ? 'column' : `${extra} columns`;
  return (
    `The capture rows have ${width} columns, ${extra} more than the baseline's ${features.length} features, ` +
    `and they line up with the baseline once the first ${columns} ${extra === 1 ? 'is' : 'are'} skipped: ` +
    "SageMaker puts the endpoint's output (prediction) columns first, and this baseline has none. " +
    'Fix: baseline a dataset with the prediction column first, or profile the capture without its output ' +
    'columns (vigil monitor data-quality --output-columns NONE; in vigil.config.json, ' +
    'monitors.dataQuality.outputColumns "NONE")'
  );
}
