import { seededRandom } from '../random/seeded-random.ts';

export { seededRandom } from '../random/seeded-random.ts';

/** SageMaker reports a standard deviation only from this many samples on. */
export const MIN_SAMPLES_FOR_STANDARD_DEVIATION = 200;
/** How many random subsamples the standard deviation is taken over. */
export const SUBSAMPLE_COUNT = 5;
/** The share of rows each subsample keeps. */
export const SUBSAMPLE_FRACTION = 0.8;
/** The seed of the subsampling, fixed so that a run is reproducible. */
export const DEFAULT_SEED = 20_200_801;

/**
 * `SUBSAMPLE_COUNT` subsets of `floor(0.8·n)` distinct row indexes each (partial Fisher–Yates),
 * deterministic for a seed. Indexes of a subset are sorted, so scans stay sequential.
 *
 * @example
 * ```ts
 * subsamples(1000).map((s) => s.length); // [800, 800, 800, 800, 800]
 * ```
 */
export function subsamples(n: number, seed = DEFAULT_SEED): Uint32Array[] {
  const random = seededRandom(seed);
  const size = Math.floor(n * SUBSAMPLE_FRACTION);
  const pool = new Uint32Array(n);
  const result: Uint32Array[] = [];
  for (let s = 0; s < SUBSAMPLE_COUNT; s++) {
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(random() * (n - i));
      const swap = pool[i] as number;
      pool[i] = pool[j] as number;
      pool[j] = swap;
    }
    result.push(pool.slice(0, size).sort());
  }
  return result;
}

/**
 * The standard deviation SageMaker reports with each metric: NaN (written `"NaN"`) under 200
 * samples; otherwise the sample standard deviation (n − 1, as Spark's `stddev`) of the metric over
 * five random 80 % subsamples.
 *
 * @example
 * ```ts
 * const std = metricStandardDeviations(rows.length, (subset) => ({ mae: maeOf(subset) }));
 * std.mae; // e.g. 0.0037
 * ```
 */
export function metricStandardDeviations(
  n: number,
  compute: (subset: Uint32Array) => Record<string, number>,
  seed = DEFAULT_SEED,
): Record<string, number> {
  if (n < MIN_SAMPLES_FOR_STANDARD_DEVIATION) return {};
  const runs = subsamples(n, seed).map(compute);
  const result: Record<string, number> = {};
  for (const name of Object.keys(runs[0] ?? {})) {
    result[name] = sampleStandardDeviation(runs.map((r) => r[name] as number));
  }
  return result;
}

/** Sample standard deviation (divides by n − 1); NaN for fewer than two values. */
export function sampleStandardDeviation(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, v) => a + (v - mean) * (v - mean), 0);
  return Math.sqrt(squares / (values.length - 1));
}
