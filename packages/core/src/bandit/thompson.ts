import type { Sampler } from './sampling.ts';

/** What a variant has earned so far: successes of a rate reward, or moments of a continuous one. */
export type ArmEvidence =
  | { variant: string; kind: 'rate'; successes: number; trials: number }
  | { variant: string; kind: 'continuous'; count: number; mean: number; variance: number };

/**
 * One draw from a variant's posterior: Beta(1 + successes, 1 + failures) for a rate (uniform
 * prior), Normal(mean, √(variance / count)) for a continuous reward (flat prior; with fewer than
 * two observations the draw is from N(mean, ∞) approximated by a wide N(0, 1e6) so that an
 * untried variant still gets traffic).
 *
 * @example
 * ```ts
 * posteriorDraw({ variant: 'A', kind: 'rate', successes: 80, trials: 100 }, seededSampler(1)); // ≈ 0.8
 * ```
 */
export function posteriorDraw(arm: ArmEvidence, sampler: Sampler): number {
  if (arm.kind === 'rate')
    return sampler.beta(1 + arm.successes, 1 + Math.max(0, arm.trials - arm.successes));
  if (arm.count < 2) return sampler.normal(0, 1e6);
  return sampler.normal(arm.mean, Math.sqrt(Math.max(arm.variance, 0) / arm.count));
}

/**
 * Thompson sampling's traffic split: each variant's share is the probability that its reward is
 * the highest, estimated from `draws` joint posterior draws (ties go to the first). These are the
 * weights the policy proposes before the guardrails bound them.
 *
 * @example
 * ```ts
 * thompsonWeights([a, b], seededSampler(42)); // [{ variant: 'A', weight: 0.07 }, { variant: 'B', weight: 0.93 }]
 * ```
 */
export function thompsonWeights(
  arms: readonly ArmEvidence[],
  sampler: Sampler,
  draws = 2000,
): { variant: string; weight: number }[] {
  const wins = new Array<number>(arms.length).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    arms.forEach((arm, i) => {
      const value = posteriorDraw(arm, sampler);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    wins[best] = (wins[best] as number) + 1;
  }
  return arms.map((arm, i) => ({ variant: arm.variant, weight: (wins[i] as number) / draws }));
}
