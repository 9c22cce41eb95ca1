import { bootstrapIntervals, PRE_TRAINING_METRICS, quantile, seededRandom } from '@vigil/core/bias';
import { describe, expect, it } from 'vitest';

// 40 rows: facet d = the first 10; labels positive in 3 of d and 15 of a → DPL = 15/30 − 3/10 = 0.2.
const facet = Array.from({ length: 40 }, (_, i) => i < 10);
const positiveLabel = Array.from({ length: 40 }, (_, i) => (i < 10 ? i < 3 : i < 25));
const metrics = PRE_TRAINING_METRICS.filter((m) => m.name === 'DPL' || m.name === 'CI');

describe('bootstrapIntervals', () => {
  const options = { resamples: 400, confidence: 0.9, seed: 7 };

  it('gives the same intervals for the same seed, and different ones for another seed', () => {
    const a = bootstrapIntervals(metrics, { facet, positiveLabel }, options);
    const b = bootstrapIntervals(metrics, { facet, positiveLabel }, options);
    const c = bootstrapIntervals(metrics, { facet, positiveLabel }, { ...options, seed: 8 });
    expect(a).toEqual(b);
    expect(a.get('DPL')).not.toEqual(c.get('DPL'));
  });

  it('brackets the point value and is wider for the smaller group', () => {
    const intervals = bootstrapIntervals(metrics, { facet, positiveLabel }, options);
    const dpl = intervals.get('DPL')!;
    expect(dpl.lower).toBeLessThan(0.2);
    expect(dpl.upper).toBeGreaterThan(0.2);
    // CI = (30 − 10)/40 = 0.5 moves only with the group sizes.
    const ci = intervals.get('CI')!;
    expect(ci.lower).toBeLessThan(0.5);
    expect(ci.upper).toBeGreaterThan(0.5);
    // A resampled DPL has a binomial spread of roughly sqrt(.25/30 + .21/10) ≈ 0.17 per side.
    expect(dpl.upper - dpl.lower).toBeGreaterThan(0.3);
    expect(dpl.upper - dpl.lower).toBeLessThan(0.8);
  });
});

describe('seededRandom and quantile', () => {
  it('is a repeatable uniform stream', () => {
    const first = Array.from({ length: 5 }, seededRandom(42));
    expect(Array.from({ length: 5 }, seededRandom(42))).toEqual(first);
    const many = Array.from({ length: 20000 }, seededRandom(1));
    expect(many.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(many.reduce((s, x) => s + x, 0) / many.length).toBeCloseTo(0.5, 2);
  });

  it('interpolates linearly as numpy does', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4, 5], 0.9)).toBe(4.6);
  });
});
