import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CloudWatchMetricSink, EventBridgePublisher } from '@vigil/aws';
import { fixedClock, type MonitoringExecutionDetail, readRunRecord, silentLog } from '@vigil/core';
import { runBiasDriftMonitor } from '@vigil/core/bias';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANALYSIS_CONFIG, windowLines } from '../core/bias/window-data.ts';
import { type FaultyS3, startFaultyS3 } from '../support/faulty-s3.ts';

const clock = fixedClock(new Date('2024-05-01T13:07:00Z'));
const window = { start: new Date('2024-05-01T12:00:00Z'), end: new Date('2024-05-01T13:00:00Z') };
const noWait = { maxAttempts: 3, baseDelayMs: 1, sleep: async () => {} };
const cloudwatch = mockClient(CloudWatchClient);
const eventbridge = mockClient(EventBridgeClient);
let accepted: { metrics: string[]; events: MonitoringExecutionDetail[] };

describe('bias-drift runs under injected S3 and CloudWatch faults', () => {
  let s3: FaultyS3;
  const run = () =>
    runBiasDriftMonitor(
      {
        log: silentLog,
        clock,
        metrics: new CloudWatchMetricSink({ client: new CloudWatchClient({}), clock }),
        events: new EventBridgePublisher({
          client: new EventBridgeClient({}),
          retry: noWait,
          eventBusName: 'vigil',
        }),
      },
      {
        endpoint: 'credit',
        scheduledTime: window.end,
        window,
        capture: [{ store: s3.store, key: 'capture/credit/AllTraffic/2024/05/01/12/' }],
        groundTruth: [{ store: s3.store, key: 'ground-truth/credit/2024/05/01/12/' }],
        baseline: { store: s3.store, key: 'baselines/credit/analysis.json' },
        analysisConfig: { store: s3.store, key: 'baselines/credit/analysis_config.json' },
        output: { store: s3.store, key: 'reports/credit/bias-drift/2024/05/01/13/' },
        attributes: { probabilityAttribute: '0' },
        records: { store: s3.store },
      },
    );

  beforeAll(async () => {
    s3 = await startFaultyS3();
    const { capture, groundTruth } = windowLines({
      predictedPositive: { m: 36, f: 8 },
      labelPositive: { m: 30, f: 20 },
    });
    await s3.store.put('capture/credit/AllTraffic/2024/05/01/12/10-00-000-x.jsonl', capture);
    await s3.store.put('ground-truth/credit/2024/05/01/12/0000.jsonl', groundTruth);
    await s3.store.put('baselines/credit/analysis_config.json', ANALYSIS_CONFIG);
    await s3.store.put(
      'baselines/credit/analysis.json',
      JSON.stringify({
        version: '1.0',
        post_training_bias_metrics: {
          label: 'approved',
          facets: {
            sex: [{ value_or_threshold: 'F', metrics: [{ name: 'DPPL', description: 'DPPL', value: 0.05 }] }],
          },
          label_value_or_threshold: '1',
        },
      }),
    );
  });
  afterAll(async () => s3.close());

  beforeEach(() => {
    accepted = { metrics: [], events: [] };
    cloudwatch.reset();
    cloudwatch.on(PutMetricDataCommand).callsFake((input: { MetricData?: { MetricName?: string }[] }) => {
      accepted.metrics.push(...(input.MetricData ?? []).map((d) => d.MetricName ?? ''));
      return {};
    });
    eventbridge.reset();
    eventbridge.on(PutEventsCommand).callsFake((input: { Entries?: { Detail?: string }[] }) => {
      for (const entry of input.Entries ?? []) accepted.events.push(JSON.parse(entry.Detail ?? '{}'));
      return { FailedEntryCount: 0, Entries: (input.Entries ?? []).map((_, i) => ({ EventId: `${i}` })) };
    });
  });

  it('a 503 on the capture read and a 500 on writing constraint_violations.json each fail the run with its event and publish nothing; the retry converges, and a third run is a duplicate', async () => {
    s3.faults.push({ method: 'GET', key: /capture\/credit\/.*\.jsonl$/, status: 503, times: 2 });
    const unread = await run();
    expect(unread.detail.status).toBe('Failed');
    s3.faults.push({ method: 'PUT', key: /constraint_violations\.json$/, status: 500, times: 2 });
    const unwritten = await run();
    expect(unwritten.detail.status).toBe('Failed');
    expect(unwritten.detail.failureReason).toMatch(/report could not be written/);
    expect(accepted.events.map((e) => e.status)).toEqual(['Failed', 'Failed']);
    expect(accepted.metrics).toEqual([]);

    const retried = await run();
    expect(retried.detail.status).toBe('CompletedWithViolations');
    const dppl = accepted.metrics.filter((name) => name === 'bias_metric_DPPL').length;
    expect(dppl).toBeGreaterThan(0);
    expect((await readRunRecord({ store: s3.store }, retried.detail))?.status).toBe(
      'CompletedWithViolations',
    );

    await run();
    expect(accepted.events.filter((e) => e.status !== 'Failed')).toHaveLength(1);
    expect(accepted.metrics.filter((name) => name === 'bias_metric_DPPL')).toHaveLength(dppl);
  });
});
