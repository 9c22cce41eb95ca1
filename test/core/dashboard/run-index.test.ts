import { type MetricDatum, type MonitoringExecutionDetail, runMonitor } from '@vigil/core';
import {
  appendRunSummary,
  parseRunIndex,
  runIndexKey,
  summarizeRun,
  updateRunIndex,
} from '@vigil/core/dashboard';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';
import { recordingPorts } from '../../support/recording-ports.ts';

const detail: MonitoringExecutionDetail = {
  endpointName: 'churn',
  variantName: 'AllTraffic',
  monitoringScheduleName: 'churn-data-quality',
  monitoringType: 'DataQuality',
  status: 'CompletedWithViolations',
  scheduledTime: '2024-05-01T13:00:00.000Z',
  windowStart: '2024-05-01T12:00:00.000Z',
  windowEnd: '2024-05-01T13:00:00.000Z',
  reportUri: 'memory://vigil/reports/churn/data-quality/2024/05/01/13/',
  violationCount: 1,
  violations: [
    {
      subject: 'wind',
      checkType: 'baseline_drift_check',
      description: 'Baseline drift distance: 0.5 exceeds threshold: 0.1',
    },
  ],
  metrics: { feature_baseline_drift_wind: 0.5, feature_baseline_drift_temp: 0 },
  skipped: [],
  recordCount: 120,
};

const driftReport = JSON.stringify({
  features: {
    wind: { type: 'numerical', method: 'wasserstein', value: 0.41, threshold: 0.1, drift: true },
    temp: { type: 'numerical', method: 'wasserstein', value: 0.2, threshold: 0.1, drift: false },
    broken: { value: 'n/a' },
  },
});
const constraints = JSON.stringify({
  monitoring_config: { distribution_constraints: { comparison_threshold: 0.1 } },
});

function withWindow(
  hour: number,
  status: MonitoringExecutionDetail['status'] = 'Completed',
): MonitoringExecutionDetail {
  const start = new Date(Date.UTC(2024, 4, 1, hour));
  const end = new Date(start.getTime() + 3_600_000);
  return {
    ...detail,
    status,
    windowStart: start.toISOString(),
    windowEnd: end.toISOString(),
    scheduledTime: end.toISOString(),
  };
}

describe('summarizeRun', () => {
  it('keeps the headline metrics and takes thresholds and drift flags from the report files that state them', () => {
    const summary = summarizeRun(detail, [
      { name: 'drift_report.json', body: driftReport },
      { name: 'constraints.json', body: constraints },
      { name: 'statistics.json', body: '{}' },
    ]);
    expect(summary.metrics).toEqual({
      feature_baseline_drift_wind: 0.5,
      feature_baseline_drift_temp: 0,
      vigil_drift_score_wind: 0.41,
      vigil_drift_score_temp: 0.2,
    });
    const above = { value: 0.1, comparison: 'GreaterThanThreshold' };
    expect(summary.thresholds).toEqual({
      vigil_drift_score_wind: above,
      vigil_drift_score_temp: above,
      feature_baseline_drift_wind: above,
      feature_baseline_drift_temp: above,
    });
    expect(summary.flagged).toEqual(['vigil_drift_score_wind']);
    expect(summary.violations).toEqual([{ subject: 'wind', checkType: 'baseline_drift_check' }]);
    expect(summary.reportHtml).toBeUndefined();
    expect(summary.estimates).toBeUndefined();
  });

  it('takes the estimate band from estimated_quality.json, attributions from the metric data, and notes a report.html', () => {
    const estimated = JSON.stringify({
      metrics: {
        accuracy: { estimated: 0.8, standard_deviation: 0.03, lower: 0.71, upper: 0.89, realized: 0.79 },
        auc: { estimated: 'unknown' },
      },
    });
    const attribution: MetricDatum = {
      namespace: 'aws/sagemaker/Endpoints/explainability-metrics',
      name: 'feature_wind',
      dimensions: { Endpoint: 'churn', Label: 'label0', ValueType: 'GlobalShapValues' },
      value: 0.14,
      timestamp: new Date('2024-05-01T13:00:00Z'),
    };
    const other: MetricDatum = {
      ...attribution,
      name: 'vigil_violations',
      dimensions: { Endpoint: 'churn' },
      value: 1,
    };
    const summary = summarizeRun(
      { ...detail, metrics: { accuracy: 0.79, broken: Number.NaN } },
      [
        { name: 'estimated_quality.json', body: estimated },
        { name: 'report.html', body: '<html></html>' },
        { name: 'drift_report.json', body: 'not json' },
      ],
      [attribution, other],
    );
    expect(summary.estimates).toEqual({ accuracy: { estimated: 0.8, lower: 0.71, upper: 0.89 } });
    expect(summary.metrics).toEqual({ accuracy: 0.79, 'label0.feature_wind': 0.14 });
    expect(summary.reportHtml).toBe(true);
    expect(summary.thresholds).toBeUndefined();
  });
});

describe('the run index', () => {
  it('keeps one run per window, the later line winning, in window order, and counts lines that are not runs', () => {
    let text = appendRunSummary(undefined, summarizeRun(withWindow(14)));
    text = appendRunSummary(text, summarizeRun(withWindow(12, 'Failed')));
    text = `${text}{"torn":`;
    text = appendRunSummary(text, summarizeRun(withWindow(12, 'Completed')));
    const { runs, unreadableLines } = parseRunIndex(text);
    expect(runs.map((r) => [r.windowStart, r.status])).toEqual([
      ['2024-05-01T12:00:00.000Z', 'Completed'],
      ['2024-05-01T14:00:00.000Z', 'Completed'],
    ]);
    expect(unreadableLines).toBe(1);
    expect(runIndexKey('churn model', 'ModelQuality', 'vigil')).toBe(
      'vigil/index/runs/churn%20model/ModelQuality.jsonl',
    );
  });

  it('loses no run when many settle at once: each append is a compare-and-swap that retries', async () => {
    const store = new MemoryStore();
    const hours = Array.from({ length: 12 }, (_, i) => i);
    await Promise.all(hours.map((hour) => updateRunIndex({ store }, withWindow(hour))));
    const { runs } = parseRunIndex(
      new TextDecoder().decode(await store.get(runIndexKey('churn', 'DataQuality'))),
    );
    expect(runs.map((r) => new Date(r.windowStart).getUTCHours())).toEqual(hours);
  });
});

describe('runMonitor appends to the run index at settle', () => {
  const hour = new Date('2024-05-01T13:00:00Z');
  const window = { start: new Date('2024-05-01T12:00:00Z'), end: hour };

  function run(store: MemoryStore, withRecords: boolean) {
    const { ports } = recordingPorts(new Date('2024-05-01T13:07:00Z'));
    return runMonitor(ports, {
      monitor: 'data-quality',
      endpoint: 'churn',
      scheduledTime: hour,
      window,
      output: { store, key: 'reports/churn/data-quality/2024/05/01/13/' },
      ...(withRecords ? { records: { store } } : {}),
      compute: async (current) => {
        current.recordCount = 50;
        current.metrics.feature_baseline_drift_wind = 0.3;
        return {
          files: [{ name: 'drift_report.json', body: driftReport }],
          violations: [{ subject: 'wind', checkType: 'baseline_drift_check', description: 'drifted' }],
        };
      },
    });
  }

  it('once per window: a duplicate schedule of a settled window adds no line', async () => {
    const store = new MemoryStore();
    await run(store, true);
    expect((await run(store, true)).duplicate).toBe(true);
    const text = new TextDecoder().decode(await store.get(runIndexKey('churn', 'DataQuality')));
    expect(text.trim().split('\n')).toHaveLength(1);
    const [summary] = parseRunIndex(text).runs;
    expect(summary).toMatchObject({
      status: 'CompletedWithViolations',
      recordCount: 50,
      violationCount: 1,
      reportUri: 'memory://vigil/reports/churn/data-quality/2024/05/01/13/',
      metrics: { feature_baseline_drift_wind: 0.3, vigil_drift_score_wind: 0.41 },
      flagged: ['vigil_drift_score_wind'],
      // runMonitor writes report.html with the run's files, so the dashboard can link it.
      reportHtml: true,
    });
    expect(store.objects.has('reports/churn/data-quality/2024/05/01/13/report.html')).toBe(true);
  });

  it("not for a run without Vigil's store for records (a CLI run on given files)", async () => {
    const store = new MemoryStore();
    await run(store, false);
    expect([...store.objects.keys()].filter((key) => key.startsWith('index/'))).toEqual([]);
  });
});
