import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@vigil/aws';
import { hourOf, hourPath } from '@vigil/core';
import { countAsyncErrors } from '@vigil/core/async';
import { createDataQualityBaseline } from '@vigil/core/dataquality';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockBucket } from './bucket-mock.ts';

const fixtures = fileURLToPath(new URL('../fixtures/async/', import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(`${fixtures}${name}`, 'utf8'));
const events = fileURLToPath(new URL('../../../shared/fixtures/events/', import.meta.url));
const objectCreated = JSON.parse(readFileSync(`${events}s3-object-created.json`, 'utf8'));

const bucket = mockBucket('vigil-test');
const payloads = bucket.other('async-payloads');
const cloudwatch = mockClient(CloudWatchClient);
/** Vigil's bucket through the mocked S3 client, as the handlers see it. */
const vigilStore = new S3ObjectStore({ bucket: 'vigil-test', client: new S3Client({ region: 'us-east-1' }) });
const eventbridge = mockClient(EventBridgeClient);

// Requests received in the previous hour, so the scheduled data-quality run of this hour covers them.
const hour = hourOf(new Date());
const previousHour = new Date(hour.getTime() - 3_600_000);
const N = 60;
const FAILURES = 7;

/** The documented success (or error) message, for request i, received in the previous hour. */
function notification(i: number, failed: boolean): Record<string, unknown> {
  const base = fixture(failed ? 'error-notification.json' : 'success-notification.json');
  const received = new Date(previousHour.getTime() + i * 30_000);
  return {
    ...base,
    inferenceId: `req-${i}`,
    receivedTime: received.toISOString(),
    eventTime: new Date(received.getTime() + 900).toISOString(),
    requestParameters: {
      ...base.requestParameters,
      endpointName: 'churn-async',
      inputLocation: `s3://async-payloads/requests/req-${i}.csv`,
    },
    ...(failed
      ? {}
      : {
          responseParameters: {
            ...base.responseParameters,
            outputLocation: `s3://async-payloads/results/req-${i}.out`,
          },
        }),
  };
}

/** The Lambda SNS event of some notifications (the shape of the fixture's records). */
function snsEvent(messages: Record<string, unknown>[]) {
  const template = fixture('sns-lambda-event.json').Records[0];
  return {
    Records: messages.map((m) => ({ ...template, Sns: { ...template.Sns, Message: JSON.stringify(m) } })),
  };
}

beforeAll(async () => {
  process.env.VIGIL_BUCKET = 'vigil-test';
  process.env.VIGIL_EVENT_BUS = 'vigil-bus';
  bucket.put(
    'config/vigil.config.json',
    JSON.stringify({
      version: 1,
      endpoints: [
        {
          name: 'churn-async',
          monitors: { dataQuality: { baseline: 'baselines/churn-async/data-quality' } },
          asyncInference: {
            successTopic: 'arn:aws:sns:us-east-1:111122223333:churn-async-success',
            errorTopic: 'arn:aws:sns:us-east-1:111122223333:churn-async-error',
            inputs: ['s3://async-payloads/requests/'],
            outputs: ['s3://async-payloads/results/'],
          },
        },
      ],
    }),
  );
  // Baseline: score (the prediction, first), tenure 0..99.
  const rows = ['score,tenure'];
  for (let i = 0; i < 1000; i++) rows.push(`${((i % 10) / 10).toFixed(1)},${i % 100}`);
  const baseline = await createDataQualityBaseline(
    (async function* () {
      yield new TextEncoder().encode(rows.join('\n'));
    })(),
    { format: 'csv', header: true },
  );
  bucket.put('baselines/churn-async/data-quality/statistics.json', baseline.statistics);
  bucket.put('baselines/churn-async/data-quality/constraints.json', baseline.constraints);
  // Request i carries tenure i (0..59); its result, the score (i % 10) / 10.
  for (let i = 0; i < N; i++) {
    payloads.set(`requests/req-${i}.csv`, new TextEncoder().encode(`${i}\n`));
    payloads.set(`results/req-${i}.out`, new TextEncoder().encode(`${((i % 10) / 10).toFixed(1)}\n`));
  }
});

beforeEach(() => {
  bucket.wire();
  cloudwatch.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
  eventbridge.reset();
  eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
});

const { handler } = await import('../../functions/src/async-capture.ts');
const profileCapture = (await import('../../functions/src/profile-capture.ts')).handler;
const dataQuality = (await import('../../functions/src/monitor-data-quality.ts')).handler;

describe('async-capture handler', () => {
  it('turns completed inferences into capture records and failures into error records, once each', async () => {
    const completed = Array.from({ length: N }, (_, i) => notification(i, false));
    const failed = Array.from({ length: FAILURES }, (_, i) => notification(N + i, true));
    const summary = await handler(snsEvent([...completed, ...failed]));
    expect(summary.captured).toHaveLength(N);
    expect(summary.failed).toHaveLength(FAILURES);
    expect(summary.ignored).toBe(0);
    // The failures as Vigil's metric, one datum per endpoint variant.
    const data = cloudwatch.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input);
    expect(data).toHaveLength(1);
    expect(data[0]?.Namespace).toBe('aws/sagemaker/Endpoints/async-metrics');
    expect(data[0]?.MetricData?.map((d) => [d.MetricName, d.Value, d.Unit, d.Dimensions])).toEqual([
      [
        'vigil_async_inference_failures',
        FAILURES,
        'Count',
        [
          { Name: 'Endpoint', Value: 'churn-async' },
          { Name: 'Variant', Value: 'AllTraffic' },
        ],
      ],
    ]);
    expect(summary.captured[0]).toMatch(
      new RegExp(`^capture/churn-async/AllTraffic/${hourPath(previousHour)}/00-00-\\d{3}-req-0\\.jsonl$`),
    );
    // The same notifications again (SNS delivers at least once): the same keys, nothing new.
    const before = bucket.objects.size;
    const again = await handler(snsEvent([completed[0]!, failed[0]!]));
    expect(again.captured).toEqual([summary.captured[0]]);
    expect(bucket.objects.size).toBe(before);
    const window = { start: previousHour, end: hour };
    expect(await countAsyncErrors(vigilStore, 'churn-async', 'AllTraffic', window)).toBe(FAILURES);
    const line = JSON.parse(bucket.text(summary.captured[5]!).trim());
    expect(line.eventMetadata.inferenceId).toBe('req-5');
    expect(line.captureData.endpointInput).toMatchObject({ data: '5', encoding: 'CSV' });
    expect(line.captureData.endpointOutput).toMatchObject({ data: '0.5', encoding: 'CSV' });
  });

  it('feeds the same profiles and monitors as real-time capture', async () => {
    const keys = [...bucket.objects.keys()].filter((k) => k.startsWith('capture/churn-async/'));
    for (const key of keys) {
      await profileCapture({
        ...objectCreated,
        detail: {
          ...objectCreated.detail,
          bucket: { name: 'vigil-test' },
          object: { key, size: bucket.objects.get(key)?.length },
        },
      });
    }
    const summary = await dataQuality({ endpoint: 'churn-async' });
    expect(summary).toMatchObject({ records: N });
    const statistics = JSON.parse(
      bucket.text(`reports/churn-async/data-quality/${hourPath(hour)}/statistics.json`),
    );
    const tenure = statistics.features.find((f: { name: string }) => f.name === 'tenure');
    // Tenure 0..59 of the requests: mean 29.5, max 59.
    expect(tenure.numerical_statistics.mean).toBeCloseTo(29.5, 9);
    expect(tenure.numerical_statistics.max).toBe(59);
  });

  it('ignores notifications of endpoints without asyncInference, and refuses other events', async () => {
    const other = {
      ...notification(1, false),
      requestParameters: { endpointName: 'elsewhere', inputLocation: 's3://x/y' },
    };
    expect(await handler(snsEvent([other]))).toEqual({ captured: [], failed: [], ignored: 1 });
    await expect(handler({ Records: [{ Sns: { Message: '{"eventSource":"aws:s3"}' } }] })).rejects.toThrow(
      /Not a SageMaker asynchronous-inference notification/,
    );
  });
});
