import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CloudWatchMetricSink, EventBridgePublisher } from '@vigil/aws';
import {
  fixedClock,
  type MonitoringExecutionDetail,
  parseConfig,
  readRunRecord,
  silentLog,
} from '@vigil/core';
import {
  createDataQualityBaseline,
  profileCaptureObject,
  runDataQualityMonitor,
} from '@vigil/core/dataquality';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaultyS3, startFaultyS3 } from '../support/faulty-s3.ts';

// The run covers 12:00–13:00 on 2024-05-01; CloudWatch's time range is judged by the same clock.
const clock = fixedClock(new Date('2024-05-01T13:07:00Z'));
const config = parseConfig({
  version: 1,
  endpoints: [{ name: 'ep', monitors: { dataQuality: { baseline: 'baselines/ep' } } }],
});
const endpoint = config.endpoints[0] as (typeof config.endpoints)[number];
const folder = 'reports/ep/data-quality/2024/05/01/13';
const noWait = { maxAttempts: 3, baseDelayMs: 1, sleep: async () => {} };

function captureLine(i: number): string {
  return JSON.stringify({
    captureData: {
      endpointInput: {
        observedContentType: 'text/csv',
        mode: 'INPUT',
        data: `${200 + (i % 100)},red`,
        encoding: 'CSV',
      },
      endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: '0.5', encoding: 'CSV' },
    },
    eventMetadata: { eventId: `e-${i}`, inferenceTime: '2024-05-01T12:10:00Z' },
    eventVersion: '0',
  });
}

const cloudwatch = mockClient(CloudWatchClient);
const eventbridge = mockClient(EventBridgeClient);
/** Metric data CloudWatch accepted, and events EventBridge accepted. */
let accepted: { metrics: { MetricName?: string; Value?: number }[]; events: MonitoringExecutionDetail[] };
let throttleMetrics = 0;
let failEvents = 0;

describe('data-quality runs under injected S3, CloudWatch and EventBridge faults', () => {
  let s3: FaultyS3;
  const ports = () => ({
    store: s3.store,
    log: silentLog,
    clock,
    metrics: new CloudWatchMetricSink({ client: new CloudWatchClient({}), clock }),
    events: new EventBridgePublisher({
      client: new EventBridgeClient({}),
      retry: noWait,
      eventBusName: 'vigil',
    }),
  });
  const run = () => runDataQualityMonitor(ports(), { endpoint });
  const completed = () => accepted.events.filter((e) => e.status !== 'Failed');
  const metricSets = () => accepted.metrics.filter((m) => m.MetricName === 'feature_non_null_age').length;

  beforeAll(async () => {
    s3 = await startFaultyS3();
    const rows = ['label,age,color'];
    for (let i = 0; i < 1000; i++) rows.push(`0.5,${i % 100},${i % 2 ? 'red' : 'blue'}`);
    const files = await createDataQualityBaseline(
      (async function* () {
        yield new TextEncoder().encode(`${rows.join('\n')}\n`);
      })(),
      { format: 'csv', header: true },
    );
    await s3.store.put('baselines/ep/statistics.json', files.statistics);
    await s3.store.put('baselines/ep/constraints.json', files.constraints);
    const key = 'capture/ep/AllTraffic/2024/05/01/12/10-00-000-a.jsonl';
    await s3.store.put(key, `${Array.from({ length: 300 }, (_, i) => captureLine(i)).join('\n')}\n`);
    await profileCaptureObject({ ...ports() }, { key });
  });
  afterAll(async () => s3.close());

  beforeEach(async () => {
    accepted = { metrics: [], events: [] };
    throttleMetrics = 0;
    failEvents = 0;
    s3.faults.length = 0;
    cloudwatch.reset();
    cloudwatch.on(PutMetricDataCommand).callsFake((input: { MetricData?: { MetricName?: string }[] }) => {
      if (throttleMetrics > 0) {
        throttleMetrics--;
        throw Object.assign(new Error('Rate exceeded'), {
          name: 'ThrottlingException',
          $metadata: { httpStatusCode: 400 },
        });
      }
      accepted.metrics.push(...(input.MetricData ?? []));
      return {};
    });
    eventbridge.reset();
    eventbridge.on(PutEventsCommand).callsFake((input: { Entries?: { Detail?: string }[] }) => {
      if (failEvents > 0) {
        failEvents--;
        throw Object.assign(new Error('Service unavailable'), {
          name: 'InternalException',
          $metadata: { httpStatusCode: 500 },
        });
      }
      for (const entry of input.Entries ?? []) accepted.events.push(JSON.parse(entry.Detail ?? '{}'));
      return { FailedEntryCount: 0, Entries: (input.Entries ?? []).map((_, i) => ({ EventId: `${i}` })) };
    });
    // Each test starts from a window never run: forget the previous test's run record and report.
    await s3.store.put('runs/ep/DataQuality/20240501T120000.000Z_20240501T130000.000Z.json', '{"version":0}');
  });

  it('a 500 on writing constraint_violations.json fails the run with its event; the retry converges to one report, one metric set, one completed event', async () => {
    s3.faults.push({ method: 'PUT', key: /constraint_violations\.json$/, status: 500, times: 2 });
    const failed = await run();
    expect(failed.status).toBe('Failed');
    expect(failed.failureReason).toMatch(/report could not be written/);
    expect(accepted.events.map((e) => e.status)).toEqual(['Failed']);
    expect(metricSets()).toBe(0);
    const record = await readRunRecord({ store: s3.store }, failed.detail);
    expect(record?.status).toBe('Failed'); // the half-written report does not look complete

    const retried = await run();
    expect(retried.status).toBe('CompletedWithViolations');
    expect(completed()).toHaveLength(1);
    expect(metricSets()).toBe(1);
    expect((await readRunRecord({ store: s3.store }, retried.detail))?.status).toBe(
      'CompletedWithViolations',
    );
    const violations = JSON.parse(
      new TextDecoder().decode(await s3.store.get(`${folder}/constraint_violations.json`)),
    );
    expect(violations.violations.length).toBe(retried.detail.violationCount);
  });

  it('a 503 on reading the baseline or a profile fails the run with its event, and the retry completes', async () => {
    s3.faults.push({ method: 'GET', key: /baselines\/ep\/statistics\.json$/, status: 503, times: 2 });
    expect((await run()).failureReason).toMatch(/baseline .*could not be read/);
    s3.faults.push({ method: 'GET', key: /\.profile\.json$/, status: 503, times: 2 });
    expect((await run()).failureReason).toMatch(/profiles could not be read/);
    expect(accepted.events.map((e) => e.status)).toEqual(['Failed', 'Failed']);
    expect(metricSets()).toBe(0);
    expect((await run()).status).toBe('CompletedWithViolations');
    expect(completed()).toHaveLength(1);
    expect(metricSets()).toBe(1);
  });

  it('CloudWatch throttling after every retry fails the run with its event; the retry publishes the metrics once', async () => {
    // The mocked client stands for the whole SDK call, its own (adaptive) retries included: one
    // throttled answer is throttling after every retry.
    throttleMetrics = 1;
    const failed = await run();
    expect(failed.status).toBe('Failed');
    expect(failed.failureReason).toMatch(/metrics could not be published/);
    expect(accepted.events.map((e) => e.status)).toEqual(['Failed']);
    expect(metricSets()).toBe(0);
    await run();
    expect(completed()).toHaveLength(1);
    expect(metricSets()).toBe(1);
  });

  it('an event EventBridge refuses is retried by the caller without publishing the metrics again', async () => {
    // One refused PutEvents call is a refusal after the SDK's own retries (see above).
    failEvents = 1;
    await expect(run()).rejects.toThrow();
    expect(metricSets()).toBe(1);
    expect(accepted.events).toHaveLength(0);
    const retried = await run();
    expect(retried.status).toBe('CompletedWithViolations');
    expect(metricSets()).toBe(1);
    expect(accepted.events).toHaveLength(1);
  });

  it('a run that fails writing a later report file leaves no verdict of its own in the folder', async () => {
    // A constraint_violations.json from this attempt beside a missing file would read as a
    // finished SageMaker report of a run that failed; the verdict is written last.
    const verdict = `${folder}/constraint_violations.json`;
    await s3.store.put(verdict, '{"written_by":"an earlier attempt"}');
    s3.faults.push({
      method: 'PUT',
      key: /data-quality\/2024\/05\/01\/13\/constraints\.json$/,
      status: 500,
      times: 2,
    });
    const failed = await run();
    expect(failed.status).toBe('Failed');
    expect(failed.failureReason).toMatch(/report could not be written/);
    expect(new TextDecoder().decode(await s3.store.get(verdict))).toBe('{"written_by":"an earlier attempt"}');

    const retried = await run();
    expect(retried.status).toBe('CompletedWithViolations');
    const violations = JSON.parse(new TextDecoder().decode(await s3.store.get(verdict)));
    expect(violations.violations.length).toBe(retried.detail.violationCount);
  });

  it('a window run twice (a retry, a duplicate schedule) publishes its metrics and event once', async () => {
    const first = await run();
    const second = await run();
    expect(second.duplicate).toBe(true);
    expect(second.status).toBe(first.status);
    expect(metricSets()).toBe(1);
    expect(accepted.events).toHaveLength(1);
    const sampleCounts = accepted.metrics
      .filter((m) => m.MetricName === 'feature_non_null_age')
      .map((m) => m.Value);
    expect(sampleCounts).toEqual([300]);
  });
});
