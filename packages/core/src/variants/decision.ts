import type { DifferenceTest, MetricDirection } from './difference-test.ts';

/** The verdict of a comparison. */
export type VariantDecision = 'challenger_better' | 'challenger_worse' | 'inconclusive';

/** When a difference counts. */
export interface DecisionSettings {
  /** α: the largest p-value that is significant. */
  significance: number;
  /** The smallest |difference| that matters, in the metric's units (0.01 = one point of accuracy). */
  minimumEffect: number;
}

/**
 * The decision rule: `challenger_better` when the difference is significant (p < α) and at least
 * the minimum effect in the metric's better direction, `challenger_worse` when it is so in the
 * other direction, else `inconclusive` (also when the p-value could not be computed).
 *
 * @example
 * ```ts
 * decide({ difference: 0.03, pValue: 0.01, … }, 'higher-is-better', { significance: 0.05, minimumEffect: 0.01 });
 * // 'challenger_better'
 * ```
 */
export function decide(
  test: Pick<DifferenceTest, 'difference' | 'pValue'>,
  direction: MetricDirection,
  settings: DecisionSettings,
): VariantDecision {
  if (!(test.pValue < settings.significance)) return 'inconclusive';
  if (!(Math.abs(test.difference) >= settings.minimumEffect)) return 'inconclusive';
  const improvement = direction === 'higher-is-better' ? test.difference : -test.difference;
  if (improvement > 0) return 'challenger_better';
  if (improvement < 0) return 'challenger_worse';
  return 'inconclusive';
}

/**
 * The numeric form of a decision published as `variant_decision`: 1 better, −1 worse, 0 inconclusive.
 *
 * @example
 * ```ts
 * decisionValue('challenger_worse'); // -1
 * ```
 */
export function decisionValue(decision: VariantDecision): number {
  return decision === 'challenger_better' ? 1 : decision === 'challenger_worse' ? -1 : 0;
}
