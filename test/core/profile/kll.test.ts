import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KllSketch } from '@vigil/core/profile';
import { seededRandom } from '@vigil/core/random';
import { describe, expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('../../../../shared/fixtures/sagemaker/', import.meta.url));
const deequ = JSON.parse(
  readFileSync(new URL('./fixtures/deequ-kll-20000.json', import.meta.url), 'utf8'),
) as {
  input: { seed: number; n: number; split: number };
  whole: number[][];
  merged: number[][];
};

/** The generator the reference file was made with (BigInt: the products exceed 2^53). */
function lcg(seed: number, n: number): number[] {
  let x = BigInt(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245n + 12345n) % 2147483648n;
    out.push((Number(x) / 2147483648) * 1000);
  }
  return out;
}

const sketchOf = (xs: number[]) => {
  const s = new KllSketch();
  for (const x of xs) s.update(x);
  return s;
};

describe('KllSketch (Deequ QuantileNonSample, deterministic compactor)', () => {
  it('keeps level 0 in insertion order below capacity', () => {
    const s = sketchOf([3, 1, 2, 3]);
    expect(s.data()).toEqual([[3, 1, 2, 3]]);
    expect(s.rank(2)).toBe(2);
    expect(s.rankExclusive(3)).toBe(2);
  });

  it('has Deequ capacities 2*(ceil(k*c^h/2)+1)', () => {
    const s = new KllSketch();
    expect([0, 1, 2, 3, 4].map((h) => s.capacity(h))).toEqual([2050, 1314, 842, 540, 346]);
  });

  it('equals an independent transcription of Deequ on 20,000 values (multi-level)', () => {
    const values = lcg(deequ.input.seed, deequ.input.n);
    expect(sketchOf(values).data()).toEqual(deequ.whole);
  });

  it('merges exactly as Deequ merges', () => {
    const values = lcg(deequ.input.seed, deequ.input.n);
    const merged = sketchOf(values.slice(0, deequ.input.split)).merge(
      sketchOf(values.slice(deequ.input.split)),
    );
    expect(merged.data()).toEqual(deequ.merged);
  });

  it('merged sketches stay within the KLL rank error of the exact ranks', () => {
    const values = lcg(3, 50_000);
    const parts = [0, 9000, 21000, 37000, 50000];
    let merged = new KllSketch();
    for (let i = 0; i + 1 < parts.length; i++)
      merged = merged.merge(sketchOf(values.slice(parts[i], parts[i + 1])));
    const sorted = [...values].sort((a, b) => a - b);
    const total = merged.totalWeight();
    expect(Math.abs(total - values.length) / values.length).toBeLessThan(0.01);
    for (const q of [0.1, 0.25, 0.5, 0.75, 0.9]) {
      const x = sorted[Math.floor(q * values.length)] as number;
      const exact = sorted.filter((v) => v <= x).length / values.length;
      // k = 2048: normalized rank error well under 1 %.
      expect(Math.abs(merged.rank(x) / total - exact)).toBeLessThan(0.01);
    }
  });

  it('recomputes the real multi-level AAI540 buckets from their sketches exactly', () => {
    const stats = JSON.parse(readFileSync(`${fixtures}dq-baseline-aai540/statistics.json`, 'utf8'));
    let checked = 0;
    for (const feature of stats.features) {
      const ns = feature.numerical_statistics;
      if (!ns) continue;
      const sketch = KllSketch.fromSageMaker(ns.distribution.kll.sketch);
      expect(sketch.data().map((l) => l.length)).toEqual([266, 1093, 2127, 1, 779]);
      expect(sketch.buckets(ns.min, ns.max)).toEqual(ns.distribution.kll.buckets);
      expect(sketch.totalWeight()).toBe(ns.common.num_present);
      checked++;
    }
    expect(checked).toBe(8);
  });

  it('round-trips through JSON with its compaction state', () => {
    const s = sketchOf(lcg(5, 9000));
    const copy = KllSketch.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(copy.data()).toEqual(s.data());
    const extra = lcg(6, 5000);
    for (const x of extra) {
      s.update(x);
      copy.update(x);
    }
    expect(copy.data()).toEqual(s.data());
  });
});

describe('KllSketch rank map and buckets', () => {
  it('agree with the ranks summed over every level, for compacted and merged sketches', () => {
    const next = seededRandom(5);
    const a = new KllSketch();
    const b = new KllSketch();
    // Repeated values, -0 and 0, and a long tail: ties across levels fold into one key.
    for (let i = 0; i < 40_000; i++) {
      const u = next();
      const x = u < 0.05 ? (u < 0.025 ? -0 : 0) : u < 0.3 ? Math.floor(u * 40) : Math.log(u) * 100;
      (i % 3 === 0 ? b : a).update(x);
    }
    const merged = a.clone().merge(b);
    for (const sketch of [a, b, merged]) {
      expect(sketch.data().length).toBeGreaterThanOrEqual(4);
      const { items, ranks } = sketch.rankMap();
      for (let i = 0; i < items.length; i++) {
        expect(ranks[i]).toBe(sketch.rank(items[i] as number));
        if (i > 0) expect(items[i]).toBeGreaterThan(items[i - 1] as number);
      }
      // SageMaker's buckets, from the ranks of every level as Deequ computes them.
      const all = sketch.data().flat();
      const min = Math.min(...all);
      const max = Math.max(...all);
      const expected = Array.from({ length: 10 }, (_, i) => {
        const lower = min + ((max - min) * i) / 10;
        const upper = min + ((max - min) * (i + 1)) / 10;
        const top = i === 9 ? sketch.rank(upper) : sketch.rankExclusive(upper);
        return { lower_bound: lower, upper_bound: upper, count: top - sketch.rankExclusive(lower) };
      });
      expect(sketch.buckets(min, max)).toEqual(expected);
      expect(sketch.buckets(-50, 10)).toEqual(
        Array.from({ length: 10 }, (_, i) => {
          const lower = -50 + (60 * i) / 10;
          const upper = -50 + (60 * (i + 1)) / 10;
          const top = i === 9 ? sketch.rank(upper) : sketch.rankExclusive(upper);
          return { lower_bound: lower, upper_bound: upper, count: top - sketch.rankExclusive(lower) };
        }),
      );
    }
  });
});
