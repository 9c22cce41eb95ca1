import type { ColumnProfile } from '../../profile/column-profile.ts';
import type { Profile } from '../../profile/profile.ts';
import { sharedSketchOf } from '../../profile/shared-sketch.ts';
import { isNumericType } from '../../profile/value-type.ts';
import type { FeatureStatistics } from '../baseline-files.ts';
import { totalCount } from '../category-counts.ts';
import type { DataQualityBaseline } from '../checks.ts';
import { crossesThreshold, type DriftFeatureType, type DriftInput, type DriftOutcome } from './method.ts';
import { noiseGuardLevel, noisePValue } from './noise-guard.ts';
import { DRIFT_METHODS } from './registry.ts';
import { type DriftSettings, resolveDriftChoice } from './settings.ts';
import { sampleFromSketch, sampleMoments } from './weighted-sample.ts';

/** One feature's entry in drift_report.json. */
export interface FeatureDriftVerdict {
  type: DriftFeatureType;
  method: string;
  /** The chosen method's value; null when not computed. */
  value: number | null;
  threshold: number;
  drift: boolean;
  /** Baseline and window sizes (sketch weights, or category counts). */
  n?: number;
  m?: number;
  /** The sampling-noise guard's p-value: KS (numerical) or chi-squared homogeneity (categorical). */
  noise_p_value?: number;
  /** The KS statistic D, when the method is ks. */
  effect?: number;
  /** Every applicable method's value at once, for comparison. */
  values?: Record<string, number>;
  /**
   * Notes on the verdict: the value crossed the threshold and still is not drift (the sampling-noise
   * guard), or a column that a few texts made String was judged on its numbers.
   */
  note?: string;
  /** Why no value was computed. */
  not_computed?: string;
}

/** drift_report.json: Vigil's own drift verdicts for one window. */
export interface DriftReport {
  features: Record<string, FeatureDriftVerdict>;
  /** Names of the drifted features, in baseline order. */
  drifted_features: string[];
}

type InputOrReason = { input: DriftInput; note?: string } | { type: DriftFeatureType; notComputed: string };

function driftInput(stats: FeatureStatistics | undefined, column: ColumnProfile): InputOrReason {
  const sketch = stats?.numerical_statistics?.distribution?.kll?.sketch;
  if (sketch && Array.isArray(sketch.data)) {
    const numbers = column.fractional + column.integral;
    const texts = column.string + column.boolean;
    // A few stray texts make SageMaker's type String; the numbers among them still show drift.
    const mostlyNumbers = !isNumericType(column.inferredType) && numbers > texts;
    if (!isNumericType(column.inferredType) && !mostlyNumbers)
      return {
        type: 'numerical',
        notComputed: `the window's values are ${column.inferredType}, not numbers`,
      };
    const reference = sampleFromSketch(sharedSketchOf(sketch));
    const current = sampleFromSketch(column.kll);
    if (reference.total === 0) return { type: 'numerical', notComputed: 'the baseline sketch is empty' };
    if (current.total === 0) return { type: 'numerical', notComputed: 'no numeric values in the window' };
    const std = stats?.numerical_statistics?.std_dev;
    const referenceStd = typeof std === 'number' && Number.isFinite(std) ? std : sampleMoments(reference).std;
    const input: DriftInput = { type: 'numerical', reference, current, referenceStd };
    if (!mostlyNumbers) return { input };
    return {
      input,
      note: `judged on the window's ${numbers} numbers; its ${texts} texts (see vigil_notes.json) are left out`,
    };
  }
  const buckets = stats?.string_statistics?.distribution?.categorical?.buckets;
  if (buckets && buckets.length > 0) {
    if (!column.frequencies)
      return { type: 'categorical', notComputed: 'the window has more than 120 distinct values' };
    if (column.present === 0) return { type: 'categorical', notComputed: 'no values in the window' };
    const reference = new Map<string, number>();
    for (const b of buckets) reference.set(String(b.value), (reference.get(String(b.value)) ?? 0) + b.count);
    return { input: { type: 'categorical', reference, current: column.frequencies } };
  }
  const numeric = stats?.inferred_type === 'Integral' || stats?.inferred_type === 'Fractional';
  return {
    type: numeric ? 'numerical' : 'categorical',
    notComputed: stats
      ? 'the baseline statistics.json has no distribution for it (no KLL sketch or categorical buckets)'
      : 'the baseline has no statistics.json entry for it',
  };
}

function sizes(input: DriftInput): { n: number; m: number } {
  if (input.type === 'numerical') return { n: input.reference.total, m: input.current.total };
  return { n: totalCount(input.reference), m: totalCount(input.current) };
}

/**
 * Vigil's drift verdict per baseline feature present in the window, computed from the window's
 * profile (KLL sketches, category frequencies) and the baseline's statistics.json (its KLL
 * sketches, std_dev and categorical buckets): the chosen method's value against its threshold,
 * a distance also held back by the sampling-noise guard (noise-guard.ts, Bonferroni over the
 * features judged), and every applicable method's value.
 * Features that cannot be judged say why in `not_computed`.
 *
 * @example
 * ```ts
 * const report = evaluateDrift(profile, baseline, evaluation.names, {});
 * report.drifted_features; // ['f0', 'f1', 'f2', 'f4']
 * ```
 */
export function evaluateDrift(
  profile: Profile,
  baseline: DataQualityBaseline,
  names: readonly string[],
  settings: DriftSettings,
): DriftReport {
  const statsByName = new Map((baseline.statistics?.features ?? []).map((f) => [f.name, f]));
  const order = (baseline.constraints?.features ?? baseline.statistics?.features ?? []).map((f) => f.name);
  const columns = new Map(profile.columns.map((c, i) => [names[i] ?? c.name, c]));
  const inputs = new Map<string, InputOrReason>();
  for (const name of order) {
    const column = columns.get(name);
    if (column && !inputs.has(name)) inputs.set(name, driftInput(statsByName.get(name), column));
  }
  const level = noiseGuardLevel([...inputs.values()].filter((p) => 'input' in p).length);
  const features: Record<string, FeatureDriftVerdict> = {};
  const drifted: string[] = [];
  for (const [name, prepared] of inputs) {
    const type = 'input' in prepared ? prepared.input.type : prepared.type;
    const choice = resolveDriftChoice(settings, name, type);
    const methodName = 'method' in choice ? choice.method.name : choice.methodName;
    const skipped = (reason: string): FeatureDriftVerdict => ({
      type,
      method: methodName,
      value: null,
      threshold: choice.threshold,
      drift: false,
      not_computed: reason,
    });
    if (!('input' in prepared)) {
      features[name] = skipped(prepared.notComputed);
      continue;
    }
    const { input } = prepared;
    const values: Record<string, number> = {};
    // Every applicable method once; the chosen one's outcome is reused for the verdict below.
    const outcomes = new Map<string, DriftOutcome>();
    for (const method of DRIFT_METHODS) {
      if (!method.types.includes(type)) continue;
      const outcome = method.compute(input);
      outcomes.set(method.name, outcome);
      if ('value' in outcome && Number.isFinite(outcome.value)) values[method.name] = outcome.value;
    }
    if ('notComputed' in choice) {
      features[name] = { ...skipped(choice.notComputed), ...sizes(input), values };
      continue;
    }
    const { method, threshold } = choice;
    const outcome = outcomes.get(method.name) ?? method.compute(input);
    if ('notComputed' in outcome || !Number.isFinite(outcome.value)) {
      const reason = 'notComputed' in outcome ? outcome.notComputed : `${method.name} gave no finite value`;
      features[name] = { ...skipped(reason), ...sizes(input), values };
      continue;
    }
    const crossed = crossesThreshold(method, outcome, threshold);
    const noise = noisePValue(input);
    const held = crossed && method.guarded && !(noise < level);
    const verdict: FeatureDriftVerdict = {
      type,
      method: method.name,
      value: outcome.value,
      threshold,
      drift: crossed && !held,
      ...sizes(input),
      ...(Number.isFinite(noise) ? { noise_p_value: noise } : {}),
      ...(outcome.effect !== undefined ? { effect: outcome.effect } : {}),
      values,
    };
    const notes = [
      ...(prepared.note ? [prepared.note] : []),
      ...(held
        ? [
            `${method.name} crossed ${threshold} but the difference is within sampling noise (p ≥ ${level.toPrecision(2)})`,
          ]
        : []),
    ];
    if (notes.length) verdict.note = notes.join('; ');
    features[name] = verdict;
    if (verdict.drift) drifted.push(name);
  }
  return { features, drifted_features: drifted };
}
