import type { MetricStatistics } from '@vigil/core';
import { cloudWatchValue } from './metric-values.ts';

/** A statistic set as CloudWatch will take it, or why it cannot take it. */
export type CloudWatchStatistics =
  | { accepted: true; statistics: MetricStatistics; clamped: boolean }
  | { accepted: false; reason: 'NaN' | 'NoSamples' };

/**
 * Applies {@link cloudWatchValue} to each field of a statistic set: infinities and magnitudes
 * beyond 2^360 are clamped to ±2.348543e108, magnitudes below 2^-360 become 0, and a NaN anywhere
 * rejects the whole set (there is no stand-in for it). A set whose SampleCount is not above 0
 * after that is rejected too: it summarises no values, CloudWatch refuses it, and its Average
 * (sum / 0) is no value to fall back to.
 *
 * @example
 * ```ts
 * cloudWatchStatistics({ sampleCount: 2, sum: Infinity, minimum: 1, maximum: Infinity });
 * // { accepted: true, clamped: true,
 * //   statistics: { sampleCount: 2, sum: 2.348543e108, minimum: 1, maximum: 2.348543e108 } }
 * cloudWatchStatistics({ sampleCount: 0, sum: 0, minimum: 0, maximum: 0 });
 * // { accepted: false, reason: 'NoSamples' }
 * ```
 */
export function cloudWatchStatistics(statistics: MetricStatistics): CloudWatchStatistics {
  const sampleCount = cloudWatchValue(statistics.sampleCount);
  const sum = cloudWatchValue(statistics.sum);
  const minimum = cloudWatchValue(statistics.minimum);
  const maximum = cloudWatchValue(statistics.maximum);
  if (sampleCount === undefined || sum === undefined || minimum === undefined || maximum === undefined) {
    return { accepted: false, reason: 'NaN' };
  }
  if (!(sampleCount > 0)) return { accepted: false, reason: 'NoSamples' };
  const clamped =
    sampleCount !== statistics.sampleCount ||
    sum !== statistics.sum ||
    minimum !== statistics.minimum ||
    maximum !== statistics.maximum;
  return { accepted: true, statistics: { sampleCount, sum, minimum, maximum }, clamped };
}
