import { describe, expect, it } from 'vitest';
import { trainLogisticRegression } from '../../packages/cli/src/demo/logistic-regression.ts';

describe('logistic regression', () => {
  it('matches scikit-learn LogisticRegression(C=1) on standardized features', () => {
    const n = 40;
    const rows = Array.from({ length: n }, (_, i) => [i / 10, Math.sin(i), (i * 3) % 7]);
    const labels = Array.from({ length: n }, (_, i) => ((i * 7) % 5 > 1 !== (i % 9 === 0) ? 1 : 0));
    const model = trainLogisticRegression(rows, labels);
    // sklearn 1.2.1, StandardScaler (population std) + LogisticRegression(C=1, tol=1e-12), back to raw scale.
    const expected = [-0.1873984848342824, -0.143150000737449, -0.014593844968606854];
    model.weights.forEach((w, j) => {
      expect(Math.abs(w - expected[j]!)).toBeLessThan(1e-6);
    });
    expect(Math.abs(model.intercept - 0.720059142386553)).toBeLessThan(1e-6);
    expect(model.predict([0, 0, 0])).toBeCloseTo(1 / (1 + Math.exp(-model.intercept)), 12);
  });

  it('rejects text features', () => {
    expect(() => trainLogisticRegression([['a']], [1])).toThrow(/encode features as numbers/);
  });
});
