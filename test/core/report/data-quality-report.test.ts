import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MonitoringExecutionDetail } from '@vigil/core';
import { type DriftReport, parseStatisticsFile, type StatisticsFile } from '@vigil/core/dataquality';
import { dataQualitySection, renderRunReport } from '@vigil/core/report';
import { describe, expect, it } from 'vitest';
import {
  barsOf,
  chartsOf,
  edgesOf,
  hrefsOf,
  tagNames,
  textsOf,
  verdictsOf,
  violationItemsOf,
} from '../../support/report-html.ts';

const fixture = (path: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../shared/fixtures/sagemaker/${path}`, import.meta.url)),
    'utf8',
  );

// The real SageMaker baseline of a house-price data set (23,432 rows, compacted KLL sketches).
const baseline = parseStatisticsFile(fixture('dq-baseline-aai540/statistics.json'));

// The window: every price doubled (sketch items, buckets and summary), and one state's records gone.
function doubledPrices(): StatisticsFile {
  const current = structuredClone(baseline);
  const price = current.features.find((f) => f.name === 'price')!.numerical_statistics!;
  price.mean = (price.mean as number) * 2;
  price.min = (price.min as number) * 2;
  price.max = (price.max as number) * 2;
  const kll = price.distribution!.kll!;
  kll.sketch!.data = kll.sketch!.data.map((level) => level.map((v) => v * 2));
  kll.buckets = kll.buckets!.map((b) => ({
    ...b,
    lower_bound: b.lower_bound * 2,
    upper_bound: b.upper_bound * 2,
  }));
  const state = current.features.find((f) => f.name === 'state')!.string_statistics!.distribution!
    .categorical!;
  state.buckets = state.buckets!.filter((b) => b.value !== 'California');
  return current;
}

const driftReport: DriftReport = {
  features: {
    price: { type: 'numerical', method: 'wasserstein', value: 0.5, threshold: 0.1, drift: true },
    bedrooms: { type: 'numerical', method: 'wasserstein', value: 0.01, threshold: 0.1, drift: false },
    bathrooms: { type: 'numerical', method: 'ks', value: 0.001, threshold: 0.05, drift: true },
    state: { type: 'categorical', method: 'jensen_shannon', value: 0.2, threshold: 0.1, drift: true },
    zipcode: {
      type: 'categorical',
      method: 'jensen_shannon',
      value: null,
      threshold: 0.1,
      drift: false,
      not_computed: 'the baseline has no categorical buckets',
    },
  },
  drifted_features: ['price', 'bathrooms', 'state'],
};

const violations = [
  {
    feature_name: 'price',
    constraint_check_type: 'baseline_drift_check',
    description: 'Baseline drift distance: 0.5 exceeds threshold: 0.1',
  },
  {
    feature_name: 'state',
    constraint_check_type: 'baseline_drift_check',
    description: 'Baseline drift distance: 0.13 exceeds threshold: 0.1',
  },
];

const detail: MonitoringExecutionDetail = {
  endpointName: 'houses',
  monitoringScheduleName: 'houses-data-quality',
  monitoringType: 'DataQuality',
  status: 'CompletedWithViolations',
  scheduledTime: '2024-10-27T18:00:00.000Z',
  windowStart: '2024-10-27T17:00:00.000Z',
  windowEnd: '2024-10-27T18:00:00.000Z',
  reportUri: 's3://b/reports/houses/data-quality/2024/10/27/18/',
  violationCount: 2,
  violations: [],
  metrics: {},
  skipped: [],
  recordCount: 23432,
};

const current = doubledPrices();
const html = renderRunReport({
  detail,
  report: dataQualitySection({ baseline, current, driftReport, violations }),
  files: ['statistics.json', 'drift_report.json', 'constraint_violations.json'],
});
const chartOf = (feature: string) =>
  chartsOf(html).find(
    (svg) =>
      svg.includes(`aria-label="Distribution of ${feature},`) ||
      svg.includes(`aria-label="Categories of ${feature},`),
  );

describe('the data-quality report of a run, from the real aai540 baseline', () => {
  it('lists every feature with its verdict: violation, drift not counted, ok, not checked', () => {
    const verdicts = verdictsOf(html);
    expect([...verdicts.keys()]).toEqual(baseline.features.map((f) => f.name));
    expect(Object.fromEntries(verdicts)).toMatchObject({
      price: 'violation',
      state: 'violation',
      bathrooms: 'drift',
      bedrooms: 'ok',
      zipcode: 'not checked',
      // No drift method applies and no constraint failed.
      id: 'ok',
    });
    expect(html).toContain('<code>wasserstein</code></td><td class="num">0.5</td><td class="num">≥ 0.1</td>');
    // ks is a p-value: drift below the threshold.
    expect(html).toContain('<code>ks</code></td><td class="num">0.001</td><td class="num">&lt; 0.05</td>');
  });

  it('says each violation in plain words: what moved, the method against its threshold, the check', () => {
    const items = violationItemsOf(html);
    expect(items[0]).toBe(
      'price: mean moved from 614700 to 1.23e+6; wasserstein 0.5 ≥ 0.1; baseline_drift_check: Baseline drift distance: 0.5 exceeds threshold: 0.1',
    );
    // California held 2,950 of 23,432 records; without it the share is 0.
    expect(items[1]).toMatch(
      /^state: share of "California" moved from 12\.6% to 0\.0%; jensen_shannon 0\.2 ≥ 0\.1; /,
    );
    expect(items[2]).toBe('bathrooms: mean moved from 2.558 to 2.558; ks 0.001 < 0.05');
    expect(html).toContain("Drift that the run's settings do not count as a violation:");
  });

  it('draws baseline and current of each numeric feature on the same bin edges', () => {
    const numeric = baseline.features.filter((f) => f.numerical_statistics).map((f) => f.name);
    expect(numeric).toHaveLength(8);
    for (const name of numeric) {
      const svg = chartOf(name)!;
      expect(svg, name).toBeDefined();
      const edges = edgesOf(svg);
      const pairs = edges.slice(1).map((hi, i) => `${edges[i]}–${hi}`);
      const bars = barsOf(svg);
      for (const series of ['baseline', 'current']) {
        const own = bars.filter((b) => b.series === series);
        expect(
          own.map((b) => `${b.lo}–${b.hi}`),
          `${name} ${series}`,
        ).toEqual(pairs);
        expect(own.reduce((sum, b) => sum + b.share!, 0)).toBeCloseTo(1, 9);
      }
    }
  });

  it('re-bins faithfully: the mean of the binned shares is the mean SageMaker computed, within a bin', () => {
    for (const [name, file] of [
      ['price', current],
      ['price_per_sqft', baseline],
      ['sqft_living', baseline],
    ] as const) {
      const svg = chartOf(name)!;
      const bars = barsOf(svg).filter((b) => b.series === (file === current ? 'current' : 'baseline'));
      const binnedMean = bars.reduce((sum, b) => sum + ((b.lo! + b.hi!) / 2) * b.share!, 0);
      const width = bars[0]!.hi! - bars[0]!.lo!;
      const mean = file.features.find((f) => f.name === name)!.numerical_statistics!.mean as number;
      expect(Math.abs(binnedMean - mean), name).toBeLessThan(width / 2);
    }
  });

  it('labels both axes and gives them tick values', () => {
    for (const svg of chartsOf(html)) {
      expect(textsOf(svg, 'y-title')).toEqual(['share of records']);
      expect(textsOf(svg, 'x-title')[0]).toMatch(/\((value, \d+ equal-width bins|category)\)$/);
      expect(textsOf(svg, 'y-tick').length).toBeGreaterThanOrEqual(3);
      expect(textsOf(svg, 'y-tick')[0]).toBe('0.0%');
      // A tick per category, or at least three along a numeric axis.
      expect(textsOf(svg, 'x-tick').length).toBeGreaterThanOrEqual(Math.min(3, barsOf(svg).length / 2));
    }
    const bins = edgesOf(chartOf('price')!).length - 1;
    expect(bins).toBeGreaterThanOrEqual(10);
    expect(bins).toBeLessThanOrEqual(20);
    expect(textsOf(chartOf('price')!, 'x-title')).toEqual([`price (value, ${bins} equal-width bins)`]);
  });

  it('draws a categorical feature as grouped bars on the union of categories', () => {
    const bars = barsOf(chartOf('state')!);
    const baselineBars = bars.filter((b) => b.series === 'baseline');
    const currentBars = bars.filter((b) => b.series === 'current');
    expect(baselineBars.map((b) => b.category)).toEqual(currentBars.map((b) => b.category));
    // California is in the union although the window has none of it.
    expect(currentBars.find((b) => b.category === 'California')?.value).toBe(0);
    expect(baselineBars.find((b) => b.category === 'California')?.value).toBeCloseTo(2950 / 23432, 12);
    // The window's shares are of its own records: Texas 2,881 of 23,432 − 2,950.
    expect(currentBars.find((b) => b.category === 'Texas')?.value).toBeCloseTo(2881 / (23432 - 2950), 12);
  });

  it('says so when the window matches the baseline', () => {
    const same = renderRunReport({
      detail: { ...detail, status: 'Completed', violationCount: 0 },
      report: dataQualitySection({ baseline, current: baseline, violations: [] }),
      files: [],
    });
    expect(same).toContain('No violations: every check passed.');
    expect(violationItemsOf(same)).toEqual([]);
    expect(new Set(verdictsOf(same).values())).toEqual(new Set(['ok']));
    // Both series on the same bins and of the same shares: the baseline against itself.
    for (const svg of chartsOf(same).filter((c) => c.includes('data-edges'))) {
      const bars = barsOf(svg);
      const shares = (series: string) => bars.filter((b) => b.series === series).map((b) => b.share);
      expect(shares('current')).toEqual(shares('baseline'));
    }
  });

  it('links the files beside it relatively, and loads nothing from elsewhere', () => {
    expect(hrefsOf(html)).toEqual(['statistics.json', 'drift_report.json', 'constraint_violations.json']);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(new Set(tagNames(html))).not.toContain('script');
    expect(new Set(tagNames(html))).not.toContain('link');
    expect(html).toMatch(/^<!doctype html>/);
  });
});
