import { KllSketch } from '@vigil/core/profile';
import { niceTicks, OTHER_CATEGORY, sharedBins, sharedCategories } from '@vigil/core/report';
import { describe, expect, it } from 'vitest';

// A seeded generator, so the samples are the same on every run.
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sketchOf(values: readonly number[]) {
  const sketch = new KllSketch();
  for (const v of values) sketch.update(v);
  return { parameters: { c: sketch.c, k: sketch.k }, data: sketch.data() };
}

// Shares of the values in each bin, counted directly: the first bin closed, the others (lo, hi].
function countedShares(values: readonly number[], edges: readonly number[]): number[] {
  const counts = edges.slice(1).map(() => 0);
  for (const v of values) {
    const i = edges.findIndex((e, j) => j > 0 && v <= e);
    counts[Math.max(i - 1, 0)]! += 1;
  }
  return counts.map((c) => c / values.length);
}

function expectShares(got: readonly number[], want: readonly number[]): void {
  expect(got).toHaveLength(want.length);
  for (const [i, share] of got.entries()) expect(share, `bin ${i}`).toBeCloseTo(want[i]!, 12);
}

describe('sharedBins', () => {
  it('puts both sides on the same edges spanning both ranges (buckets)', () => {
    const bins = sharedBins(
      { buckets: [{ lower_bound: 0, upper_bound: 1, count: 4 }] },
      { buckets: [{ lower_bound: 1, upper_bound: 2, count: 2 }] },
      2,
    );
    expect(bins).toEqual({ edges: [0, 1, 2], baseline: [1, 0], current: [0, 1] });
  });

  it('spreads a bucket evenly over its range when there is no sketch', () => {
    const bins = sharedBins(
      { buckets: [{ lower_bound: 0, upper_bound: 10, count: 10 }] },
      {
        buckets: [
          { lower_bound: 0, upper_bound: 4, count: 3 },
          { lower_bound: 4, upper_bound: 4, count: 1 },
        ],
      },
      5,
    );
    expect(bins?.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expectShares(bins!.baseline, [0.2, 0.2, 0.2, 0.2, 0.2]);
    // 3 over [0, 4] → 1.5 per bin of width 2; the point bucket at 4 falls in (2, 4].
    expectShares(bins!.current, [0.375, 0.625, 0, 0, 0]);
  });

  it('re-bins exact (uncompacted) sketches to the shares counted from the values', () => {
    const random = uniform(7);
    const before = Array.from({ length: 800 }, () => random() * 10);
    const after = Array.from({ length: 600 }, () => 5 + random() * 12);
    const bins = sharedBins({ sketch: sketchOf(before) }, { sketch: sketchOf(after) })!;
    expect(bins.edges[0]).toBeLessThanOrEqual(Math.min(...before));
    expect(bins.edges.at(-1)).toBeGreaterThanOrEqual(Math.max(...after));
    expect(bins.baseline).toHaveLength(bins.edges.length - 1);
    expect(bins.current).toHaveLength(bins.edges.length - 1);
    const base = countedShares(before, bins.edges);
    const now = countedShares(after, bins.edges);
    expectShares(bins.baseline, base);
    expectShares(bins.current, now);
  });

  it('re-bins a compacted sketch close to the true histogram', () => {
    const random = uniform(11);
    const values = Array.from({ length: 50_000 }, () => (random() + random() + random()) * 100);
    const sketch = sketchOf(values);
    expect(sketch.data.length).toBeGreaterThan(1); // compacted: items stand for 2^level values
    const bins = sharedBins({ sketch }, { sketch })!;
    const counted = countedShares(values, bins.edges);
    for (const [i, share] of bins.baseline.entries())
      expect(Math.abs(share - counted[i]!)).toBeLessThan(0.01);
    expect(bins.baseline.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('gives a constant feature one bin around its value, and nothing without data', () => {
    const bins = sharedBins({ sketch: sketchOf([3, 3, 3]) }, { sketch: sketchOf([3]) });
    expect(bins).toEqual({ edges: [2.5, 3.5], baseline: [1], current: [1] });
    expect(sharedBins({ buckets: [] }, { sketch: sketchOf([1]) })).toBeUndefined();
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten and covers the range', () => {
    expect(niceTicks(0, 0.37, 4)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(0.4, 28.8, 20)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]);
    expect(niceTicks(-7.1, 18.3, 20)[0]).toBe(-8);
  });
});

describe('sharedCategories', () => {
  it('uses the union of categories, absent ones at 0, most frequent first', () => {
    expect(
      sharedCategories(
        [
          { value: 'a', count: 3 },
          { value: 'b', count: 1 },
        ],
        [{ value: 'c', count: 2 }],
      ),
    ).toEqual({ categories: ['c', 'a', 'b'], baseline: [0, 0.75, 0.25], current: [1, 0, 0] });
  });

  it('sums the categories beyond the limit into (other), so each side still adds up to 1', () => {
    const buckets = Array.from({ length: 30 }, (_, i) => ({ value: `v${i}`, count: 30 - i }));
    const shared = sharedCategories(buckets, buckets.slice(0, 5), 16);
    expect(shared.categories).toHaveLength(16);
    expect(shared.categories.at(-1)).toBe(OTHER_CATEGORY);
    expect(shared.baseline.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(shared.current.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
