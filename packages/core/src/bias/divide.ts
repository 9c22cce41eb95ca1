/**
 * smclarify's `divide`: 0/0 is 0, x/0 is ±infinity by the sign of x, otherwise a plain division.
 *
 * @example
 * ```ts
 * divide(0, 0); // 0
 * divide(3, 0); // Infinity
 * divide(1, 4); // 0.25
 * ```
 */
export function divide(a: number, b: number): number {
  if (b === 0 && a === 0) return 0;
  if (b === 0) return a < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return a / b;
}

/**
 * A metric value as smclarify returns it: a float, or the Python integer `0` (`0n`) that its
 * "both sides infinite" rule yields for DCA, DCR, DAR, DRR, RD and SD. The two print differently in
 * analysis.json (`0` versus `0.0`), so the difference is kept.
 */
export type MetricNumber = number | bigint;

/**
 * The difference `left - right` of two rates, with smclarify's rule that two +infinite rates give
 * 0 (an integer 0 for the rules that write `0`, a float for AD and TE).
 *
 * @example
 * ```ts
 * rateDifference(Infinity, Infinity, 0n); // 0n
 * rateDifference(0.5, 0.25, 0n); // 0.25
 * ```
 */
export function rateDifference(left: number, right: number, zero: MetricNumber): MetricNumber {
  if (left === right && left === Number.POSITIVE_INFINITY) return zero;
  return left - right;
}
