import type { DifferenceTest } from './difference-test.ts';
import { studentTQuantile, studentTTwoSided } from './distributions.ts';

/** Mean, unbiased variance (ddof 1) and count of a sample. */
export interface SampleMoments {
  mean: number;
  variance: number;
  count: number;
}

/**
 * Mean and unbiased variance in one pass (Welford).
 *
 * @example
 * ```ts
 * sampleMoments([1, 2, 3]); // { mean: 2, variance: 1, count: 3 }
 * ```
 */
export function sampleMoments(values: ArrayLike<number>): SampleMoments {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  return { mean, variance: values.length > 1 ? m2 / (values.length - 1) : Number.NaN, count: values.length };
}

/**
 * Welch's unequal-variance t-test of challenger − champion means (scipy's
 * `ttest_ind(equal_var=False)`), with the interval `difference ± t(1 − α/2, ν)·se` at the
 * Welch–Satterthwaite degrees of freedom ν. Used on per-record errors: absolute errors for MAE,
 * squared errors for MSE (and so RMSE, whose ordering is the same).
 *
 * @example
 * ```ts
 * welchTest(sampleMoments(championErrors), sampleMoments(challengerErrors), 0.05).pValue;
 * ```
 */
export function welchTest(
  champion: SampleMoments,
  challenger: SampleMoments,
  alpha: number,
): DifferenceTest & {
  degreesOfFreedom: number;
} {
  const a = champion.variance / champion.count;
  const b = challenger.variance / challenger.count;
  const se = Math.sqrt(a + b);
  const difference = challenger.mean - champion.mean;
  const df = (a + b) ** 2 / (a ** 2 / (champion.count - 1) + b ** 2 / (challenger.count - 1));
  const valid = champion.count > 1 && challenger.count > 1;
  let pValue = Number.NaN;
  let interval: [number, number] = [Number.NaN, Number.NaN];
  if (valid && se > 0) {
    pValue = studentTTwoSided(difference / se, df);
    const t = studentTQuantile(1 - alpha / 2, df);
    interval = [difference - t * se, difference + t * se];
  } else if (valid) {
    pValue = difference === 0 ? 1 : 0;
    interval = [difference, difference];
  }
  return {
    test: 'welch-t',
    champion: champion.mean,
    challenger: challenger.mean,
    difference,
    standardError: se,
    confidenceInterval: interval,
    pValue,
    degreesOfFreedom: df,
  };
}
