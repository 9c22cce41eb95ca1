import type { WeightedSample } from './weighted-sample.ts';

/** The two kinds of feature a drift method can compare. */
export type DriftFeatureType = 'numerical' | 'categorical';

/** A numerical feature's baseline and window distributions. */
export interface NumericalDriftInput {
  type: 'numerical';
  reference: WeightedSample;
  current: WeightedSample;
  /** The reference's population standard deviation (statistics.json's std_dev). */
  referenceStd: number;
}

/** A categorical feature's baseline and window counts per category. */
export interface CategoricalDriftInput {
  type: 'categorical';
  reference: ReadonlyMap<string, number>;
  current: ReadonlyMap<string, number>;
}

export type DriftInput = NumericalDriftInput | CategoricalDriftInput;

/** What a method computed, or why it could not. */
export type DriftOutcome =
  | {
      value: number;
      /** The effect size a p-value method also checks (the KS statistic D). */
      effect?: number;
    }
  | { notComputed: string };

/**
 * A drift method as the registry lists it. Adding a method is one file exporting one of these
 * (built by `distanceMethod` or `pValueMethod`, method-kinds.ts) and one line in registry.ts.
 */
export interface DriftMethod {
  /** The name used in vigil.config.json, on the CLI and in drift_report.json. */
  name: string;
  /** One line for --help and the README. */
  summary: string;
  types: readonly DriftFeatureType[];
  defaultThreshold: number;
  /** A distance drifts above its threshold, a p-value below it. */
  driftWhen: 'above' | 'below';
  /**
   * A distance that does not account for sample size: its verdict also needs the sampling-noise
   * guard (see noise-guard.ts), so that a small window's noise cannot flag.
   */
  guarded: boolean;
  compute(input: DriftInput): DriftOutcome;
  /** The verdict when it is more than value against threshold (KS's effect-size floor). */
  decide?(outcome: { value: number; effect?: number }, threshold: number): boolean;
}

/**
 * The verdict of a method on a computed value: its own `decide`, else the threshold crossed in
 * the method's direction (a value equal to the threshold drifts for distances, as Evidently's).
 *
 * @example
 * ```ts
 * crossesThreshold(wasserstein, { value: 0.2 }, 0.1); // true
 * ```
 */
export function crossesThreshold(
  method: DriftMethod,
  outcome: { value: number; effect?: number },
  threshold: number,
): boolean {
  if (method.decide) return method.decide(outcome, threshold);
  return method.driftWhen === 'above' ? outcome.value >= threshold : outcome.value < threshold;
}

/**
 * The "not computed" outcome of a method asked about a type it does not apply to.
 *
 * @example
 * ```ts
 * wrongType('psi', 'categorical'); // { notComputed: 'psi applies to numerical features only' }
 * ```
 */
export function wrongType(name: string, type: DriftFeatureType): { notComputed: string } {
  const other = type === 'numerical' ? 'categorical' : 'numerical';
  return { notComputed: `${name} applies to ${other} features only` };
}
