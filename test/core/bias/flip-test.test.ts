import { flipTest, seededRandom } from '@vigil/core/bias';
import { describe, expect, it } from 'vitest';

// Random datasets drawn from seededRandom (mulberry32), and FT as smclarify computes it with
// scikit-learn 1.2.1's KNeighborsClassifier on the same draws (ported generator, run once in
// Python while writing this test). Continuous features, so neighbour ties do not arise.
const SKLEARN_FT: [seed: number, rows: number, features: number, na: number, nd: number, ft: number][] = [
  [1, 60, 4, 29, 31, -0.6129032258064516],
  [2, 200, 3, 129, 71, -0.323943661971831],
  [3, 500, 6, 302, 198, -0.36363636363636365],
  [4, 14, 2, 7, 7, -0.14285714285714285], // n_a ≤ 9: one neighbour
  [5, 1000, 5, 619, 381, -0.4461942257217848],
];

function dataset(seed: number, n: number, features: number) {
  const random = seededRandom(seed);
  const rows: number[][] = [];
  const facet: boolean[] = [];
  const predicted: boolean[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(Array.from({ length: features }, () => random() * 10));
    const d = random() < 0.4;
    facet.push(d);
    predicted.push(random() < (d ? 0.3 : 0.6));
  }
  return { rows, facet, predicted };
}

describe('flipTest against scikit-learn', () => {
  it('draws the same stream as the Python port of the generator', () => {
    expect(seededRandom(42)()).toBe(0.6011037519201636);
  });

  it.each(SKLEARN_FT)('seed %d, %d rows × %d features', (seed, n, features, na, nd, expected) => {
    const { rows, facet, predicted } = dataset(seed, n, features);
    expect(facet.filter((d) => !d).length).toBe(na);
    expect(facet.filter(Boolean).length).toBe(nd);
    const value = flipTest({
      facet,
      positivePredictedLabel: predicted,
      features: { columns: rows[0]!.map((_, j) => `f${j}`), rows, nonNumericColumns: [] },
    });
    expect(value).toBe(expected);
  });

  it('fails on its own, saying what to do, past the work limit', () => {
    const n = 20000;
    expect(() =>
      flipTest({
        facet: Array.from({ length: n }, (_, i) => i % 2 === 0),
        positivePredictedLabel: Array.from({ length: n }, (_, i) => i % 3 === 0),
        features: {
          columns: Array.from({ length: 30 }, (_, j) => `f${j}`),
          rows: Array.from({ length: n }, () => []),
          nonNumericColumns: [],
        },
      }),
    ).toThrow(/leave FT out of the methods/);
  });
});
