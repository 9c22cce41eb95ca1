import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventShapeError, hourOf, hourPath } from '@vigil/core';
import { createDataQualityBaseline } from '@vigil/core/dataquality';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockBucket } from './bucket-mock.ts';

const fixtures = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
const objectCreated = JSON.parse(readFileSync(`${fixtures}events/s3-object-created.json`, 'utf8'));

const bucket = mockBucket();
const cloudwatch = mockClient(CloudWatchClient);
const eventbridge = mockClient(EventBridgeClient);

// Metric timestamps must be recent for CloudWatch, so the run covers the current hour.
const hour = hourOf(new Date());
const previousHour = new Date(hour.getTime() - 3_600_000);

function captureLine(i: number, input: string, output: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: input, encoding: 'CSV' },
      endpointOutput: {
        observedContentType: 'text/csv; charset=utf-8',
        mode: 'OUTPUT',
        data: output,
        encoding: 'CSV',
      },
    },
    eventMetadata: { eventId: `e-${i}`, inferenceTime: `${previousHour.toISOString().slice(0, 19)}Z` },
    eventVersion: '0',
  });
}

beforeAll(async () => {
  process.env.VIGIL_BUCKET = 'vigil-test';
  process.env.VIGIL_EVENT_BUS = 'vigil-bus';
  bucket.put(
    'config/vigil.config.json',
    JSON.stringify({
      version: 1,
      endpoints: [
        { name: 'churn', monitors: { dataQuality: { baseline: 'baselines/churn/data-quality' } } },
        { name: 'empty', monitors: { dataQuality: { baseline: 'baselines/churn/data-quality' } } },
        { name: 'other', monitors: {} },
        { name: 'badbaseline', monitors: { dataQuality: { baseline: 'baselines/bad/data-quality' } } },
      ],
    }),
  );
  // Baseline: score (the prediction, first), tenure 0..99, plan a/b.
  const rows = ['score,tenure,plan'];
  for (let i = 0; i < 1000; i++) rows.push(`${((i % 10) / 10).toFixed(1)},${i % 100},${i % 2 ? 'a' : 'b'}`);
  const baseline = await createDataQualityBaseline(
    (async function* () {
      yield new TextEncoder().encode(rows.join('\n'));
    })(),
    { format: 'csv', header: true },
  );
  bucket.put('baselines/churn/data-quality/statistics.json', baseline.statistics);
  bucket.put('baselines/churn/data-quality/constraints.json', baseline.constraints);
  // This hour's traffic: tenure shifted by 200 (drift), plan sometimes "c" (outside the domain).
  const lines = Array.from({ length: 500 }, (_, i) =>
    captureLine(i, `${200 + (i % 100)},${i % 5 === 0 ? 'c' : i % 2 ? 'a' : 'b'}`, ((i % 10) / 10).toFixed(1)),
  );
  bucket.put(`capture/churn/AllTraffic/${hourPath(previousHour)}/10-00-000-x.jsonl`, `${lines.join('\n')}\n`);
});

beforeEach(() => {
  bucket.wire();
  cloudwatch.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
  eventbridge.reset();
  eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
});

const profileCapture = (await import('../../functions/src/profile-capture.ts')).handler;
const { handler } = await import('../../functions/src/monitor-data-quality.ts');

describe('monitor-data-quality handler', () => {
  it('merges the window profiles, writes reports, publishes metrics and emits the execution event', async () => {
    const key = `capture/churn/AllTraffic/${hourPath(previousHour)}/10-00-000-x.jsonl`;
    await profileCapture({
      ...objectCreated,
      detail: {
        ...objectCreated.detail,
        bucket: { name: 'vigil-test' },
        object: { key, size: bucket.objects.get(key)?.length },
      },
    });
    const summary = await handler({ endpoint: 'churn' });
    const folder = `reports/churn/data-quality/${hourPath(hour)}/`;
    expect(summary).toEqual({
      endpoint: 'churn',
      status: 'CompletedWithViolations',
      violations: 3,
      records: 500,
      reportUri: `s3://vigil-test/${folder}`,
      failureReason: undefined,
    });
    const violations = JSON.parse(bucket.text(`${folder}constraint_violations.json`)).violations;
    expect(
      violations.map((v: { feature_name: string; constraint_check_type: string }) => [
        v.feature_name,
        v.constraint_check_type,
      ]),
    ).toEqual([
      ['tenure', 'baseline_drift_check'],
      ['plan', 'categorical_values_check'],
      // a/b 50/50 → 40/40/20 with c: L∞ 0.2, Robust 0.2 − 1.8·sqrt(1500/500000) ≈ 0.101 > 0.1.
      ['plan', 'baseline_drift_check'],
    ]);
    expect(violations[1].description).toBe('Value: 0.8 does not meet the constraint requirement! ');
    expect(JSON.parse(bucket.text(`${folder}statistics.json`)).dataset.item_count).toBe(500);
    expect(bucket.text(`${folder}constraints.json`)).toBe(
      bucket.text('baselines/churn/data-quality/constraints.json'),
    );

    const calls = cloudwatch.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input);
    expect(new Set(calls.map((c) => c.Namespace))).toEqual(new Set(['aws/sagemaker/Endpoints/data-metrics']));
    const data = calls.flatMap((c) => c.MetricData ?? []);
    expect(data.find((d) => d.MetricName === 'feature_baseline_drift_tenure')).toMatchObject({
      Value: expect.any(Number),
      Dimensions: expect.arrayContaining([
        { Name: 'Endpoint', Value: 'churn' },
        { Name: 'MonitoringSchedule', Value: 'churn-data-quality' },
      ]),
    });
    expect(data.find((d) => d.MetricName === 'feature_non_null_plan')?.Value).toBe(500);
    // Vigil's own drift verdicts: drift_report.json beside SageMaker's files, and their metrics.
    const driftReport = JSON.parse(bucket.text(`${folder}drift_report.json`));
    expect(driftReport.drifted_features).toEqual(['tenure', 'plan']);
    expect(driftReport.features.plan).toMatchObject({
      type: 'categorical',
      method: 'jensen_shannon',
      drift: true,
    });
    expect(data.find((d) => d.MetricName === 'vigil_drifted_tenure')?.Value).toBe(1);
    expect(data.find((d) => d.MetricName === 'vigil_drifted_score')?.Value).toBe(0);
    expect(data.find((d) => d.MetricName === 'vigil_drift_count')).toMatchObject({
      Value: 2,
      Dimensions: expect.arrayContaining([{ Name: 'Endpoint', Value: 'churn' }]),
    });

    const entries = eventbridge.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ DetailType: 'Vigil Monitoring Execution', EventBusName: 'vigil-bus' });
    expect(JSON.parse(entries[0]?.Detail ?? '{}')).toMatchObject({
      endpointName: 'churn',
      monitoringType: 'DataQuality',
      status: 'CompletedWithViolations',
      violationCount: 3,
      windowStart: previousHour.toISOString(),
      windowEnd: hour.toISOString(),
      recordCount: 500,
    });
  });

  it('ends as Failed (not an error) when the window has no data', async () => {
    const summary = await handler({ endpoint: 'empty' });
    expect(summary.status).toBe('Failed');
    expect(summary.failureReason).toMatch(/No captured data for empty\/AllTraffic/);
    const entry = eventbridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({ status: 'Failed', endpointName: 'empty' });
    expect(cloudwatch.commandCalls(PutMetricDataCommand)).toHaveLength(0);
  });

  it('ends as Failed with the file and field when the baseline has a wrongly typed field (it crashed with a raw TypeError)', async () => {
    const constraints = JSON.parse(bucket.text('baselines/churn/data-quality/constraints.json'));
    constraints.monitoring_config.emit_metrics = false;
    bucket.put('baselines/bad/data-quality/constraints.json', JSON.stringify(constraints));
    bucket.put(
      'baselines/bad/data-quality/statistics.json',
      bucket.text('baselines/churn/data-quality/statistics.json'),
    );
    const summary = await handler({ endpoint: 'badbaseline' });
    expect(summary.status).toBe('Failed');
    expect(summary.failureReason).toContain(
      's3://vigil-test/baselines/bad/data-quality/constraints.json: invalid field "monitoring_config.emit_metrics"',
    );
    const entries = eventbridge.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.Detail ?? '{}')).toMatchObject({
      status: 'Failed',
      endpointName: 'badbaseline',
      failureReason: expect.stringContaining('monitoring_config.emit_metrics'),
    });
    expect(cloudwatch.commandCalls(PutMetricDataCommand)).toHaveLength(0);
  });

  it('rejects events that are not a monitor schedule, and endpoints without the monitor', async () => {
    await expect(handler(objectCreated)).rejects.toBeInstanceOf(EventShapeError);
    await expect(handler({ endpoint: 'other' })).rejects.toThrow(/no dataQuality monitor/);
    await expect(handler({ endpoint: 'nope' })).rejects.toThrow(/not configured/);
  });
});
