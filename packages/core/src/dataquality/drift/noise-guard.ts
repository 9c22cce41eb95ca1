import { homogeneityTest } from './contingency.ts';
import { ksPValue, ksStatistic } from './kolmogorov.ts';
import type { DriftInput } from './method.ts';

/**
 * Significance a distance's difference must also reach before it counts as drift, for the run as
 * a whole: the α of Deequ's Robust correction (its 1.8 critical value), about 0.003, split over
 * the features judged (Bonferroni), so that a run of many features on a small window still has
 * about a 0.3 % chance of any false alarm. A large window passes whenever the distance is material.
 */
export const NOISE_GUARD_ALPHA = 0.003;

/**
 * The per-feature significance level of the guard when `features` features are judged.
 *
 * @example
 * ```ts
 * noiseGuardLevel(20); // 0.00015
 * ```
 */
export function noiseGuardLevel(features: number): number {
  return NOISE_GUARD_ALPHA / Math.max(1, features);
}

/**
 * The p-value the sampling-noise guard judges by: two-sample KS for numbers, chi-squared
 * homogeneity for categories (NaN when it cannot be computed).
 *
 * @example
 * ```ts
 * noisePValue(input) < NOISE_GUARD_ALPHA; // the difference is not sampling noise
 * ```
 */
export function noisePValue(input: DriftInput): number {
  if (input.type === 'numerical') {
    const d = ksStatistic(input.reference, input.current);
    return ksPValue(d, input.reference.total, input.current.total);
  }
  return homogeneityTest(input.reference, input.current).pValue;
}
