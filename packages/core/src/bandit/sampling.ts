import { seededRandom } from '../modelquality/subsample.ts';

/** A seeded source of the draws Thompson sampling and the simulation need. */
export interface Sampler {
  uniform(): number;
  normal(mean: number, sd: number): number;
  gamma(shape: number): number;
  beta(a: number, b: number): number;
  binomial(n: number, p: number): number;
}

/**
 * A reproducible sampler: normal by Box–Muller, gamma by Marsaglia–Tsang (with the α < 1 boost),
 * beta as a ratio of gammas, binomial by counting Bernoulli draws (n is a round's traffic).
 *
 * @example
 * ```ts
 * const s = seededSampler(7);
 * s.beta(3, 5); // the same value on every run
 * ```
 */
export function seededSampler(seed: number): Sampler {
  const random = seededRandom(seed);
  const uniform = () => {
    let u = random();
    while (u === 0) u = random();
    return u;
  };
  const standardNormal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * random());
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = standardNormal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  return {
    uniform,
    normal: (mean, sd) => mean + sd * standardNormal(),
    gamma,
    beta(a, b) {
      const x = gamma(a);
      return x / (x + gamma(b));
    },
    binomial(n, p) {
      let k = 0;
      for (let i = 0; i < n; i++) if (random() < p) k++;
      return k;
    },
  };
}
