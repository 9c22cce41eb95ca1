import {
  addValue,
  addValueToState,
  emptyMoments,
  meanOf,
  mergeMoments,
  momentsOf,
  momentsOfState,
  momentsState,
  populationStdDev,
} from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

const values = Array.from({ length: 1001 }, (_, i) => Math.sin(i) * 1000 + 1e6);

function closedForm(xs: number[]) {
  // Two-pass population variance, independent of the online formula.
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length;
  return { mean, std: Math.sqrt(variance) };
}

describe('moments', () => {
  it('matches the two-pass mean and population standard deviation', () => {
    const m = momentsOf(values);
    const expected = closedForm(values);
    expect(meanOf(m)).toBeCloseTo(expected.mean, 6);
    expect(Math.abs(populationStdDev(m) - expected.std) / expected.std).toBeLessThan(1e-9);
    expect(m.min).toBe(Math.min(...values));
    expect(m.max).toBe(Math.max(...values));
  });

  it('pstdev of 1, 2, 3 is sqrt(2/3)', () => {
    expect(populationStdDev(momentsOf([1, 2, 3]))).toBeCloseTo(Math.sqrt(2 / 3), 15);
  });

  it('merging parts (Chan) equals the whole to 1e-9, whatever the split', () => {
    const whole = momentsOf(values);
    for (const cut of [1, 10, 500, 1000]) {
      const merged = mergeMoments(momentsOf(values.slice(0, cut)), momentsOf(values.slice(cut)));
      expect(merged.count).toBe(whole.count);
      expect(Math.abs(merged.sum - whole.sum) / whole.sum).toBeLessThan(1e-12);
      expect(
        Math.abs(populationStdDev(merged) - populationStdDev(whole)) / populationStdDev(whole),
      ).toBeLessThan(1e-9);
      expect(merged.min).toBe(whole.min);
      expect(merged.max).toBe(whole.max);
    }
  });

  it('merging with empty moments is the identity', () => {
    const m = emptyMoments();
    addValue(m, 4);
    expect(mergeMoments(emptyMoments(), m)).toEqual(m);
    expect(mergeMoments(m, emptyMoments())).toEqual(m);
  });
});

describe('addValueToState', () => {
  it('gives the very doubles addValue gives, -0 and extremes included', () => {
    const inputs = [
      values,
      [-0, -0, 0],
      [-0],
      [5, -1e308, 1e308, 3.5e-320, -2.25],
      Array.from({ length: 5000 }, (_, i) => Math.cos(i * 7.1) * 10 ** ((i % 11) - 5)),
    ];
    for (const xs of inputs) {
      const state = momentsState(emptyMoments());
      const m = emptyMoments();
      for (const x of xs) {
        addValueToState(state, x);
        addValue(m, x);
      }
      const fromState = momentsOfState(state);
      for (const key of ['count', 'sum', 'avg', 'm2', 'min', 'max'] as const)
        expect(Object.is(fromState[key], m[key]), `${key} of ${xs.slice(0, 3)}`).toBe(true);
    }
  });
});
