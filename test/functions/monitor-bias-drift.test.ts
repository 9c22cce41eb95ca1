import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventShapeError, hourOf, hourPath } from '@vigil/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANALYSIS_CONFIG, windowLines } from '../core/bias/window-data.ts';
import { mockBucket } from './bucket-mock.ts';

const bucket = mockBucket();
const cloudwatch = mockClient(CloudWatchClient);
const eventbridge = mockClient(EventBridgeClient);

// CloudWatch wants recent timestamps, so the run covers the current hour and reads the previous one.
const hour = hourOf(new Date());
const previousHour = new Date(hour.getTime() - 3_600_000);

beforeAll(() => {
  process.env.VIGIL_BUCKET = 'vigil-test';
  process.env.VIGIL_EVENT_BUS = 'vigil-bus';
  bucket.put(
    'config/vigil.config.json',
    JSON.stringify({
      version: 1,
      endpoints: [
        {
          name: 'credit',
          groundTruth: 'ground-truth/credit',
          monitors: {
            biasDrift: {
              baseline: 'baselines/credit/analysis.json',
              analysisConfig: 'baselines/credit/analysis_config.json',
              probabilityAttribute: '0',
            },
          },
        },
        { name: 'other' },
        {
          name: 'creditbad',
          groundTruth: 'ground-truth/creditbad',
          monitors: {
            biasDrift: {
              baseline: 'baselines/creditbad/analysis.json',
              analysisConfig: 'baselines/credit/analysis_config.json',
              probabilityAttribute: '0',
            },
          },
        },
      ],
    }),
  );
  bucket.put('baselines/credit/analysis_config.json', ANALYSIS_CONFIG);
  // The baseline was fair on predictions: DPPL 0.05.
  bucket.put(
    'baselines/credit/analysis.json',
    JSON.stringify({
      version: '1.0',
      post_training_bias_metrics: {
        label: 'approved',
        facets: {
          sex: [
            {
              value_or_threshold: 'F',
              metrics: [
                {
                  name: 'DPPL',
                  description: 'Difference in Positive Proportions in Predicted Labels (DPPL)',
                  value: 0.05,
                },
              ],
            },
          ],
        },
        label_value_or_threshold: '1',
      },
    }),
  );
  // This hour the gap widened: M 36/60 = 0.6 predicted positive, F 8/40 = 0.2 → DPPL 0.4.
  const { capture, groundTruth } = windowLines({
    predictedPositive: { m: 36, f: 8 },
    labelPositive: { m: 30, f: 20 },
  });
  bucket.put(`capture/credit/AllTraffic/${hourPath(previousHour)}/10-00-000-x.jsonl`, capture);
  bucket.put(`ground-truth/credit/${hourPath(previousHour)}/0000.jsonl`, groundTruth);
  // The same traffic against a baseline whose DPPL is text: it used to read as "no value" and skip the check.
  bucket.put(`capture/creditbad/AllTraffic/${hourPath(previousHour)}/10-00-000-x.jsonl`, capture);
  bucket.put(`ground-truth/creditbad/${hourPath(previousHour)}/0000.jsonl`, groundTruth);
  bucket.put(
    'baselines/creditbad/analysis.json',
    bucket.text('baselines/credit/analysis.json').replace('"value":0.05', '"value":"0.05"'),
  );
});

beforeEach(() => {
  bucket.wire();
  cloudwatch.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
  eventbridge.reset();
  eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
});

const { handler } = await import('../../functions/src/monitor-bias-drift.ts');

describe('monitor-bias-drift handler', () => {
  it('runs the scheduled window through S3, CloudWatch and EventBridge', async () => {
    const summary = await handler({ endpoint: 'credit' });
    const folder = `reports/credit/bias-drift/${hourPath(hour)}/`;
    expect(summary).toEqual({
      endpoint: 'credit',
      status: 'CompletedWithViolations',
      violations: 1,
      records: 100,
      reportUri: `s3://vigil-test/${folder}`,
    });
    const analysis = JSON.parse(bucket.text(`${folder}analysis.json`));
    const dppl = analysis.post_training_bias_metrics.facets.sex[0].metrics.find(
      (m: { name: string }) => m.name === 'DPPL',
    );
    expect(dppl.value).toBeCloseTo(0.4, 12);
    expect(JSON.parse(bucket.text(`${folder}constraint_violations.json`)).violations).toEqual([
      {
        facet: 'sex',
        facet_value: 'F',
        metric_name: 'DPPL',
        constraint_check_type: 'bias_drift_check',
        description: "Metric value 0.39999999999999997 doesn't meet the baseline constraint requirement 0.05",
      },
    ]);
    const published = cloudwatch.commandCalls(PutMetricDataCommand).map((call) => call.args[0].input);
    expect(published.every((input) => input.Namespace === 'aws/sagemaker/Endpoints/bias-metrics')).toBe(true);
    const dpplDatum = published
      .flatMap((input) => input.MetricData ?? [])
      .find((d) => d.MetricName === 'bias_metric_DPPL');
    expect(dpplDatum?.Value).toBeCloseTo(0.4, 12);
    expect(dpplDatum?.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'Endpoint', Value: 'credit' },
        { Name: 'MonitoringSchedule', Value: 'credit-bias-drift' },
        { Name: 'BiasStage', Value: 'Post-Training' },
        { Name: 'Label', Value: 'approved' },
        { Name: 'LabelValue', Value: '1' },
        { Name: 'Facet', Value: 'sex' },
        { Name: 'FacetValue', Value: 'F' },
      ]),
    );
    expect(eventbridge.commandCalls(PutEventsCommand)).toHaveLength(1);
    const entry = eventbridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    expect(entry?.DetailType).toBe('Vigil Monitoring Execution');
    expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({
      endpointName: 'credit',
      monitoringType: 'ModelBias',
      status: 'CompletedWithViolations',
      windowStart: previousHour.toISOString(),
      windowEnd: hour.toISOString(),
      recordCount: 100,
    });
  });

  it('ends Failed naming the bad baseline field, after computing and publishing the metrics', async () => {
    const summary = await handler({ endpoint: 'creditbad' });
    expect(summary.status).toBe('Failed');
    const entries = eventbridge.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(entries).toHaveLength(1);
    const detail = JSON.parse(entries[0]?.Detail ?? '{}');
    expect(detail.status).toBe('Failed');
    expect(detail.failureReason).toContain(
      'baselines/creditbad/analysis.json: invalid field "post_training_bias_metrics.facets.sex[0].metrics[0].value"',
    );
    expect(detail.failureReason).toMatch(/drift was not checked/);
    expect(cloudwatch.commandCalls(PutMetricDataCommand).length).toBeGreaterThan(0);
  });

  it('ends Failed when the baseline has no metric to compare with the window (it Completed with the check off)', async () => {
    const good = JSON.parse(bucket.text('baselines/credit/analysis.json'));
    for (const facets of [{}, { nationality: good.post_training_bias_metrics.facets.sex }]) {
      bucket.put(
        'baselines/creditbad/analysis.json',
        JSON.stringify({
          ...good,
          post_training_bias_metrics: { ...good.post_training_bias_metrics, facets },
        }),
      );
      eventbridge.resetHistory();
      const summary = await handler({ endpoint: 'creditbad' });
      expect(summary.status).toBe('Failed');
      const entries = eventbridge
        .commandCalls(PutEventsCommand)
        .flatMap((c) => c.args[0].input.Entries ?? []);
      expect(entries).toHaveLength(1);
      const detail = JSON.parse(entries[0]?.Detail ?? '{}');
      expect(detail.status).toBe('Failed');
      expect(detail.failureReason).toMatch(
        /^No metric of the baseline baselines\/creditbad\/analysis\.json matches a facet value and metric of the window \(\d+ not compared, e\.g\. sex=F /,
      );
      expect(detail.failureReason).toMatch(/drift was not checked/);
    }
  });

  it('rejects events that are not a monitor schedule, and endpoints without the monitor', async () => {
    await expect(handler({ source: 'aws.s3', 'detail-type': 'Object Created' })).rejects.toBeInstanceOf(
      EventShapeError,
    );
    await expect(handler({ endpoint: 'other' })).rejects.toThrow(/has no biasDrift monitor/);
  });
});
