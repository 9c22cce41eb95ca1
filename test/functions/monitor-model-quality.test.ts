import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventShapeError, hourOf, hourPath } from '@vigil/core';
import { createModelQualityBaseline } from '@vigil/core/modelquality';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockBucket } from './bucket-mock.ts';

const bucket = mockBucket();
const cloudwatch = mockClient(CloudWatchClient);
const eventbridge = mockClient(EventBridgeClient);

// Metric timestamps must be recent for CloudWatch, so the run covers the current hour.
const hour = hourOf(new Date());
const previousHour = new Date(hour.getTime() - 3_600_000);

function captureLine(id: string, probability: number): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' },
      endpointOutput: {
        observedContentType: 'application/json',
        mode: 'OUTPUT',
        data: JSON.stringify({ predicted_label: probability >= 0.5 ? 1 : 0, score: probability }),
        encoding: 'JSON',
      },
    },
    eventMetadata: {
      eventId: `e-${id}`,
      inferenceId: id,
      inferenceTime: previousHour.toISOString().slice(0, 19) + 'Z',
    },
    eventVersion: '0',
  });
}

// Eight predictions, labels for six of them: by hand, predicted 1 for 0.9 0.8 0.7 0.6, 0 for 0.3 0.2;
// labels 1 1 0 1 0 1 → TP 3, FP 1, TN 1, FN 1: accuracy 4/6, precision 3/4, recall 3/4.
const probabilities = [0.9, 0.8, 0.7, 0.6, 0.3, 0.2, 0.4, 0.1];
const labels = [1, 1, 0, 1, 0, 1];

beforeAll(async () => {
  process.env.VIGIL_BUCKET = 'vigil-test';
  process.env.VIGIL_EVENT_BUS = 'vigil-bus';
  bucket.put(
    'config/vigil.config.json',
    JSON.stringify({
      version: 1,
      endpoints: [
        {
          name: 'churn',
          groundTruth: 'ground-truth/churn',
          monitors: {
            modelQuality: {
              baseline: 'baselines/churn/model-quality',
              problemType: 'BinaryClassification',
              inferenceAttribute: 'predicted_label',
              probabilityAttribute: 'score',
            },
          },
        },
        {
          name: 'churnbad',
          monitors: {
            modelQuality: {
              baseline: 'baselines/churnbad/model-quality',
              problemType: 'BinaryClassification',
            },
          },
        },
      ],
    }),
  );
  // The baseline: the model was perfect there, so this window's precision and recall violate.
  const baselineRows = Array.from({ length: 100 }, (_, i) => ({
    label: i % 2,
    prediction: i % 2,
    probability: i % 2 ? 0.8 : 0.2,
  }));
  const baseline = createModelQualityBaseline(baselineRows, { problemType: 'BinaryClassification' });
  for (const [name, content] of Object.entries(baseline.files))
    bucket.put(`baselines/churn/model-quality/${name}`, content);
  // A section given as a list: its entries were read as metrics "0", "1", … and never matched.
  bucket.put(
    'baselines/churnbad/model-quality/constraints.json',
    JSON.stringify({
      version: 0,
      binary_classification_constraints: [{ threshold: 0.9, comparison_operator: 'LessThanThreshold' }],
    }),
  );
  bucket.put(
    `capture/churn/AllTraffic/${hourPath(previousHour)}/10-00-000-x.jsonl`,
    `${probabilities.map((p, i) => captureLine(`id-${i}`, p)).join('\n')}\n`,
  );
  bucket.put(
    `ground-truth/churn/${hourPath(previousHour)}/0000.jsonl`,
    labels
      .map((label, i) =>
        JSON.stringify({
          groundTruthData: { data: String(label), encoding: 'CSV' },
          eventMetadata: { eventId: `id-${i}` },
          eventVersion: '0',
        }),
      )
      .join('\n'),
  );
});

beforeEach(() => {
  bucket.wire();
  cloudwatch.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
  eventbridge.reset();
  eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
});

const { handler } = await import('../../functions/src/monitor-model-quality.ts');

describe('monitor-model-quality handler', () => {
  it('runs the scheduled window through S3, CloudWatch and EventBridge', async () => {
    const summary = await handler({ endpoint: 'churn' });
    const folder = `reports/churn/model-quality/${hourPath(hour)}/`;
    expect(summary).toEqual({
      endpoint: 'churn',
      status: 'CompletedWithViolations',
      violations: 12,
      records: 8,
      matched: 6,
      reportUri: `s3://vigil-test/${folder}`,
      failureReason: undefined,
    });
    const statistics = JSON.parse(bucket.text(`${folder}statistics.json`)).binary_classification_metrics;
    expect(statistics.accuracy.value).toBeCloseTo(4 / 6, 15);
    expect(statistics.precision.value).toBe(0.75);
    expect(statistics.recall.value).toBe(0.75);
    expect(statistics.confusion_matrix).toEqual({ '0': { '0': 1, '1': 1 }, '1': { '0': 1, '1': 3 } });
    const violations = JSON.parse(bucket.text(`${folder}constraint_violations.json`)).violations;
    // The baseline model was perfect, so every constrained metric is now on the wrong side; auc by
    // hand: positives 0.9 0.8 0.6 0.2 against negatives 0.7 0.3 win 5 of 8 pairs.
    expect(violations.map((v: { metric_name: string }) => v.metric_name)).toEqual([
      'recall',
      'precision',
      'accuracy',
      'true_positive_rate',
      'true_negative_rate',
      'false_positive_rate',
      'false_negative_rate',
      'auc',
      'au_prc',
      'f0_5',
      'f1',
      'f2',
    ]);
    expect(statistics.auc.value).toBe(5 / 8);
    expect(JSON.parse(bucket.text(`${folder}estimated_quality.json`)).item_count).toBe(8);

    const metricCalls = cloudwatch.commandCalls(PutMetricDataCommand).map((call) => call.args[0].input);
    expect(metricCalls.map((input) => input.Namespace)).toEqual(['aws/sagemaker/Endpoints/model-metrics']);
    const data = metricCalls[0]?.MetricData ?? [];
    expect(data.find((d) => d.MetricName === 'precision')).toMatchObject({
      Value: 0.75,
      Dimensions: expect.arrayContaining([
        { Name: 'Endpoint', Value: 'churn' },
        { Name: 'MonitoringSchedule', Value: 'churn-model-quality' },
      ]),
    });
    expect(data.map((d) => d.MetricName)).toContain('estimated_accuracy');
    expect(eventbridge.commandCalls(PutEventsCommand)).toHaveLength(1);
    const entry = eventbridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    expect(entry?.DetailType).toBe('Vigil Monitoring Execution');
    const detail = JSON.parse(entry?.Detail ?? '{}');
    expect(detail).toMatchObject({
      endpointName: 'churn',
      monitoringType: 'ModelQuality',
      status: 'CompletedWithViolations',
      windowStart: previousHour.toISOString(),
      windowEnd: hour.toISOString(),
    });
    expect(detail.skipped).toEqual([
      { reason: 'prediction-without-label', count: 2, examples: ['id-6', 'id-7'] },
    ]);
  });

  it('ends Failed with the file and field of a bad baseline, in the event', async () => {
    const summary = await handler({ endpoint: 'churnbad' });
    expect(summary.status).toBe('Failed');
    expect(summary.failureReason).toContain(
      's3://vigil-test/baselines/churnbad/model-quality/constraints.json: invalid field "binary_classification_constraints"',
    );
    const entry = eventbridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({ status: 'Failed', endpointName: 'churnbad' });
    expect(cloudwatch.commandCalls(PutMetricDataCommand)).toHaveLength(0);
  });

  it('rejects events that are not a monitor schedule, and endpoints without the monitor', async () => {
    await expect(handler({ source: 'aws.s3', 'detail-type': 'Object Created' })).rejects.toBeInstanceOf(
      EventShapeError,
    );
    await expect(handler({ endpoint: 'nope' })).rejects.toThrow(/no modelQuality monitor/);
  });
});
