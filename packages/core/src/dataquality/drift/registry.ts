import { chiSquared } from './chi-squared.ts';
import { jensenShannon } from './jensen-shannon.ts';
import { kolmogorovSmirnov } from './kolmogorov-smirnov.ts';
import { lInfinity } from './linf.ts';
import { lInfinitySimple } from './linf-simple.ts';
import type { DriftFeatureType, DriftMethod } from './method.ts';
import { psi } from './psi.ts';
import { wasserstein } from './wasserstein.ts';

/** Every drift method Vigil knows, one line each. */
export const DRIFT_METHODS: readonly DriftMethod[] = [
  wasserstein,
  jensenShannon,
  psi,
  kolmogorovSmirnov,
  lInfinity,
  lInfinitySimple,
  chiSquared,
];

/** The registered method names, for validation and help. */
export const DRIFT_METHOD_NAMES: readonly string[] = DRIFT_METHODS.map((m) => m.name);

/**
 * The default method per feature type: Wasserstein normed by the reference standard deviation
 * for numbers and Jensen–Shannon for categories, both at 0.1, as Evidently chooses for
 * references of more than 1,000 rows (README, "Drift methods", says why).
 */
export const DEFAULT_DRIFT_METHOD: Readonly<Record<DriftFeatureType, string>> = {
  numerical: wasserstein.name,
  categorical: jensenShannon.name,
};

/**
 * The registered method of that name, or undefined.
 *
 * @example
 * ```ts
 * driftMethod('psi')?.defaultThreshold; // 0.1
 * ```
 */
export function driftMethod(name: string): DriftMethod | undefined {
  return DRIFT_METHODS.find((m) => m.name === name);
}
