import type { VariantWeight } from '../ports/endpoint-weights.ts';
import { type Guardrails, guardWeights } from './guardrails.ts';
import { seededSampler } from './sampling.ts';
import { type ArmEvidence, thompsonWeights } from './thompson.ts';

/** A simulated endpoint: each variant's true success rate and how traffic arrives. */
export interface SimulationOptions {
  /** The variants' true rates, champion first. */
  rates: readonly { variant: string; rate: number }[];
  rounds: number;
  requestsPerRound: number;
  guardrails: Guardrails;
  /** Length of one round (one policy step), against the cool-down. Default 60. */
  roundMinutes?: number;
  /** Starting split; default the champion at the largest share the guardrails allow. */
  initialWeights?: readonly VariantWeight[];
  seed: number;
}

/** One round of a simulation. */
export interface SimulatedRound {
  round: number;
  /** The split that served the round. */
  weights: VariantWeight[];
  /** Expected successes lost this round against the best fixed split. */
  regret: number;
  cumulativeRegret: number;
}

/** What a simulation found. */
export interface SimulationResult {
  bestFixedSplit: VariantWeight[];
  rounds: SimulatedRound[];
  cumulativeRegret: number;
  /** Expected successes per request: the policy's average and the best fixed split's. */
  rewardPerRequest: { policy: number; bestFixed: number };
}

/**
 * The best fixed split the guardrails allow: every variant at minWeight, the rest of the traffic
 * to the variants in order of their rate, each up to maxWeight.
 *
 * @example
 * ```ts
 * bestFixedSplit([{ variant: 'A', rate: 0.8 }, { variant: 'B', rate: 0.85 }], { minWeight: 0.05, maxWeight: 0.95, … });
 * // [A 0.05, B 0.95]
 * ```
 */
export function bestFixedSplit(
  rates: readonly { variant: string; rate: number }[],
  guard: Pick<Guardrails, 'minWeight' | 'maxWeight'>,
): VariantWeight[] {
  const weights = rates.map((r) => ({ variant: r.variant, weight: guard.minWeight }));
  let left = 1 - guard.minWeight * rates.length;
  const order = rates.map((r, i) => [r.rate, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    const add = Math.min(left, guard.maxWeight - guard.minWeight);
    weights[i]!.weight = Math.round((weights[i]!.weight + add) * 1e9) / 1e9;
    left -= add;
  }
  return weights;
}

/**
 * Simulates Thompson-sampling traffic shifting under the guardrails on Bernoulli rewards, seeded:
 * each round the traffic splits by the current weights (multinomial), each request succeeds with
 * its variant's rate, the posteriors update, and one guarded policy step sets the next split. The
 * regret of a round is `requests · (Σ w*ᵢ μᵢ − Σ wᵢ μᵢ)` against the best fixed split w* the
 * guardrails allow (expected, not realised, successes: it does not depend on reward noise).
 *
 * @example
 * ```ts
 * const result = simulateBandit({ rates, rounds: 200, requestsPerRound: 500, guardrails, seed: 1 });
 * result.cumulativeRegret; // grows like √rounds, not like rounds
 * ```
 */
export function simulateBandit(options: SimulationOptions): SimulationResult {
  const sampler = seededSampler(options.seed);
  const { guardrails } = options;
  const best = bestFixedSplit(options.rates, guardrails);
  const rate = new Map(options.rates.map((r) => [r.variant, r.rate]));
  const expected = (weights: readonly VariantWeight[]) =>
    weights.reduce((s, w) => s + w.weight * (rate.get(w.variant) ?? 0), 0);
  const bestReward = expected(best);
  let weights: VariantWeight[] =
    options.initialWeights?.map((w) => ({ ...w })) ??
    options.rates.map((r, i) => ({
      variant: r.variant,
      weight: i === 0 ? 1 - guardrails.minWeight * (options.rates.length - 1) : guardrails.minWeight,
    }));
  const evidence = new Map(options.rates.map((r) => [r.variant, { successes: 0, trials: 0 }]));
  const roundMs = (options.roundMinutes ?? 60) * 60_000;
  let lastShiftAt: Date | undefined;
  let cumulativeRegret = 0;
  let policyReward = 0;
  const rounds: SimulatedRound[] = [];
  for (let round = 0; round < options.rounds; round++) {
    let left = options.requestsPerRound;
    let share = 1;
    weights.forEach((w, i) => {
      const n =
        i === weights.length - 1
          ? left
          : sampler.binomial(left, share > 0 ? Math.min(1, w.weight / share) : 0);
      left -= n;
      share -= w.weight;
      const e = evidence.get(w.variant)!;
      e.trials += n;
      e.successes += sampler.binomial(n, rate.get(w.variant) ?? 0);
    });
    const reward = expected(weights);
    const regret = options.requestsPerRound * (bestReward - reward);
    policyReward += reward;
    cumulativeRegret += regret;
    rounds.push({ round, weights: weights.map((w) => ({ ...w })), regret, cumulativeRegret });
    const arms: ArmEvidence[] = options.rates.map((r) => ({
      variant: r.variant,
      kind: 'rate',
      ...evidence.get(r.variant)!,
    }));
    const now = new Date((round + 1) * roundMs);
    const outcome = guardWeights(weights, thompsonWeights(arms, sampler, 1000), guardrails, {
      now,
      lastShiftAt,
      alarmsInAlarm: [],
    });
    if (outcome.action === 'shift') {
      weights = outcome.weights;
      lastShiftAt = now;
    }
  }
  return {
    bestFixedSplit: best,
    rounds,
    cumulativeRegret,
    rewardPerRequest: { policy: policyReward / Math.max(1, options.rounds), bestFixed: bestReward },
  };
}
