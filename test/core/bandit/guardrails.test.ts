import { type GuardOutcome, guardWeights } from '@vigil/core/bandit';
import { describe, expect, it } from 'vitest';

const now = new Date('2024-05-01T13:00:00Z');
const split = (...weights: number[]) => weights.map((weight, i) => ({ variant: 'ABC'[i]!, weight }));
const ok = { now, alarmsInAlarm: [] };
const shifted = (outcome: GuardOutcome) => {
  expect(outcome.action).toBe('shift');
  return outcome.weights.map((w) => w.weight);
};

// Each case worked by hand: the bounds per variant are
// [max(min, current − step), min(max, current + step)], then wᵢ = clamp(pᵢ + λ) with Σw = 1.
describe('guardWeights', () => {
  it('moves at most one step: 50/50 towards 90/10 with step 0.1 gives 60/40', () => {
    const outcome = guardWeights(
      split(0.5, 0.5),
      split(0.9, 0.1),
      { minWeight: 0.05, maxWeight: 0.95, maxStep: 0.1, cooldownMinutes: 60 },
      ok,
    );
    expect(shifted(outcome)).toEqual([0.6, 0.4]);
  });

  it('projects three variants: 80/10/10 towards 0/0/100, step 0.2, bounds [0.05, 0.9] gives 60/10/30', () => {
    // A ∈ [0.6, 0.9], B ∈ [0.05, 0.3], C ∈ [0.05, 0.3]; A = 0.6, C = 0.3, so B = λ = 0.1.
    const outcome = guardWeights(
      split(0.8, 0.1, 0.1),
      split(0, 0, 1),
      { minWeight: 0.05, maxWeight: 0.9, maxStep: 0.2, cooldownMinutes: 0 },
      ok,
    );
    expect(shifted(outcome)).toEqual([0.6, 0.1, 0.3]);
  });

  it('keeps every variant within [minWeight, maxWeight]: 10/90 towards 100/0, bounds [0.2, 0.8], step 0.5 gives 60/40', () => {
    // A ∈ [0.2, 0.6], B ∈ [0.4, 0.8]: A takes its top 0.6, B the rest.
    const outcome = guardWeights(
      split(0.1, 0.9),
      split(1, 0),
      { minWeight: 0.2, maxWeight: 0.8, maxStep: 0.5, cooldownMinutes: 0 },
      ok,
    );
    expect(shifted(outcome)).toEqual([0.6, 0.4]);
  });

  it('walks a variant below minWeight up by one step: 100/0 with step 0.02 gives 98/2', () => {
    const outcome = guardWeights(
      split(1, 0),
      split(0.5, 0.5),
      { minWeight: 0.05, maxWeight: 0.95, maxStep: 0.02, cooldownMinutes: 0 },
      ok,
    );
    expect(shifted(outcome)).toEqual([0.98, 0.02]);
  });

  it('stops while any guardrail alarm is in ALARM', () => {
    const outcome = guardWeights(
      split(0.5, 0.5),
      split(0.9, 0.1),
      { minWeight: 0.05, maxWeight: 0.95, maxStep: 0.1, cooldownMinutes: 0 },
      {
        now,
        alarmsInAlarm: ['vigil-churn-model-quality-violations'],
      },
    );
    expect(outcome).toEqual({
      action: 'hold',
      reason:
        'guardrail alarm in ALARM: vigil-churn-model-quality-violations; shifting stops until it clears',
      weights: split(0.5, 0.5),
    });
  });

  it('holds during the cool-down and shifts once it is over', () => {
    const guard = { minWeight: 0.05, maxWeight: 0.95, maxStep: 0.1, cooldownMinutes: 60 };
    const during = guardWeights(split(0.5, 0.5), split(0.9, 0.1), guard, {
      ...ok,
      lastShiftAt: new Date('2024-05-01T12:30:00Z'),
    });
    expect(during).toMatchObject({ action: 'hold', reason: 'cool-down until 2024-05-01T13:30:00.000Z' });
    const after = guardWeights(split(0.5, 0.5), split(0.9, 0.1), guard, {
      ...ok,
      lastShiftAt: new Date('2024-05-01T12:00:00Z'),
    });
    expect(shifted(after)).toEqual([0.6, 0.4]);
  });

  it('holds when the bounds leave no split (three variants at minWeight 0.4)', () => {
    const outcome = guardWeights(
      split(0.4, 0.3, 0.3),
      split(1, 0, 0),
      { minWeight: 0.4, maxWeight: 1, maxStep: 0.5, cooldownMinutes: 0 },
      ok,
    );
    expect(outcome.action).toBe('hold');
    expect(outcome.action === 'hold' && outcome.reason).toMatch(
      /no split summing to 1 \(bounds sum to 1\.200/,
    );
  });

  it('holds when the change is immaterial', () => {
    const outcome = guardWeights(
      split(0.5, 0.5),
      split(0.5004, 0.4996),
      { minWeight: 0.05, maxWeight: 0.95, maxStep: 0.1, cooldownMinutes: 0 },
      ok,
    );
    expect(outcome).toMatchObject({
      action: 'hold',
      reason: 'the guarded split is the current one (no material change)',
    });
  });
});
