import { categoricalDistance, robust } from '../distance.ts';
import { ksStatistic } from './kolmogorov.ts';
import type { DriftInput } from './method.ts';
import { distanceMethod } from './method-kinds.ts';

/**
 * SageMaker's L∞ distance (Deequ's): max |CDF difference| for numbers, max |share difference|
 * over categories, uncorrected.
 *
 * @example
 * ```ts
 * simpleLInfinity({ type: 'categorical', reference, current }); // 0 … 1
 * ```
 */
export function simpleLInfinity(input: DriftInput): { value: number; n: number; m: number } {
  if (input.type === 'numerical') {
    return {
      value: ksStatistic(input.reference, input.current),
      n: input.reference.total,
      m: input.current.total,
    };
  }
  const distance = categoricalDistance(input.reference, input.current, 'Simple');
  return { value: distance.simple, n: distance.n, m: distance.m };
}

/**
 * SageMaker's baseline_drift_check distance with its Robust correction (the default
 * comparison_method): L∞ minus 1.8 √((n + m)/(n m)), so small samples do not look drifted.
 * Flags only large moves at 0.1 (a 0.2σ shift gives L∞ ≈ 0.08).
 */
export const lInfinity = distanceMethod(['numerical', 'categorical'], {
  name: 'linf',
  summary: "SageMaker's L∞ distance, Robust (KS-corrected), as baseline_drift_check computes it",
  guarded: false,
  compute(input) {
    const { value, n, m } = simpleLInfinity(input);
    return { value: robust(value, n, m) };
  },
});
