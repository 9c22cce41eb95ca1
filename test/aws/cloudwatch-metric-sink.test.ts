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
const noWait = { sleep: async () => {}, random: () => 0.5 };

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
    retry: noWait,
  });
}

function sentInputs(): PutMetricDataCommandInput[] {
  return cloudwatch.commandCalls(PutMetricDataCommand).map((call) => call.args[0].input);
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
    for (const input of inputs) {
      // The Query-protocol body: names and values, URL-encoded, with their member prefixes.
      const body = new URLSearchParams();
      input.MetricData?.forEach((d, m) => {
        body.set(`MetricData.member.${m + 1}.MetricName`, d.MetricName ?? '');
        body.set(`MetricData.member.${m + 1}.Value`, String(d.Value));
        body.set(`MetricData.member.${m + 1}.Timestamp`, at.toISOString());
        d.Dimensions?.forEach((dim, n) => {
          body.set(`MetricData.member.${m + 1}.Dimensions.member.${n + 1}.Name`, dim.Name ?? '');
          body.set(`MetricData.member.${m + 1}.Dimensions.member.${n + 1}.Value`, dim.Value ?? '');
        });
      });
      expect(body.toString().length).toBeLessThan(1024 * 1024);
    }
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

  it('retries throttling and 5xx with backoff, then succeeds', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'Throttling',
      $metadata: { httpStatusCode: 400 },
    });
    const unavailable = Object.assign(new Error('Service unavailable'), {
      name: 'ServiceUnavailable',
      $metadata: { httpStatusCode: 503 },
    });
    cloudwatch.on(PutMetricDataCommand).rejectsOnce(throttled).rejectsOnce(unavailable).resolves({});
    const waits: number[] = [];
    const s = new CloudWatchMetricSink({
      client: new CloudWatchClient({}),
      clock: fixedClock(now),
      retry: { sleep: async (ms) => void waits.push(ms), random: () => 0.5, baseDelayMs: 100 },
    });
    await s.publish([datum(1)]);
    expect(sentInputs()).toHaveLength(3);
    // Full jitter with random() = 0.5: half of 100 ms, then half of 200 ms.
    expect(waits).toEqual([50, 100]);
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

  it('gives up after the configured attempts and rethrows the last error', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    cloudwatch.on(PutMetricDataCommand).rejects(throttled);
    const s = new CloudWatchMetricSink({
      client: new CloudWatchClient({}),
      clock: fixedClock(now),
      retry: { ...noWait, maxAttempts: 3 },
    });
    await expect(s.publish([datum(1)])).rejects.toThrow('Rate exceeded');
    expect(sentInputs()).toHaveLength(3);
  });
});
