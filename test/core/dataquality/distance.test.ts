import { categoricalDistance, chiSquaredTest, numericalDistance, robust } from '@vigil/core/dataquality';
import { KllSketch } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

const sketchOf = (xs: number[]) => {
  const s = new KllSketch();
  for (const x of xs) s.update(x);
  return s;
};
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('numericalDistance (Deequ L-infinity on KLL CDFs)', () => {
  it('is the KS statistic of exact small sketches', () => {
    // Uniform 0..999 vs 500..1499: at x = 999 the CDFs are 1.0 and 0.5.
    const d = numericalDistance(sketchOf(range(0, 1000)), sketchOf(range(500, 1500)), 'Simple');
    expect(d.value).toBe(0.5);
    expect([d.n, d.m]).toEqual([1000, 1000]);
  });

  it('Robust subtracts 1.8 * sqrt((n + m) / (n m))', () => {
    const d = numericalDistance(sketchOf(range(0, 1000)), sketchOf(range(500, 1500)), 'Robust');
    expect(d.value).toBeCloseTo(0.5 - 1.8 * Math.sqrt(2000 / 1e6), 15);
    expect(robust(0.01, 100, 100)).toBe(0);
  });

  it('is 0 for identical distributions and 1 for disjoint ones', () => {
    expect(numericalDistance(sketchOf([1, 2, 3]), sketchOf([3, 2, 1]), 'Simple').value).toBe(0);
    expect(numericalDistance(sketchOf([1, 2]), sketchOf([5, 6, 7]), 'Simple').value).toBe(1);
  });

  it('ends on sketches holding NaN or infinities (a NaN once stalled the walk forever)', () => {
    const withNaN = KllSketch.fromSageMaker({ data: [[1, Number.NaN, 3, 2]] });
    const d = numericalDistance(withNaN, sketchOf([1, 2, 3, 4]), 'Simple');
    expect(Number.isFinite(d.value)).toBe(true);
    const onlyNaN = KllSketch.fromSageMaker({ data: [[Number.NaN, Number.NaN]] });
    expect(numericalDistance(sketchOf([1, 2]), onlyNaN, 'Robust').n).toBe(2);
    const infinite = sketchOf([1, Number.POSITIVE_INFINITY]);
    // Both CDFs reach 1 only at +Infinity: half the mass of [1, ∞] lies above 1 and 2 but not of [1, 2].
    expect(numericalDistance(infinite, sketchOf([1, 2]), 'Simple').value).toBe(0.5);
  });

  it('tracks the exact KS statistic on multi-level sketches', () => {
    const a = range(0, 40_000).map((i) => (i * 7919) % 40_000);
    const b = a.map((x) => x * 1.25);
    // Exact: F_a(x) − F_b(x) is largest at x = 40,000: 1 − 0.8 = 0.2.
    const d = numericalDistance(sketchOf(a), sketchOf(b), 'Simple');
    expect(Math.abs(d.value - 0.2)).toBeLessThan(0.01);
    expect([d.n, d.m]).toEqual([40_000, 40_000]);
  });
});

describe('categoricalDistance (Deequ L-infinity on frequencies)', () => {
  const baseline = new Map([
    ['a', 50],
    ['b', 30],
    ['c', 20],
  ]);
  it('is the largest frequency difference', () => {
    expect(
      categoricalDistance(
        baseline,
        new Map([
          ['a', 20],
          ['b', 30],
          ['c', 50],
        ]),
        'Simple',
      ).value,
    ).toBeCloseTo(0.3, 15);
    expect(categoricalDistance(baseline, new Map([['d', 10]]), 'Simple').value).toBe(1);
  });
  it('Robust corrects for sample sizes', () => {
    const small = categoricalDistance(
      baseline,
      new Map([
        ['a', 20],
        ['b', 30],
        ['c', 50],
      ]),
      'Robust',
    );
    expect(small.value).toBeCloseTo(Math.max(0, 0.3 - 1.8 * Math.sqrt(200 / 10_000)), 12);
    const large = categoricalDistance(
      baseline,
      new Map([
        ['a', 200],
        ['b', 300],
        ['c', 500],
      ]),
      'Robust',
    );
    expect(large.value).toBeCloseTo(0.3 - 1.8 * Math.sqrt(1100 / 100_000), 12);
  });
});

describe('chiSquaredTest', () => {
  // Expected p-values from scipy.stats.chisquare.
  it('matches scipy on a strong shift', () => {
    const r = chiSquaredTest(
      new Map([
        ['a', 50],
        ['b', 30],
        ['c', 20],
      ]),
      new Map([
        ['a', 200],
        ['b', 300],
        ['c', 500],
      ]),
    );
    expect(r.degreesOfFreedom).toBe(2);
    expect(Math.abs(r.pValue - 1.5748463944438842e-137) / 1.5748463944438842e-137).toBeLessThan(1e-6);
  });
  it('matches scipy on a mild shift', () => {
    const r = chiSquaredTest(
      new Map([
        ['a', 33],
        ['b', 33],
        ['c', 34],
      ]),
      new Map([
        ['a', 300],
        ['b', 310],
        ['c', 390],
      ]),
    );
    expect(r.pValue).toBeCloseTo(0.003531023319166895, 12);
    const s = chiSquaredTest(
      new Map([
        ['a', 30],
        ['b', 30],
        ['c', 40],
      ]),
      new Map([
        ['a', 26],
        ['b', 24],
        ['c', 50],
      ]),
    );
    expect(s.statistic).toBeCloseTo(4.233333333333333, 12);
    expect(s.pValue).toBeCloseTo(0.12043240152376271, 12);
  });
  it('pools small expected counts (Deequ: down to one category, no test) and answers NaN with fewer than two', () => {
    const pooled = chiSquaredTest(
      new Map([
        ['a', 1000],
        ['b', 2],
        ['c', 1],
        ['d', 1],
      ]),
      new Map([
        ['a', 100],
        ['b', 1],
        ['c', 0],
        ['d', 0],
      ]),
    );
    // Pooled 4 → 3 → 2 categories; a, alone at 2, expects ≈100.6 but the pooled rest 0.4 < 10.
    expect([pooled.categories, pooled.degreesOfFreedom, pooled.pValue]).toEqual([1, 0, Number.NaN]);
    expect(Number.isNaN(chiSquaredTest(new Map([['a', 5]]), new Map([['a', 5]])).pValue)).toBe(true);
  });
});
