import { describe, expect, it } from 'vitest';
import { binomial, coalitionCount, planCoalitions } from '../../../packages/core/src/explain/coalitions.ts';
import { functionInvoker } from '../../../packages/core/src/explain/function-invoker.ts';
import { kernelShap } from '../../../packages/core/src/explain/kernel-shap.ts';
import { seededRandom } from '../../../packages/core/src/explain/prng.ts';

const linear = (w: number[], c: number) => (x: readonly (number | string)[]) =>
  w.reduce((s, wi, i) => s + wi * Number(x[i]), c);
const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

function randomRows(count: number, width: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: width }, () => random.next() * 4 - 2));
}

describe('coalition count', () => {
  it('follows min(2M + 2048, 2^M − 2), as the SageMaker docs give for 10 and 20 features', () => {
    expect(coalitionCount(10)).toBe(1022);
    expect(coalitionCount(11)).toBe(2046);
    expect(coalitionCount(12)).toBe(2072);
    expect(coalitionCount(20)).toBe(2088);
    expect(coalitionCount(20, 500)).toBe(500);
    expect(coalitionCount(3, 500)).toBe(6);
  });

  it('enumerates every proper coalition once up to 11 features, with the Shapley kernel weights', () => {
    for (let m = 2; m <= 11; m++) {
      const plan = planCoalitions(m, coalitionCount(m), seededRandom(1));
      expect(plan.masks.length).toBe(2 ** m - 2);
      expect(plan.enumeratedCount).toBe(2 ** m - 2);
      expect(new Set(plan.masks.map((mask) => mask.join(''))).size).toBe(2 ** m - 2);
      // Kernel weight of a coalition of size s is proportional to (M−1)/(C(M,s) s (M−s)).
      const ratio = (mask: Uint8Array, k: number) => {
        const s = mask.reduce((a, b) => a + b, 0);
        return plan.weights[k]! / ((m - 1) / (binomial(m, s) * s * (m - s)));
      };
      const first = ratio(plan.masks[0]!, 0);
      plan.masks.forEach((mask, k) => {
        expect(ratio(mask, k)).toBeCloseTo(first, 12);
      });
      expect(plan.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('enumerates small sizes first and samples the rest in complement pairs above 11 features', () => {
    const m = 14;
    const plan = planCoalitions(m, coalitionCount(m), seededRandom(3));
    expect(plan.masks.length).toBe(2 * m + 2048);
    // Sizes 1, 2 (and complements 13, 12) fit the budget: 2·(14 + 91) = 210 rows enumerated.
    expect(plan.enumeratedCount).toBe(210);
    // Sizes up to 6 come with their complement; size 7 is its own complement's size and comes alone.
    let pairs = 0;
    for (let k = plan.enumeratedCount; k < plan.masks.length - 1; ) {
      const a = plan.masks[k]!;
      const size = a.reduce((s, v) => s + v, 0);
      expect(size).toBeGreaterThanOrEqual(3);
      expect(size).toBeLessThanOrEqual(11);
      if (size > 7) throw new Error(`mask ${k} of size ${size} is not preceded by its complement`);
      if (size === 7) {
        k += 1;
        continue;
      }
      const b = plan.masks[k + 1]!;
      expect(Array.from(a, (v, j) => v + b[j]!)).toEqual(new Array(m).fill(1));
      pairs++;
      k += 2;
    }
    expect(pairs).toBeGreaterThan(100);
    const total = plan.weights.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
  });
});

describe('kernelShap closed forms', () => {
  it('reproduces the reference case linear-identity-2bg: φ = [1, 0, −0.25], E = 1.05', async () => {
    const f = linear([2, -1, 0.5], 0.3);
    const result = await kernelShap(functionInvoker(f), [[1, 1, 1]], {
      rows: [
        [0, 0, 0],
        [1, 2, 3],
      ],
    });
    expect(result.expectedValues[0]).toBeCloseTo(1.05, 12);
    const phi = result.local[0]![0]!;
    expect(phi[0]).toBeCloseTo(1, 12);
    expect(phi[1]).toBeCloseTo(0, 12);
    expect(phi[2]).toBeCloseTo(-0.25, 12);
  });

  it('gives φ_i = w_i (x_i − mean of baseline column i) for a linear model, exact and sampled', async () => {
    for (const width of [5, 14]) {
      const w = Array.from({ length: width }, (_, i) => (i % 3) - 1.2 + i / 7);
      const f = linear(w, 0.7);
      const background = randomRows(4, width, 11);
      const instances = randomRows(3, width, 12);
      const result = await kernelShap(functionInvoker(f), instances, { rows: background }, { seed: 5 });
      const means = w.map((_, i) => background.reduce((s, r) => s + r[i]!, 0) / background.length);
      expect(Math.abs(result.expectedValues[0]! - background.reduce((s, r) => s + f(r), 0) / 4)).toBeLessThan(
        1e-9,
      );
      instances.forEach((x, n) => {
        const phi = result.local[n]![0]!;
        w.forEach((wi, i) => {
          expect(Math.abs(phi[i]! - wi * (x[i]! - means[i]!))).toBeLessThan(1e-9);
        });
      });
    }
  });

  it('weights the background rows (k-means cluster sizes) in the mean', async () => {
    const f = linear([1, 3], 0);
    const result = await kernelShap(functionInvoker(f), [[2, 2]], {
      rows: [
        [0, 0],
        [1, 1],
      ],
      weights: [3, 1],
    });
    // Weighted background mean is [0.25, 0.25].
    expect(result.local[0]![0]![0]).toBeCloseTo(1.75, 12);
    expect(result.local[0]![0]![1]).toBeCloseTo(5.25, 12);
    expect(result.expectedValues[0]).toBeCloseTo(1, 12);
  });

  it('gives φ_i = w_i (x_i − b_i) in log-odds for a logistic model with use_logit and one baseline row', async () => {
    for (const width of [4, 13]) {
      const w = Array.from({ length: width }, (_, i) => 0.3 * (i - width / 2));
      const c = -0.4;
      const f = (x: readonly (number | string)[]) => sigmoid(linear(w, c)(x));
      const [b] = randomRows(1, width, 21);
      const instances = randomRows(2, width, 22);
      const result = await kernelShap(functionInvoker(f), instances, { rows: [b!] }, { useLogit: true });
      expect(Math.abs(result.expectedValues[0]! - linear(w, c)(b!))).toBeLessThan(1e-9);
      instances.forEach((x, n) => {
        w.forEach((wi, i) => {
          expect(Math.abs(result.local[n]![0]![i]! - wi * (x[i]! - b![i]!))).toBeLessThan(1e-9);
        });
      });
    }
  });

  it('keeps efficiency on a non-linear model: local values sum to f(x) − expected value', async () => {
    const f = (x: readonly (number | string)[]) => {
      const v = x.map(Number);
      return Math.sin(v[0]!) * v[1]! + v[2]! ** 2 - Math.max(v[3]!, v[4]!) + v[5]! * v[6]! * v[0]!;
    };
    for (const width of [7, 12]) {
      const background = randomRows(3, width, 31);
      const instances = randomRows(4, width, 32);
      const result = await kernelShap(functionInvoker(f), instances, { rows: background }, { seed: 2 });
      instances.forEach((x, n) => {
        const sum = result.local[n]![0]!.reduce((s, v) => s + v, 0);
        expect(Math.abs(sum - (f(x) - result.expectedValues[0]!))).toBeLessThan(1e-9);
      });
    }
  });

  it('matches brute-force Shapley values on a non-linear model when every coalition is enumerated', async () => {
    const f = (x: readonly (number | string)[]) => {
      const v = x.map(Number);
      return v[0]! * v[1]! + Math.exp(v[2]! / 3) - v[3]! * v[0]! * v[1]!;
    };
    const background = randomRows(2, 4, 41);
    const [x] = randomRows(1, 4, 42);
    const result = await kernelShap(functionInvoker(f), [x!], { rows: background });
    const value = (set: number) =>
      background.reduce((s, b) => s + f(b.map((bv, j) => ((set >> j) & 1 ? x![j]! : bv))), 0) /
      background.length;
    const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
    for (let i = 0; i < 4; i++) {
      let phi = 0;
      for (let set = 0; set < 16; set++) {
        if ((set >> i) & 1) continue;
        const s = [0, 1, 2, 3].filter((j) => (set >> j) & 1).length;
        phi += ((fact(s) * fact(4 - s - 1)) / fact(4)) * (value(set | (1 << i)) - value(set));
      }
      expect(Math.abs(result.local[0]![0]![i]! - phi)).toBeLessThan(1e-9);
    }
  });

  it('is deterministic for a seed above 11 features and differs for another seed', async () => {
    const f = (x: readonly (number | string)[]) =>
      x.map(Number).reduce((s, v, i) => s + Math.tanh(v * (i + 1)) * v, 0);
    const background = randomRows(2, 15, 51);
    const instances = randomRows(2, 15, 52);
    const run = (seed: number) => kernelShap(functionInvoker(f), instances, { rows: background }, { seed });
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(a.local).toEqual(b.local);
    expect(a.local).not.toEqual(c.local);
  });

  it('explains every output (label) separately and gives zero to features equal to the background', async () => {
    const f = (x: readonly (number | string)[]) => [Number(x[0]) + 2 * Number(x[1]), 3 * Number(x[2])];
    const result = await kernelShap(functionInvoker(f), [[1, 1, 5]], { rows: [[0, 0, 5]] });
    expect(result.local[0]).toEqual([
      [1, 2, 0],
      [0, 0, 0],
    ]);
    expect(result.expectedValues).toEqual([0, 15]);
  });

  it('handles categorical (text) features by substitution', async () => {
    const f = (x: readonly (number | string)[]) => (x[0] === 'red' ? 2 : 0) + Number(x[1]);
    const result = await kernelShap(functionInvoker(f), [['red', 3]], { rows: [['blue', 1]] });
    expect(result.local[0]![0]).toEqual([2, 2]);
  });
});
