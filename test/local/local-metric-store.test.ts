import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MetricDatum, silentLog } from '@vigil/core';
import { evaluateAlarm, type GuardrailAlarm, periodValues } from '@vigil/core/alerting';
import { LocalMetricStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const NS = 'aws/sagemaker/Endpoints/data-metrics';
const dims = { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' };
const hour = (h: number) => new Date(Date.UTC(2024, 4, 1, h));

function datum(
  name: string,
  value: number,
  at: Date,
  dimensions: Record<string, string> = dims,
): MetricDatum {
  return { namespace: NS, name, dimensions, value, timestamp: at };
}

describe('LocalMetricStore', () => {
  let home: string;
  let store: LocalMetricStore;

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'vigil-metrics-'));
    store = new LocalMetricStore(home);
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('stores data as JSON lines under <home>/metrics/<namespace>/<name>.jsonl', async () => {
    await store.publish([{ ...datum('feature_baseline_drift_age', 0.25, hour(13)), unit: 'None' }]);
    const text = await readFile(join(home, 'metrics', NS, 'feature_baseline_drift_age.jsonl'), 'utf8');
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([{ dimensions: dims, value: 0.25, unit: 'None', timestamp: '2024-05-01T13:00:00.000Z' }]);
  });

  it('answers a query with the data of one metric and dimension set, in [from, to), oldest first', async () => {
    await store.publish([
      datum('feature_baseline_drift_age', 0.3, hour(15)),
      datum('feature_baseline_drift_age', 0.1, hour(13)),
      datum('feature_baseline_drift_age', 0.2, hour(14)),
      datum('feature_baseline_drift_age', 9, hour(14), { ...dims, Extra: 'x' }),
      datum('feature_baseline_drift_age', 8, hour(14), {
        Endpoint: 'other',
        MonitoringSchedule: 'ep-data-quality',
      }),
      datum('feature_baseline_drift_income', 7, hour(14)),
    ]);
    await store.publish([datum('feature_baseline_drift_age', 0.4, hour(16))]);
    const points = await store.query(NS, 'feature_baseline_drift_age', dims, hour(13), hour(16));
    expect(points.map((p) => [p.timestamp.toISOString(), p.value])).toEqual([
      ['2024-05-01T13:00:00.000Z', 0.1],
      ['2024-05-01T14:00:00.000Z', 0.2],
      ['2024-05-01T15:00:00.000Z', 0.3],
    ]);
    expect(points[0]).toEqual({
      namespace: NS,
      name: 'feature_baseline_drift_age',
      dimensions: dims,
      value: 0.1,
      timestamp: hour(13),
    });
  });

  it('identifies a metric by its dimension set whatever the order of the dimensions', async () => {
    await store.publish([datum('m', 1, hour(13), { MonitoringSchedule: 'ep-data-quality', Endpoint: 'ep' })]);
    expect(await store.query(NS, 'm', dims, hour(0), hour(23))).toHaveLength(1);
  });

  it('answers nothing for an unknown metric', async () => {
    expect(await store.query(NS, 'never_published', dims, hour(0), hour(23))).toEqual([]);
  });

  it('stores what CloudWatch would: ±infinity clamped to ±2.348543e108, NaN dropped and counted', async () => {
    await store.publish([
      datum('bias_metric_CI', Number.POSITIVE_INFINITY, hour(13)),
      datum('bias_metric_CI', Number.NEGATIVE_INFINITY, hour(14)),
      datum('bias_metric_CI', Number.NaN, hour(15)),
    ]);
    const points = await store.query(NS, 'bias_metric_CI', dims, hour(0), hour(23));
    expect(points.map((p) => p.value)).toEqual([2.348543e108, -2.348543e108]);
    expect(store.droppedNaN).toBe(1);
  });

  it('stores a statistic set beside its Average and answers it back', async () => {
    // The values 2, 3 and 7: SampleCount 3, Sum 12, Minimum 2, Maximum 7, Average 4.
    const statistics = { sampleCount: 3, sum: 12, minimum: 2, maximum: 7 };
    await store.publish([{ ...datum('feature_data_age', 4, hour(13)), statistics, unit: 'None' }]);
    const text = await readFile(join(home, 'metrics', NS, 'feature_data_age.jsonl'), 'utf8');
    expect(JSON.parse(text)).toEqual({
      dimensions: dims,
      value: 4,
      statistics,
      unit: 'None',
      timestamp: '2024-05-01T13:00:00.000Z',
    });
    expect(await store.query(NS, 'feature_data_age', dims, hour(0), hour(23))).toEqual([
      { ...datum('feature_data_age', 4, hour(13)), statistics, unit: 'None' },
    ]);
  });

  it('reads lines written before statistic sets existed, beside new ones', async () => {
    const file = join(home, 'metrics', NS, 'feature_data_age.jsonl');
    await store.publish([datum('feature_data_age', 1, hour(12))]);
    await appendFile(
      file,
      `${JSON.stringify({ dimensions: dims, value: 5.5, timestamp: hour(13).toISOString() })}\n`,
    );
    const statistics = { sampleCount: 2, sum: 13, minimum: 6, maximum: 7 };
    await store.publish([{ ...datum('feature_data_age', 6.5, hour(14)), statistics }]);
    expect(await store.query(NS, 'feature_data_age', dims, hour(0), hour(23))).toEqual([
      datum('feature_data_age', 1, hour(12)),
      datum('feature_data_age', 5.5, hour(13)),
      { ...datum('feature_data_age', 6.5, hour(14)), statistics },
    ]);
  });

  it('gives local alarms the sets, so they reduce the values behind them as CloudWatch does', async () => {
    // Two runs in 13:00–14:00: values 1, 2, 3 (Average 2) and 10, 20 (Average 15). All five values
    // average 36 / 5 = 7.2, reach up to 20; the runs' Averages alone would give 8.5 and 15.
    const half = new Date(hour(13).getTime() + 30 * 60 * 1000);
    await store.publish([
      {
        ...datum('feature_data_age', 2, hour(13)),
        statistics: { sampleCount: 3, sum: 6, minimum: 1, maximum: 3 },
      },
      {
        ...datum('feature_data_age', 15, half),
        statistics: { sampleCount: 2, sum: 30, minimum: 10, maximum: 20 },
      },
    ]);
    const points = await store.query(NS, 'feature_data_age', dims, hour(13), hour(14));
    const alarm: GuardrailAlarm = {
      name: 'vigil-ep-data-age',
      description: 'age',
      namespace: NS,
      metricName: 'feature_data_age',
      dimensions: dims,
      statistic: 'Average',
      period: 3600,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 8,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      endpoint: 'ep',
      monitor: 'data-quality',
      kind: 'feature-drift',
      severity: 'warning',
      guardsDeployments: false,
    };
    const evaluationAt = new Date(hour(13).getTime() + 45 * 60 * 1000);
    expect(periodValues(alarm, points, evaluationAt)[0]?.value).toBe(7.2);
    expect(evaluateAlarm(alarm, points, evaluationAt, 'OK').state).toBe('OK');
    expect(periodValues({ ...alarm, statistic: 'Maximum' }, points, evaluationAt)[0]?.value).toBe(20);
    expect(periodValues({ ...alarm, statistic: 'SampleCount' }, points, evaluationAt)[0]?.value).toBe(5);
  });

  it('clamps each field of a statistic set, drops sets with NaN or no samples, counting each', async () => {
    const max = 2.348543e108;
    await store.publish([
      {
        ...datum('feature_data_x', max, hour(13)),
        statistics: { sampleCount: 1, sum: Number.POSITIVE_INFINITY, minimum: -1e200, maximum: 1e200 },
      },
      {
        ...datum('feature_data_x', 1, hour(14)),
        statistics: { sampleCount: 1, sum: 1, minimum: Number.NaN, maximum: 1 },
      },
      {
        ...datum('feature_data_x', 0, hour(15)),
        statistics: { sampleCount: 0, sum: 0, minimum: 0, maximum: 0 },
      },
      {
        ...datum('feature_data_x', 3, hour(16)),
        statistics: { sampleCount: -1, sum: -3, minimum: 3, maximum: 3 },
      },
    ]);
    const points = await store.query(NS, 'feature_data_x', dims, hour(0), hour(23));
    expect(points.map((p) => [p.timestamp.getUTCHours(), p.value, p.statistics])).toEqual([
      [13, max, { sampleCount: 1, sum: max, minimum: -max, maximum: max }],
    ]);
    expect(store.droppedNaN).toBe(1);
    expect(store.droppedNoSamples).toBe(2);
  });

  it('keeps metric names with path characters inside their namespace folder', async () => {
    await store.publish([datum('feature_baseline_drift_a/b', 1, hour(13)), datum('..', 2, hour(13))]);
    expect(
      (await store.query(NS, 'feature_baseline_drift_a/b', dims, hour(0), hour(23))).map((p) => p.value),
    ).toEqual([1]);
    expect((await store.query(NS, '..', dims, hour(0), hour(23))).map((p) => p.value)).toEqual([2]);
    await readFile(join(home, 'metrics', NS, 'feature_baseline_drift_a%2Fb.jsonl'), 'utf8');
  });
});

describe('LocalMetricStore with a damaged file', () => {
  it('skips a line cut short by a crash, says so, and answers the rest', async () => {
    const home = await mkdtemp(join(tmpdir(), 'vigil-metrics-damaged-'));
    try {
      const warnings: Record<string, unknown>[] = [];
      const log = {
        ...silentLog,
        warn: (_: string, extra?: Record<string, unknown>) => void warnings.push(extra ?? {}),
      };
      const store = new LocalMetricStore(home, { log });
      await store.publish([datum('m', 1, hour(13))]);
      await appendFile(join(home, 'metrics', NS, 'm.jsonl'), '{"dimensions":{"Endpoint":"ep"');
      await appendFile(join(home, 'metrics', NS, 'm.jsonl'), '\n');
      await store.publish([datum('m', 2, hour(14))]);
      const points = await store.query(NS, 'm', dims, hour(0), hour(23));
      expect(points.map((p) => p.value)).toEqual([1, 2]);
      expect(warnings).toEqual([{ namespace: NS, name: 'm', unreadable: 1 }]);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
