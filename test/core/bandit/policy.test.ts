import { type AuditEntry, fixedClock, type VariantWeight } from '@vigil/core';
import {
  armsFromComparison,
  bestFixedSplit,
  runBanditStep,
  seededSampler,
  simulateBandit,
  thompsonWeights,
} from '@vigil/core/bandit';
import { describe, expect, it } from 'vitest';

const guardrails = { minWeight: 0.05, maxWeight: 0.95, maxStep: 0.1, cooldownMinutes: 60 };

describe('thompsonWeights', () => {
  it('gives the clearly better variant nearly all the traffic, and equal variants about half each', () => {
    const clear = thompsonWeights(
      [
        { variant: 'A', kind: 'rate', successes: 700, trials: 1000 },
        { variant: 'B', kind: 'rate', successes: 800, trials: 1000 },
      ],
      seededSampler(1),
    );
    expect(clear[1]!.weight).toBeGreaterThan(0.999);
    const even = thompsonWeights(
      [
        { variant: 'A', kind: 'rate', successes: 50, trials: 100 },
        { variant: 'B', kind: 'rate', successes: 50, trials: 100 },
      ],
      seededSampler(2),
      4000,
    );
    // P(A best) = 1/2; 4000 draws put it within ±0.03 with probability > 0.999.
    expect(Math.abs(even[0]!.weight - 0.5)).toBeLessThan(0.03);
  });

  it('reads continuous rewards as Normal posteriors', () => {
    const weights = thompsonWeights(
      [
        { variant: 'A', kind: 'continuous', count: 400, mean: 10, variance: 4 },
        { variant: 'B', kind: 'continuous', count: 400, mean: 9, variance: 4 },
      ],
      seededSampler(3),
    );
    // The means differ by 1 with a standard error of √(4/400 + 4/400) ≈ 0.14: A is best almost surely.
    expect(weights[0]!.weight).toBeGreaterThan(0.999);
  });
});

describe('simulateBandit', () => {
  const rates = [
    { variant: 'champion', rate: 0.8 },
    { variant: 'challenger', rate: 0.84 },
  ];

  it('knows the best fixed split the guardrails allow', () => {
    expect(bestFixedSplit(rates, guardrails)).toEqual([
      { variant: 'champion', weight: 0.05 },
      { variant: 'challenger', weight: 0.95 },
    ]);
  });

  it('has sublinear regret against the best fixed split (seeded)', () => {
    const result = simulateBandit({ rates, rounds: 400, requestsPerRound: 200, guardrails, seed: 11 });
    const at = (round: number) => result.rounds[round - 1]!.cumulativeRegret;
    // Starting at 95/5 the first rounds lose 200 · 0.9 · 0.04 = 7.2 expected successes each.
    expect(result.rounds[0]!.regret).toBeCloseTo(7.2, 9);
    // Sublinear: the regret of the second half is a small fraction of the first half's …
    expect(at(400) - at(200)).toBeLessThan(0.1 * at(200));
    // … and the cumulative regret is far below what a fixed 95/5 split would lose (400 · 7.2).
    expect(at(400)).toBeLessThan(0.1 * 400 * 7.2);
    // The policy ends at the best fixed split.
    expect(result.rounds.at(-1)!.weights.find((w) => w.variant === 'challenger')!.weight).toBeCloseTo(
      0.95,
      6,
    );
    // No step ever moves a variant by more than maxStep, and no split leaves the bounds.
    for (let i = 1; i < result.rounds.length; i++) {
      const before = result.rounds[i - 1]!.weights;
      result.rounds[i]!.weights.forEach((w, j) => {
        expect(Math.abs(w.weight - before[j]!.weight)).toBeLessThanOrEqual(0.1 + 1e-9);
        expect(w.weight).toBeGreaterThanOrEqual(0.05 - 1e-9);
        expect(w.weight).toBeLessThanOrEqual(0.95 + 1e-9);
      });
    }
  });

  it('is reproducible from its seed', () => {
    const a = simulateBandit({ rates, rounds: 50, requestsPerRound: 100, guardrails, seed: 5 });
    const b = simulateBandit({ rates, rounds: 50, requestsPerRound: 100, guardrails, seed: 5 });
    expect(a.cumulativeRegret).toBe(b.cumulativeRegret);
  });
});

describe('runBanditStep', () => {
  function ports(options: { inAlarm?: string[] } = {}) {
    let weights: VariantWeight[] = [
      { variant: 'A', weight: 0.5 },
      { variant: 'B', weight: 0.5 },
    ];
    const audited: AuditEntry[] = [];
    const updates: VariantWeight[][] = [];
    return {
      audited,
      updates,
      ports: {
        weights: {
          current: async () => weights,
          update: async (_: string, next: readonly VariantWeight[]) => {
            updates.push([...next]);
            weights = [...next];
          },
        },
        audit: {
          append: async (entry: AuditEntry) => {
            audited.push(entry);
            return { ...entry, sequence: audited.length, at: '', previousHash: '', hash: '' };
          },
        },
        clock: fixedClock(new Date('2024-05-01T13:00:00Z')),
        alarms: {
          inAlarm: async (names: readonly string[]) => names.filter((n) => options.inAlarm?.includes(n)),
        },
      },
    };
  }
  const arms = armsFromComparison(
    {
      variants: [
        {
          name: 'A',
          role: 'champion',
          predictions: 1000,
          labeled: 1000,
          metrics: { accuracy: 0.7 },
          predictionDistribution: { type: 'categorical', count: 0, classes: {} },
        },
        {
          name: 'B',
          role: 'challenger',
          predictions: 1000,
          labeled: 1000,
          metrics: { accuracy: 0.8 },
          predictionDistribution: { type: 'categorical', count: 0, classes: {} },
        },
      ],
    },
    'accuracy',
  );

  it('reads rate evidence from a comparison', () => {
    expect(arms).toEqual([
      { variant: 'A', kind: 'rate', successes: 700, trials: 1000 },
      { variant: 'B', kind: 'rate', successes: 800, trials: 1000 },
    ]);
  });

  it('shifts one step towards the better variant and audits the shift with its evidence', async () => {
    const { ports: p, audited, updates } = ports();
    const step = await runBanditStep(p, {
      endpoint: 'churn',
      arms,
      guardrails,
      guardrailAlarms: ['g'],
      seed: 1,
      actor: 'test',
    });
    expect(step.outcome.action).toBe('shift');
    expect(updates).toEqual([
      [
        { variant: 'A', weight: 0.4 },
        { variant: 'B', weight: 0.6 },
      ],
    ]);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      kind: 'bandit.weights-shifted',
      subject: 'churn',
      summary: 'Shifted traffic of churn to A 40.0%, B 60.0%',
    });
    expect(audited[0]!.details.evidence).toEqual(arms);
  });

  it('halts on a guardrail alarm: no update, the halt audited', async () => {
    const { ports: p, audited, updates } = ports({ inAlarm: ['g'] });
    const step = await runBanditStep(p, {
      endpoint: 'churn',
      arms,
      guardrails,
      guardrailAlarms: ['g'],
      seed: 1,
      actor: 'test',
    });
    expect(step.outcome.action).toBe('hold');
    expect(updates).toEqual([]);
    expect(audited.map((a) => a.kind)).toEqual(['bandit.shift-halted']);
  });
});
