import type { DifferenceTest } from './difference-test.ts';
import { normalCdf, normalQuantile } from './distributions.ts';

/** Successes out of trials: one variant's rate (accuracy: correct of all; recall: TP of positives). */
export interface Proportion {
  successes: number;
  trials: number;
}

/**
 * The two-proportion z-test of challenger − champion: the p-value uses the pooled rate under the
 * null (statsmodels' `proportions_ztest`), the interval the unpooled (Wald) standard error
 * (statsmodels' `confint_proportions_2indep(method='wald')`). NaN everywhere when a side has no trial.
 *
 * @example
 * ```ts
 * twoProportionTest({ successes: 410, trials: 500 }, { successes: 440, trials: 500 }, 0.05);
 * // difference 0.06, pValue ≈ 0.011, confidenceInterval ≈ [0.014, 0.106]
 * ```
 */
export function twoProportionTest(
  champion: Proportion,
  challenger: Proportion,
  alpha: number,
): DifferenceTest {
  const p1 = champion.successes / champion.trials;
  const p2 = challenger.successes / challenger.trials;
  const difference = p2 - p1;
  const pooled = (champion.successes + challenger.successes) / (champion.trials + challenger.trials);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / champion.trials + 1 / challenger.trials));
  const se = Math.sqrt((p1 * (1 - p1)) / champion.trials + (p2 * (1 - p2)) / challenger.trials);
  const z = normalQuantile(1 - alpha / 2);
  // Both rates 0 or both 1: no variation at all, so no evidence of a difference.
  const pValue = pooledSe > 0 ? 2 * normalCdf(-Math.abs(difference / pooledSe)) : difference === 0 ? 1 : 0;
  return {
    test: 'two-proportion-z',
    champion: p1,
    challenger: p2,
    difference,
    standardError: se,
    confidenceInterval: [difference - z * se, difference + z * se],
    pValue: champion.trials > 0 && challenger.trials > 0 ? pValue : Number.NaN,
  };
}
