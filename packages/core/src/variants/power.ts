import { normalQuantile } from './distributions.ts';

/** The significance and power a sample size is planned for. */
export interface PowerTarget {
  alpha: number;
  /** 1 − β; the usual 0.8. */
  power: number;
}

/**
 * Per-variant sample size for a two-sided two-proportion test to detect rates p₁ vs p₂, with
 * Cohen's effect size h = 2·asin√p₂ − 2·asin√p₁ (statsmodels' `proportion_effectsize` and
 * `NormalIndPower.solve_power`, ratio 1): n = 2·((z₁₋α/₂ + z_power) / h)², rounded up.
 * Infinity when h = 0.
 *
 * @example
 * ```ts
 * proportionSampleSize(0.8, 0.82, { alpha: 0.05, power: 0.8 }); // 6036
 * ```
 */
export function proportionSampleSize(p1: number, p2: number, target: PowerTarget): number {
  const h = 2 * Math.asin(Math.sqrt(clamp01(p2))) - 2 * Math.asin(Math.sqrt(clamp01(p1)));
  if (h === 0) return Number.POSITIVE_INFINITY;
  const z = normalQuantile(1 - target.alpha / 2) + normalQuantile(target.power);
  return Math.ceil(2 * (z / h) ** 2);
}

/**
 * Per-variant sample size for a two-sided two-sample t-test to detect a difference of means
 * `delta` with standard deviations s₁, s₂: Cohen's d = δ / √((s₁² + s₂²)/2), then the normal
 * formula with Guenther's (1981) correction for the t distribution,
 * n = 2·((z₁₋α/₂ + z_power) / d)² + z₁₋α/₂² / 4, rounded up — within one of statsmodels'
 * `TTestIndPower.solve_power` (noncentral t) for n ≥ 10.
 *
 * @example
 * ```ts
 * meanSampleSize(0.1, 1, 1, { alpha: 0.05, power: 0.8 }); // 1571
 * ```
 */
export function meanSampleSize(delta: number, sd1: number, sd2: number, target: PowerTarget): number {
  const d = Math.abs(delta) / Math.sqrt((sd1 ** 2 + sd2 ** 2) / 2);
  if (!(d > 0) || !Number.isFinite(d)) return Number.POSITIVE_INFINITY;
  const za = normalQuantile(1 - target.alpha / 2);
  const z = za + normalQuantile(target.power);
  return Math.ceil(2 * (z / d) ** 2 + za ** 2 / 4);
}

/**
 * Per-variant sample size from a z test's observed standard error, for tests whose standard error
 * shrinks as 1/√n (DeLong's AUC test): the size at which δ / se reaches z₁₋α/₂ + z_power is
 * `n · ((z₁₋α/₂ + z_power) · se / δ)²`, with `n` the larger of the variants' current sizes.
 *
 * @example
 * ```ts
 * scaledSampleSize(0.02, 0.015, 1000, { alpha: 0.05, power: 0.8 }); // 4416
 * ```
 */
export function scaledSampleSize(
  delta: number,
  standardError: number,
  n: number,
  target: PowerTarget,
): number {
  if (!(Math.abs(delta) > 0) || !Number.isFinite(standardError)) return Number.POSITIVE_INFINITY;
  const z = normalQuantile(1 - target.alpha / 2) + normalQuantile(target.power);
  return Math.ceil(n * ((z * standardError) / delta) ** 2);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
