import { readFileSync } from 'node:fs';
import {
  chiSquaredTest,
  createDataQualityBaseline,
  evaluateDataQuality,
  parseConstraintsFile,
  parseStatisticsFile,
  regroupCategories,
} from '@vigil/core/dataquality';
import { ProfileBuilder } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

interface RegroupCase {
  name: string;
  baseline: [string, number][];
  current: [string, number][];
  categories: number;
  statistic: number | null;
  pValue: number | null;
}

const cases: RegroupCase[] = JSON.parse(
  readFileSync(new URL('./fixtures/chi-squared-regroup.json', import.meta.url), 'utf8'),
);

describe("chiSquaredTest with Deequ's regroupCategories (expected values from scipy)", () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = chiSquaredTest(new Map(c.baseline), new Map(c.current));
    expect(result.categories).toBe(c.categories);
    if (c.pValue === null || c.statistic === null) {
      expect(result.pValue).toBeNaN();
      return;
    }
    expect(result.degreesOfFreedom).toBe(c.categories - 1);
    expect(Math.abs(result.statistic - c.statistic)).toBeLessThanOrEqual(1e-9 * Math.max(1, c.statistic));
    expect(Math.abs(result.pValue - c.pValue)).toBeLessThanOrEqual(1e-9 + 1e-6 * c.pValue);
  });

  it('keeps merging below 2 categories: a small window of a binary feature is no test, not a violation', () => {
    // 52 rows of a 90/10 feature: 5.2 expected ones, under Cochran's 10, so both pool into one.
    const result = chiSquaredTest(
      new Map([
        ['0', 900],
        ['1', 100],
      ]),
      new Map([
        ['0', 40],
        ['1', 12],
      ]),
    );
    expect([result.categories, result.pValue]).toEqual([1, Number.NaN]);
  });

  it('merges the smallest category into the next smallest, expected and observed alike', () => {
    expect(
      regroupCategories([
        { key: 'a', expected: 80, observed: 70 },
        { key: 'b', expected: 12, observed: 20 },
        { key: 'c', expected: 4, observed: 6 },
        { key: 'd', expected: 4, observed: 4 },
      ]),
    ).toEqual([
      { key: 'a', expected: 80, observed: 70 },
      { key: 'b', expected: 12, observed: 20 },
      { key: 'd', expected: 8, observed: 10 },
    ]);
  });
});

describe('ChiSquared drift in evaluateDataQuality', () => {
  async function* once(text: string): AsyncIterable<Uint8Array> {
    yield new TextEncoder().encode(text);
  }

  it('reports a small window of a binary feature as not testable instead of a violation', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 'yes' : 'no'));
    const files = await createDataQualityBaseline(once(`flag\n${rows.join('\n')}\n`), {
      format: 'csv',
      header: true,
    });
    const constraints = JSON.parse(files.constraints);
    constraints.monitoring_config.distribution_constraints.categorical_drift_method = 'ChiSquared';
    const builder = new ProfileBuilder();
    for (let i = 0; i < 52; i++) builder.addRow([i < 12 ? 'yes' : 'no']);
    const evaluation = evaluateDataQuality(builder.build(), {
      statistics: parseStatisticsFile(files.statistics),
      constraints: parseConstraintsFile(JSON.stringify(constraints)),
    });
    expect(evaluation.violations).toEqual([]);
    expect(evaluation.drift).toEqual([]);
    expect(evaluation.notes).toEqual([
      expect.stringMatching(/^flag: chi-squared drift test not run: .*left one category/),
    ]);
  });
});
