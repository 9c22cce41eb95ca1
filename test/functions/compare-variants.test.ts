import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ConfigError, hourOf, hourPath } from '@vigil/core';
import { parseComparison } from '@vigil/core/variants';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockBucket } from './bucket-mock.ts';

const bucket = mockBucket();
const cloudwatch = mockClient(CloudWatchClient);

const hour = hourOf(new Date());
const previousHour = new Date(hour.getTime() - 3_600_000);

function captureLine(id: string, label: number): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' },
      endpointOutput: {
        observedContentType: 'text/csv',
        mode: 'OUTPUT',
        data: String(label),
        encoding: 'CSV',
      },
    },
    eventMetadata: {
      eventId: `e-${id}`,
      inferenceId: id,
      inferenceTime: `${previousHour.toISOString().slice(0, 19)}Z`,
    },
    eventVersion: '0',
  });
}

const labelLine = (id: string, label: number) =>
  JSON.stringify({
    groundTruthData: { data: String(label), encoding: 'CSV' },
    eventMetadata: { eventId: id },
    eventVersion: '0',
  });

// 400 requests each: the champion is right 70% of the time, the challenger 90%.
const N = 400;
const truth = (i: number) => i % 2;
const championSays = (i: number) => (i % 10 < 7 ? truth(i) : 1 - truth(i));
const challengerSays = (i: number) => (i % 10 < 9 ? truth(i) : 1 - truth(i));

beforeAll(() => {
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
          variants: {
            champion: 'A',
            challengers: ['B'],
            problemType: 'BinaryClassification',
            captureSource: 'capture',
            metric: 'accuracy',
            minimumEffect: 0.05,
          },
        },
        { name: 'plain' },
      ],
    }),
  );
  const ids = Array.from({ length: N }, (_, i) => i);
  bucket.put(
    `capture/churn/A/${hourPath(previousHour)}/10-00-000-a.jsonl`,
    ids.map((i) => captureLine(`a-${i}`, championSays(i))).join('\n'),
  );
  bucket.put(
    `capture/churn/B/${hourPath(previousHour)}/10-00-000-b.jsonl`,
    ids.map((i) => captureLine(`b-${i}`, challengerSays(i))).join('\n'),
  );
  bucket.put(
    `ground-truth/churn/${hourPath(previousHour)}/0000.jsonl`,
    ids.flatMap((i) => [labelLine(`a-${i}`, truth(i)), labelLine(`b-${i}`, truth(i))]).join('\n'),
  );
});

beforeEach(() => {
  bucket.wire();
  cloudwatch.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
});

const { handler } = await import('../../functions/src/compare-variants.ts');

describe('compare-variants handler', () => {
  it('compares the window’s variants through S3 and publishes variant metrics to CloudWatch', async () => {
    const summary = await handler({ endpoint: 'churn' });
    const key = `reports/churn/variant-comparison/${hourPath(hour)}/comparison.json`;
    expect(summary).toEqual({
      endpoint: 'churn',
      reportKey: key,
      labels: 2 * N,
      decisions: { B: 'challenger_better' },
    });
    const doc = parseComparison(bucket.text(key));
    const accuracy = doc.verdicts[0]!.metrics.find((m) => m.metric === 'accuracy')!;
    expect([accuracy.champion, accuracy.challenger]).toEqual([0.7, 0.9]);
    const names = cloudwatch
      .commandCalls(PutMetricDataCommand)
      .flatMap((c) => c.args[0].input.MetricData ?? [])
      .map((d) => d.MetricName);
    expect(names).toEqual(expect.arrayContaining(['variant_accuracy_delta', 'variant_decision']));
    expect(cloudwatch.commandCalls(PutMetricDataCommand)[0]!.args[0].input.Namespace).toBe(
      'aws/sagemaker/Endpoints/variant-metrics',
    );
  });

  it('records in comparison.json which model version each variant served, from the endpoint record', async () => {
    const arn = (v: number) => `arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/${v}`;
    bucket.put(
      'state/endpoints/churn.json',
      JSON.stringify({
        endpoint: 'churn',
        status: 'InService',
        current: {
          configName: 'churn-ab',
          since: '2020-01-01T00:00:00Z',
          variants: ['A', 'B'],
          modelPackageArns: [arn(3), arn(4)],
          variantPackages: { A: [arn(3)], B: [arn(4)] },
        },
        rolledBackFrom: [],
        lastEventAt: '2020-01-01T00:00:00Z',
        recentEventIds: [],
      }),
    );
    const summary = await handler({ endpoint: 'churn' });
    expect(parseComparison(bucket.text(summary.reportKey)).modelPackages).toEqual({
      A: [arn(3)],
      B: [arn(4)],
    });
  });

  it('refuses an endpoint without a variants section, saying what to do', async () => {
    await expect(handler({ endpoint: 'plain' })).rejects.toThrow(ConfigError);
    await expect(handler({ endpoint: 'plain' })).rejects.toThrow(/no variants section/);
  });
});
