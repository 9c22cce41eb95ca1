import { readFileSync } from 'node:fs';
import type { LabeledPrediction } from '@vigil/core/modelquality';
import {
  compareMetrics,
  meanSampleSize,
  normalCdf,
  normalQuantile,
  proportionSampleSize,
  studentTQuantile,
  studentTTwoSided,
} from '@vigil/core/variants';
import { describe, expect, it } from 'vitest';

interface VariantRows {
  labels: (number | string)[];
  predictions: (number | string)[];
  probabilities?: number[];
}
interface ExpectedTest {
  champion: number;
  challenger: number;
  difference: number;
  confidenceInterval: [number, number];
  pValue: number;
  degreesOfFreedom?: number;
}
interface Case {
  name: string;
  problemType: 'BinaryClassification' | 'MulticlassClassification' | 'Regression';
  alpha: number;
  power: number;
  minimumEffect: number;
  champion: VariantRows;
  challenger: VariantRows;
  expected: {
    metrics: Record<string, ExpectedTest>;
    decisions: Record<string, string>;
    sampleSize?: Record<string, number>;
  };
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/variants/cases.json', import.meta.url), 'utf8'),
) as {
  cases: Case[];
  power: (
    | { kind: 'proportion'; p1: number; p2: number; n: number }
    | {
        kind: 'mean';
        delta: number;
        sd1: number;
        sd2: number;
        n: number;
      }
  )[];
  distributions: Record<string, number[][]>;
};

const rows = (v: VariantRows): LabeledPrediction[] =>
  v.labels.map((label, i) => ({ label, prediction: v.predictions[i], probability: v.probabilities?.[i] }));

/** Relative closeness for values that may be tiny (p-values) and absolute for values near 0. */
const close = (actual: number, expected: number, rel = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-12) + 1e-13);

describe('distribution functions against scipy', () => {
  it.each(fixture.distributions.normalCdf!)('Φ(%d)', (x, expected) => close(normalCdf(x!), expected!, 1e-12));
  it.each(fixture.distributions.normalQuantile!)('Φ⁻¹(%d)', (p, expected) =>
    close(normalQuantile(p!), expected!, 1e-12),
  );
  it.each(fixture.distributions.studentTTwoSided!)('P(|T| ≥ %d), df %d', (t, df, expected) =>
    close(studentTTwoSided(t!, df!), expected!, 1e-10),
  );
  it.each(fixture.distributions.studentTQuantile!)('t quantile %d, df %d', (p, df, expected) =>
    close(studentTQuantile(p!, df!), expected!, 1e-10),
  );
});

describe('compareMetrics against scipy/statsmodels on generated variants', () => {
  describe.each(fixture.cases)('$name', (c) => {
    const comparisons = compareMetrics(c.problemType, rows(c.champion), rows(c.challenger), {
      significance: c.alpha,
      minimumEffect: c.minimumEffect,
      power: c.power,
    });
    it('tests exactly the expected metrics', () => {
      expect(comparisons.map((m) => m.metric).sort()).toEqual(Object.keys(c.expected.metrics).sort());
    });
    it.each(Object.entries(c.expected.metrics))(
      '%s: values, interval, p-value and decision',
      (metric, expected) => {
        const actual = comparisons.find((m) => m.metric === metric)!;
        close(actual.champion, expected.champion, 1e-12);
        close(actual.challenger, expected.challenger, 1e-12);
        close(actual.difference, expected.difference, 1e-9);
        close(actual.confidenceInterval[0], expected.confidenceInterval[0], 1e-8);
        close(actual.confidenceInterval[1], expected.confidenceInterval[1], 1e-8);
        close(actual.pValue, expected.pValue, 1e-7);
        if (expected.degreesOfFreedom !== undefined)
          close(actual.degreesOfFreedom!, expected.degreesOfFreedom, 1e-10);
        expect(actual.decision).toBe(c.expected.decisions[metric]);
      },
    );
    it.each(Object.entries(c.expected.sampleSize ?? {}))('%s: sample size still needed', (metric, n) => {
      const actual = comparisons.find((m) => m.metric === metric)!;
      if (actual.decision === 'inconclusive') {
        // statsmodels solves the noncentral t exactly; Vigil's closed form is within one.
        expect(Math.abs((actual.sampleSizeNeeded as number) - n)).toBeLessThanOrEqual(1);
      } else {
        expect(actual.sampleSizeNeeded).toBeUndefined();
      }
    });
  });

  it('the inconclusive case is inconclusive on accuracy and says how many more it needs', () => {
    const c = fixture.cases.find((x) => x.name === 'binary-inconclusive')!;
    const accuracy = compareMetrics(c.problemType, rows(c.champion), rows(c.challenger), {
      significance: c.alpha,
      minimumEffect: c.minimumEffect,
    }).find((m) => m.metric === 'accuracy')!;
    expect(accuracy.decision).toBe('inconclusive');
    expect(accuracy.pValue).toBeGreaterThan(0.05);
    expect(accuracy.sampleSizeNeeded).toBe(c.expected.sampleSize!.accuracy);
    expect(accuracy.sampleSizeNeeded).toBeGreaterThan(c.champion.labels.length);
  });
});

describe('sample sizes against statsmodels', () => {
  it.each(fixture.power)('$kind %#', (row) => {
    const target = { alpha: 0.05, power: 0.8 };
    if (row.kind === 'proportion') expect(proportionSampleSize(row.p1, row.p2, target)).toBe(row.n);
    else expect(Math.abs(meanSampleSize(row.delta, row.sd1, row.sd2, target) - row.n)).toBeLessThanOrEqual(1);
  });
});
