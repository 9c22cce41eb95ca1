import {
  CloudWatchClient,
  PutMetricDataCommand,
  type PutMetricDataCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchMetricSink } from '@vigil/aws';
import { fixedClock, type MetricDatum } from '@vigil/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

const cloudwatch = mockClient(CloudWatchClient);
const now = new Date('2024-05-01T14:00:00Z');
const at = new Date('2024-05-01T13:00:00Z');

function datum(i: number, extra: Partial<MetricDatum> = {}): MetricDatum {
  return {
    namespace: 'aws/sagemaker/Endpoints/data-metrics',
    name: `feature_baseline_drift_f${i}`,
    dimensions: { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' },
    value: i / 10,
    timestamp: at,
    ...extra,
  };
}

function sink() {
  return new CloudWatchMetricSink({
    client: new CloudWatchClient({}),
    clock: fixedClock(now),
  });
}

function sentInputs(): PutMetricDataCommandInput[] {
  return cloudwatch.commandCalls(PutMetricDataCommand).map((call) => call.args[0].input);
}

/** The Query-protocol body of a request: every field URL-encoded with its member prefix. */
function queryBody(input: PutMetricDataCommandInput): string {
  const body = new URLSearchParams({
    Action: 'PutMetricData',
    Version: '2010-08-01',
    Namespace: input.Namespace ?? '',
  });
  input.MetricData?.forEach((d, m) => {
    const member = `MetricData.member.${m + 1}`;
    body.set(`${member}.MetricName`, d.MetricName ?? '');
    if (d.Value !== undefined) body.set(`${member}.Value`, String(d.Value));
    for (const [field, value] of Object.entries(d.StatisticValues ?? {})) {
      body.set(`${member}.StatisticValues.${field}`, String(value));
    }
    body.set(`${member}.Timestamp`, d.Timestamp?.toISOString() ?? '');
    if (d.Unit) body.set(`${member}.Unit`, d.Unit);
    d.Dimensions?.forEach((dim, n) => {
      body.set(`${member}.Dimensions.member.${n + 1}.Name`, dim.Name ?? '');
      body.set(`${member}.Dimensions.member.${n + 1}.Value`, dim.Value ?? '');
    });
  });
  return body.toString();
}

/** feature_data_f<i> as dataQualityMetrics publishes it: a statistic set with its Average as value. */
function statisticSet(i: number, statistics: MetricDatum['statistics'], extra: Partial<MetricDatum> = {}) {
  const average = statistics ? statistics.sum / statistics.sampleCount : Number.NaN;
  return datum(i, { name: `feature_data_f${i}`, value: average, statistics, ...extra });
}

describe('CloudWatchMetricSink', () => {
  beforeEach(() => {
    cloudwatch.reset();
    cloudwatch.on(PutMetricDataCommand).resolves({});
  });

  it('sends SageMaker-named data with their dimensions, value, unit and timestamp', async () => {
    await sink().publish([datum(1, { unit: 'None' })]);
    expect(sentInputs()).toEqual([
      {
        Namespace: 'aws/sagemaker/Endpoints/data-metrics',
        MetricData: [
          {
            MetricName: 'feature_baseline_drift_f1',
            Dimensions: [
              { Name: 'Endpoint', Value: 'ep' },
              { Name: 'MonitoringSchedule', Value: 'ep-data-quality' },
            ],
            Value: 0.1,
            Unit: 'None',
            Timestamp: at,
          },
        ],
      },
    ]);
  });

  it('splits 2 501 data into requests of 1 000, 1 000 and 501, one namespace per request', async () => {
    const data = Array.from({ length: 2501 }, (_, i) => datum(i));
    data.push(datum(0, { namespace: 'aws/sagemaker/Endpoints/model-metrics', name: 'accuracy' }));
    const s = sink();
    await s.publish(data);
    const inputs = sentInputs();
    expect(inputs.map((i) => [i.Namespace, i.MetricData?.length])).toEqual([
      ['aws/sagemaker/Endpoints/data-metrics', 1000],
      ['aws/sagemaker/Endpoints/data-metrics', 1000],
      ['aws/sagemaker/Endpoints/data-metrics', 501],
      ['aws/sagemaker/Endpoints/model-metrics', 1],
    ]);
    // Every datum sent exactly once, in order.
    const names = inputs.slice(0, 3).flatMap((i) => i.MetricData?.map((d) => d.MetricName));
    expect(names).toEqual(data.slice(0, 2501).map((d) => d.name));
    expect(s.lastReport).toMatchObject({ sent: 2502, requests: 4 });
  });

  it('keeps each request under 1 MB when dimensions are large', async () => {
    // 30 dimensions of 1 000-character values: about 60 KB per datum on the wire.
    const dimensions = Object.fromEntries(Array.from({ length: 30 }, (_, d) => [`D${d}`, 'v'.repeat(1000)]));
    const data = Array.from({ length: 40 }, (_, i) => datum(i, { dimensions }));
    await sink().publish(data);
    const inputs = sentInputs();
    expect(inputs.length).toBeGreaterThan(1);
    expect(inputs.reduce((n, i) => n + (i.MetricData?.length ?? 0), 0)).toBe(40);
    for (const input of inputs) expect(queryBody(input).length).toBeLessThan(1024 * 1024);
  });

  it('sends a statistic set as StatisticValues without Value, which PutMetricData forbids beside it', async () => {
    // The values 2, 3 and 7: SampleCount 3, Sum 12, Minimum 2, Maximum 7 (Average 4).
    const s = sink();
    await s.publish([statisticSet(1, { sampleCount: 3, sum: 12, minimum: 2, maximum: 7 }, { unit: 'None' })]);
    expect(sentInputs()).toEqual([
      {
        Namespace: 'aws/sagemaker/Endpoints/data-metrics',
        MetricData: [
          {
            MetricName: 'feature_data_f1',
            Dimensions: [
              { Name: 'Endpoint', Value: 'ep' },
              { Name: 'MonitoringSchedule', Value: 'ep-data-quality' },
            ],
            StatisticValues: { SampleCount: 3, Sum: 12, Minimum: 2, Maximum: 7 },
            Unit: 'None',
            Timestamp: at,
          },
        ],
      },
    ]);
    expect(s.lastReport).toMatchObject({ sent: 1, clamped: 0, droppedNaN: 0, droppedNoSamples: 0 });
  });

  it('clamps each field of a statistic set as a value, drops sets with NaN or no samples, counting each', async () => {
    const s = sink();
    await s.publish([
      statisticSet(1, {
        sampleCount: 2,
        sum: Number.POSITIVE_INFINITY,
        minimum: Number.NEGATIVE_INFINITY,
        maximum: 1e200,
      }),
      statisticSet(2, { sampleCount: 4, sum: 1e-200, minimum: -1e-200, maximum: 1e-200 }),
      statisticSet(3, { sampleCount: 2, sum: Number.NaN, minimum: 1, maximum: 2 }),
      statisticSet(4, { sampleCount: 0, sum: 0, minimum: 0, maximum: 0 }),
      statisticSet(5, { sampleCount: -1, sum: 3, minimum: 3, maximum: 3 }),
      // 1e-200 samples is below what CloudWatch stores: it becomes 0, a set of no samples.
      statisticSet(6, { sampleCount: 1e-200, sum: 3, minimum: 3, maximum: 3 }),
      statisticSet(7, { sampleCount: Number.POSITIVE_INFINITY, sum: 1, minimum: 0.5, maximum: 0.5 }),
      statisticSet(8, { sampleCount: 2, sum: -1.5, minimum: -1, maximum: -0.5 }),
      datum(9, { value: 0.25 }),
    ]);
    const max = 2.348543e108;
    expect(sentInputs()[0]?.MetricData?.map((d) => [d.MetricName, d.Value, d.StatisticValues])).toEqual([
      ['feature_data_f1', undefined, { SampleCount: 2, Sum: max, Minimum: -max, Maximum: max }],
      ['feature_data_f2', undefined, { SampleCount: 4, Sum: 0, Minimum: 0, Maximum: 0 }],
      ['feature_data_f7', undefined, { SampleCount: max, Sum: 1, Minimum: 0.5, Maximum: 0.5 }],
      ['feature_data_f8', undefined, { SampleCount: 2, Sum: -1.5, Minimum: -1, Maximum: -0.5 }],
      ['feature_baseline_drift_f9', 0.25, undefined],
    ]);
    expect(s.lastReport).toMatchObject({ sent: 5, clamped: 3, droppedNaN: 1, droppedNoSamples: 3 });
  });

  it('counts the four StatisticValues fields in the request size, keeping each request under 1 MB', async () => {
    // 1 000 data of about 980 bytes each as plain values: one request if a statistic set were
    // estimated as one Value, yet 1.09 MB on the wire with four StatisticValues fields each.
    const dimensions = { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality', Padding: 'p'.repeat(330) };
    const statistics = {
      sampleCount: 1234567.0123456789,
      sum: -1.2345678901234567e100,
      minimum: -9.876543210987653e99,
      maximum: 1.2345678901234567e-100,
    };
    const data = Array.from({ length: 1000 }, (_, i) =>
      statisticSet(i, statistics, { dimensions, unit: 'None' }),
    );
    const s = sink();
    await s.publish(data);
    const inputs = sentInputs();
    expect(inputs.length).toBeGreaterThan(1);
    expect(inputs.flatMap((i) => i.MetricData?.map((d) => d.MetricName))).toEqual(data.map((d) => d.name));
    for (const input of inputs) expect(queryBody(input).length).toBeLessThan(1024 * 1024);
    expect(s.lastReport).toMatchObject({ sent: 1000, requests: inputs.length });
  });

  it('clamps infinities to ±2.348543e108 as SageMaker does and drops NaN, counting both', async () => {
    const s = sink();
    await s.publish([
      datum(1, { value: Number.POSITIVE_INFINITY }),
      datum(2, { value: Number.NEGATIVE_INFINITY }),
      datum(3, { value: Number.NaN }),
      datum(4, { value: 1e200 }),
      datum(5, { value: 1e-200 }),
      datum(6, { value: -0.5 }),
    ]);
    const values = sentInputs()[0]?.MetricData?.map((d) => [d.MetricName, d.Value]);
    expect(values).toEqual([
      ['feature_baseline_drift_f1', 2.348543e108],
      ['feature_baseline_drift_f2', -2.348543e108],
      ['feature_baseline_drift_f4', 2.348543e108],
      ['feature_baseline_drift_f5', 0],
      ['feature_baseline_drift_f6', -0.5],
    ]);
    expect(s.lastReport).toMatchObject({ sent: 5, clamped: 4, droppedNaN: 1 });
  });

  it('drops data CloudWatch would reject: over 30 dimensions, older than 2 weeks, over 2 hours ahead', async () => {
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, d) => [`D${d}`, 'v']));
    const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, d) => [`D${d}`, 'v']));
    const s = sink();
    await s.publish([
      datum(1, { dimensions: many }),
      datum(2, { dimensions: thirty }),
      datum(3, { timestamp: new Date(now.getTime() - 15 * 24 * 3600 * 1000) }),
      datum(4, { timestamp: new Date(now.getTime() + 3 * 3600 * 1000) }),
      datum(5, { timestamp: new Date(now.getTime() - 13 * 24 * 3600 * 1000) }),
    ]);
    expect(sentInputs()[0]?.MetricData?.map((d) => d.MetricName)).toEqual([
      'feature_baseline_drift_f2',
      'feature_baseline_drift_f5',
    ]);
    expect(s.lastReport).toMatchObject({ droppedTooManyDimensions: 1, droppedOutOfTimeRange: 2, sent: 2 });
  });

  it('drops names CloudWatch would reject (feature names that are not printable ASCII or too long) and sends the rest', async () => {
    const s = sink();
    await s.publish([
      datum(1, { name: 'feature_baseline_drift_montréal' }),
      datum(2, { name: `feature_null_${'x'.repeat(250)}` }),
      datum(3, { name: 'feature_null_tab\there' }),
      datum(4, { dimensions: { Endpoint: 'ep\u0000', MonitoringSchedule: 'ep-data-quality' } }),
      datum(5, { name: 'feature_baseline_drift_<script> & *x*' }),
      datum(6),
    ]);
    expect(sentInputs()[0]?.MetricData?.map((d) => d.MetricName)).toEqual([
      'feature_baseline_drift_<script> & *x*',
      'feature_baseline_drift_f6',
    ]);
    expect(s.lastReport).toMatchObject({ droppedInvalidName: 4, sent: 2 });
    expect(s.lastReport.invalidNames[0]).toBe('"feature_baseline_drift_montréal"');
  });

  it('leaves retries to the SDK: a throttled send is not repeated by Vigil', async () => {
    // aws-sdk-client-mock replaces send(), the SDK's retry middleware included: one call is one attempt.
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'Throttling',
      $metadata: { httpStatusCode: 400 },
    });
    cloudwatch.on(PutMetricDataCommand).rejectsOnce(throttled).resolves({});
    await expect(sink().publish([datum(1)])).rejects.toThrow('Rate exceeded');
    expect(sentInputs()).toHaveLength(1);
  });

  it('does not retry a validation error', async () => {
    const invalid = Object.assign(new Error('bad'), {
      name: 'InvalidParameterValue',
      $metadata: { httpStatusCode: 400 },
    });
    cloudwatch.on(PutMetricDataCommand).rejects(invalid);
    await expect(sink().publish([datum(1)])).rejects.toThrow('bad');
    expect(sentInputs()).toHaveLength(1);
  });
});
