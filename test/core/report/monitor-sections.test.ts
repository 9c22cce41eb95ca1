import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type MonitoringExecutionDetail, type RunDefinition, runMonitor } from '@vigil/core';
import { compareWithBaseline, parseAnalysisJson } from '@vigil/core/bias';
import { checkAttributionDrift } from '@vigil/core/explain';
import { checkConstraints, type MetricViolation, parseConstraints } from '@vigil/core/modelquality';
import {
  attributionSection,
  biasSection,
  dataQualitySection,
  modelQualitySection,
  renderRunReport,
} from '@vigil/core/report';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';
import { recordingPorts } from '../../support/recording-ports.ts';
import {
  barsOf,
  chartsOf,
  hrefsOf,
  tagNames,
  verdictsOf,
  violationItemsOf,
} from '../../support/report-html.ts';

const fixture = (path: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../../shared/fixtures/sagemaker/${path}`, import.meta.url)),
    'utf8',
  );

const page = (report: ReturnType<typeof biasSection>) =>
  `${report.sections.map((s) => s.html).join('')}<ul class="violations">${report.violations.map((v) => `<li>${v.subject}: ${v.words}</li>`).join('')}</ul>`;

describe('the model-quality section, from the real regression constraints', () => {
  const { constraints } = parseConstraints(fixture('mq-regression-sdk-pipeline/constraints.json'));
  // A window worse than the baseline on the errors, better on r2.
  const statistics = {
    problemType: 'Regression' as const,
    itemCount: 100,
    metrics: {
      mae: { value: 0.61, standardDeviation: Number.NaN },
      mse: { value: 0.2, standardDeviation: Number.NaN },
      rmse: { value: 0.7, standardDeviation: Number.NaN },
      r2: { value: 0.1, standardDeviation: Number.NaN },
    },
  };
  const { violations } = checkConstraints(statistics, constraints);

  it('holds every metric to its threshold, as the constraint check does', () => {
    const html = page(modelQualitySection({ statistics, constraints, violations }));
    expect(Object.fromEntries(verdictsOf(html))).toEqual({
      mae: 'violation', // 0.61 > 0.504
      mse: 'ok', // 0.2 < 0.334
      rmse: 'violation', // 0.7 > 0.578
      r2: 'ok', // 0.1 is not < −3.2
    });
    expect(violations.map((v: MetricViolation) => v.metricName)).toEqual(['mae', 'rmse']);
    expect(html).toContain('violation when &gt; 0.5041');
    expect(violationItemsOf(html)[0]).toBe(
      "mae: 0.61 > 0.5041, the baseline's threshold (GreaterThanThreshold)",
    );
  });

  it('marks every constrained metric not checked when no labeled row could be used', () => {
    const html = page(modelQualitySection({ constraints, violations: [] }));
    expect([...verdictsOf(html).values()]).toEqual([
      'not checked',
      'not checked',
      'not checked',
      'not checked',
    ]);
    expect(html).toContain('the metrics could not be computed');
  });
});

describe('the bias section, against the real Clarify analysis.json', () => {
  const baselineText = fixture('clarify-bias/analysis.json');
  const baseline = parseAnalysisJson(baselineText);
  // The window: DPL three times as far from 0, CI the same.
  const document = JSON.parse(baselineText);
  for (const entry of document.pre_training_bias_metrics.facets.customer_gender_female)
    for (const m of entry.metrics) if (m.name === 'DPL') m.value *= 3;
  const current = parseAnalysisJson(JSON.stringify(document));
  const { violations } = compareWithBaseline(current, baseline);

  it('has a row per metric with the baseline as its threshold, and the violations of compareWithBaseline', () => {
    const html = page(biasSection({ analysis: current, baseline, violations }));
    const verdicts = verdictsOf(html);
    const metrics = [
      ...document.post_training_bias_metrics.facets.customer_gender_female[0].metrics,
      ...document.pre_training_bias_metrics.facets.customer_gender_female[0].metrics,
    ] as { name: string; value: number | null }[];
    expect(verdicts.size).toBe(metrics.length);
    expect(violations.map((v) => v.metric_name)).toEqual(['DPL']);
    for (const m of metrics) {
      const verdict = verdicts.get(`customer_gender_female=1 ${m.name}`);
      expect(verdict, m.name).toBe(m.name === 'DPL' ? 'violation' : m.value === null ? 'not checked' : 'ok');
    }
    expect(violationItemsOf(html)).toEqual([
      "customer_gender_female=1 DPL: DPL -0.05313 is farther from 0 than the baseline's -0.01771 (pre-training)",
    ]);
  });

  it('says nothing was compared without a baseline', () => {
    const html = page(biasSection({ analysis: current, violations: [] }));
    expect(html).toContain('no baseline: nothing was compared.');
    expect(new Set(verdictsOf(html).values())).toEqual(new Set(['not checked']));
  });
});

describe('the feature-attribution section', () => {
  const baseline = [{ label: 'label0', globalShapValues: { age: 0.5, income: 0.3, zip: 0.05 } }];
  // The ranking reversed: nDCG falls below 0.9.
  const current = [
    { label: 'label0', expectedValue: 0.4, globalShapValues: { age: 0.05, income: 0.3, zip: 0.5 } },
  ];
  const check = checkAttributionDrift(baseline, current, 0.9);

  it('shows nDCG against its threshold and each feature’s baseline and current attribution', () => {
    const html = page(
      attributionSection({
        current,
        baseline,
        ndcgByLabel: check.ndcgByLabel,
        threshold: 0.9,
        violations: check.violations,
      }),
    );
    expect(check.violations).toHaveLength(1);
    expect(verdictsOf(html).get('label0')).toBe('violation');
    expect(violationItemsOf(html)[0]).toMatch(/^label0: nDCG 0\.\d+ < 0\.9: the ranking/);
    const bars = barsOf(chartsOf(html)[0]!);
    expect(bars.filter((b) => b.series === 'baseline').map((b) => [b.category, b.value])).toEqual([
      ['age', 0.5],
      ['income', 0.3],
      ['zip', 0.05],
    ]);
    expect(bars.filter((b) => b.series === 'current').map((b) => [b.category, b.value])).toEqual([
      ['age', 0.05],
      ['income', 0.3],
      ['zip', 0.5],
    ]);
  });
});

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';

describe('a run report with hostile names everywhere', () => {
  it('shows them as text in the facts, table, charts, violations and links', () => {
    const detail = {
      endpointName: `ep${IMG}`,
      variantName: SCRIPT,
      monitoringScheduleName: `s${IMG}`,
      monitoringType: 'DataQuality',
      status: 'Failed',
      scheduledTime: '2024-05-01T13:00:00.000Z',
      windowStart: '2024-05-01T12:00:00.000Z',
      windowEnd: '2024-05-01T13:00:00.000Z',
      reportUri: 'javascript:alert(1)',
      violationCount: 1,
      violations: [{ subject: IMG, checkType: SCRIPT, description: IMG }],
      metrics: {},
      skipped: [{ reason: IMG, count: 2 }],
      recordCount: 2,
      failureReason: SCRIPT,
    } as MonitoringExecutionDetail;
    const statistics = {
      version: 0,
      features: [
        {
          name: IMG,
          inferred_type: 'String' as const,
          string_statistics: {
            common: { num_present: 2, num_missing: 0 },
            distribution: { categorical: { buckets: [{ value: SCRIPT, count: 2 }] } },
          },
        },
      ],
    };
    const withSection = renderRunReport({
      detail,
      report: dataQualitySection({
        baseline: statistics,
        current: statistics,
        violations: [{ feature_name: IMG, constraint_check_type: SCRIPT, description: IMG }],
      }),
      files: [`${IMG}.json`, 'a"b.json'],
    });
    const fromEvent = renderRunReport({ detail, files: [] });
    for (const html of [withSection, fromEvent]) {
      expect(new Set(tagNames(html))).not.toContain('script');
      expect(new Set(tagNames(html))).not.toContain('img');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).not.toContain('javascript:');
    }
    expect(verdictsOf(withSection).get(IMG)).toBe('violation');
    expect(barsOf(chartsOf(withSection)[0]!).map((b) => b.category)).toEqual([SCRIPT, SCRIPT]);
    // Links are the files' names, URI-encoded: never a scheme, never out of the attribute.
    expect(hrefsOf(withSection)).toEqual([encodeURIComponent(`${IMG}.json`), encodeURIComponent('a"b.json')]);
    expect(violationItemsOf(fromEvent)).toEqual([`${IMG}: ${SCRIPT}: ${IMG}`]);
  });
});

describe('runMonitor', () => {
  const hour = new Date('2024-05-01T13:00:00Z');
  const folder = 'reports/ep/bias-drift/2024/05/01/13/';
  const run = (compute: RunDefinition['compute']) => {
    const store = new MemoryStore('mem://r');
    const { ports } = recordingPorts(new Date('2024-05-01T13:07:00Z'));
    return {
      store,
      settled: runMonitor(ports, {
        monitor: 'bias-drift',
        endpoint: 'ep',
        scheduledTime: hour,
        output: { store, key: folder },
        compute,
      }),
    };
  };

  it('writes report.html before a closing constraint_violations.json, from the event when the monitor gives no section', async () => {
    const { store, settled } = run(async () => ({
      files: [
        { name: 'analysis.json', body: '{}' },
        { name: 'constraint_violations.json', body: '{"violations": []}' },
      ],
      violations: [
        { subject: 'DPPL', checkType: 'bias_drift_check', description: 'Metric value 0.4 is worse' },
      ],
    }));
    const { written } = await settled;
    expect(written).toEqual([
      `${folder}analysis.json`,
      `${folder}report.html`,
      `${folder}constraint_violations.json`,
    ]);
    const html = store.text(`${folder}report.html`);
    expect(violationItemsOf(html)).toEqual(['DPPL: bias_drift_check: Metric value 0.4 is worse']);
    expect(hrefsOf(html)).toEqual(['analysis.json', 'constraint_violations.json']);
  });

  it('says why a run that still wrote files failed, first', async () => {
    const { store, settled } = run(async () => ({
      files: [{ name: 'analysis.json', body: '{}' }],
      failureReason:
        'The baseline analysis.json cannot be used (not JSON): bias metrics were computed and published',
    }));
    expect((await settled).detail.status).toBe('Failed');
    const html = store.text(`${folder}report.html`);
    expect(html).toContain(
      '<p class="failure" role="alert"><b>The run failed:</b> The baseline analysis.json cannot be used (not JSON): bias metrics were computed and published</p>',
    );
    expect(html.indexOf('class="failure"')).toBeLessThan(html.indexOf('<h2>Violations</h2>'));
  });

  it('writes no report for a run that broke off before any file', async () => {
    const { store, settled } = run(async () => {
      throw new Error('no capture');
    });
    expect((await settled).written).toEqual([]);
    await expect(store.get(`${folder}report.html`)).rejects.toThrow();
  });
});
