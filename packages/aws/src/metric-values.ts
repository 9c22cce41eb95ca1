/**
 * The largest magnitude CloudWatch accepts (2^360, printed by SageMaker as 2.348543e108).
 * SageMaker publishes ±infinity (for example a bias metric over an empty facet) as ± this value.
 */
export const CLOUDWATCH_MAX_MAGNITUDE = 2.348543e108;

/** Non-zero magnitudes below 2^-360 are rejected by CloudWatch as well. */
export const CLOUDWATCH_MIN_MAGNITUDE = 2 ** -360;

/**
 * A value CloudWatch accepts, or undefined for NaN (which it cannot store and has no stand-in for).
 * Infinities and values beyond ±2^360 are clamped as SageMaker clamps them; magnitudes too small to
 * store become 0.
 *
 * @example
 * ```ts
 * cloudWatchValue(Number.POSITIVE_INFINITY); // 2.348543e108
 * cloudWatchValue(Number.NaN); // undefined
 * ```
 */
export function cloudWatchValue(value: number): number | undefined {
  if (Number.isNaN(value)) return undefined;
  if (value > CLOUDWATCH_MAX_MAGNITUDE) return CLOUDWATCH_MAX_MAGNITUDE;
  if (value < -CLOUDWATCH_MAX_MAGNITUDE) return -CLOUDWATCH_MAX_MAGNITUDE;
  if (value !== 0 && Math.abs(value) < CLOUDWATCH_MIN_MAGNITUDE) return 0;
  return value;
}
