import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderDataQualityReport, type StatisticsFile } from '@vigil/core/report';
import { describe, expect, it } from 'vitest';

const fixture = (path: string) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../../shared/fixtures/${path}`, import.meta.url)), 'utf8'),
  );

describe('renderDataQualityReport', () => {
  const baseline = fixture('sagemaker/dq-baseline-aai540/statistics.json') as StatisticsFile;
  const current = structuredClone(baseline);
  const price = current.features.find((f) => f.name === 'price');
  for (const bucket of price?.numerical_statistics?.distribution?.kll?.buckets ?? []) bucket.count *= 2;

  it('charts every drifted feature against the baseline, numeric and categorical', () => {
    const html = renderDataQualityReport({
      title: 'Data quality <check>',
      endpoint: 'houses',
      window: { start: new Date('2024-10-01T12:00:00Z'), end: new Date('2024-10-01T13:00:00Z') },
      baseline,
      current,
      violations: {
        violations: [
          {
            feature_name: 'price',
            constraint_check_type: 'baseline_drift_check',
            description: 'distance: 0.2 exceeds threshold: 0.1',
          },
          { feature_name: 'state', constraint_check_type: 'baseline_drift_check', description: 'x' },
        ],
      },
    });
    expect(html).toContain('<title>Data quality &lt;check&gt;</title>');
    expect(html).toContain('<b>2</b> violations on 2 features');
    const sections = html.match(/<section>.*?<\/section>/g) ?? [];
    expect(sections).toHaveLength(2);
    // 10 baseline + 10 current KLL buckets for the numeric feature.
    expect(sections[0]?.match(/<rect [^>]*fill-opacity/g)).toHaveLength(20);
    expect(sections[1]).toContain('<h3>state</h3>');
    expect(sections[1]).toMatch(/<text[^>]*>[A-Z]/);
    expect(html).not.toMatch(/<script/);
  });

  it('says so when nothing drifted', () => {
    const html = renderDataQualityReport({
      title: 't',
      endpoint: 'e',
      window: { start: new Date(0), end: new Date(3_600_000) },
      baseline,
      current: baseline,
      violations: { violations: [] },
    });
    expect(html).toContain('None: the window matches the baseline.');
    expect(html).not.toContain('<section>');
  });
});
