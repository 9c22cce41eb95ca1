import { type WeightedSample, walkCdfs } from './weighted-sample.ts';

/**
 * The two-sample Kolmogorov–Smirnov statistic D = sup |F_a − F_b| over the union of values.
 *
 * @example
 * ```ts
 * ksStatistic(sampleFromValues([1, 2]), sampleFromValues([3, 4])); // 1
 * ```
 */
export function ksStatistic(a: WeightedSample, b: WeightedSample): number {
  // Several methods and the noise guard ask for the same pair in a run.
  let known = statistics.get(a.cumulative);
  const d = known?.get(b.cumulative);
  if (d !== undefined) return d;
  const computed = supremumDistance(a, b);
  if (!known) {
    known = new WeakMap();
    statistics.set(a.cumulative, known);
  }
  known.set(b.cumulative, computed);
  return computed;
}

/** `ksStatistic` by pair of samples, known by their cumulative weights (arrays a sample never changes). */
const statistics = new WeakMap<Float64Array, WeakMap<Float64Array, number>>();

/** sup |F_a − F_b| over the union of both samples' values. */
function supremumDistance(a: WeightedSample, b: WeightedSample): number {
  let d = 0;
  walkCdfs(a, b, (_x, fa, fb) => {
    const gap = fa > fb ? fa - fb : fb - fa;
    if (gap > d) d = gap;
  });
  return d;
}

/**
 * Survival function of the Kolmogorov distribution, P(K > λ) (scipy's `kstwobign.sf`): the
 * alternating series 2 Σ (−1)^(k−1) e^(−2k²λ²) for λ ≥ 1, the theta-function form
 * 1 − √(2π)/λ Σ e^(−(2k−1)²π²/(8λ²)) below, both converging in a few terms.
 *
 * @example
 * ```ts
 * kolmogorovSurvival(1.358); // ≈ 0.05
 * ```
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1) {
    let sum = 0;
    for (let k = 1; k <= 10; k++)
      sum += Math.exp((-((2 * k - 1) ** 2) * Math.PI ** 2) / (8 * lambda * lambda));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-18) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * The asymptotic two-sample KS p-value: P(K > D √(n m / (n + m))), n and m the samples' weights.
 *
 * @example
 * ```ts
 * ksPValue(0.1, 1000, 1000); // ≈ 6.8e-5
 * ```
 */
export function ksPValue(d: number, n: number, m: number): number {
  return kolmogorovSurvival(d * Math.sqrt((n * m) / (n + m)));
}
