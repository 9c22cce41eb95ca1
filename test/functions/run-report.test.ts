import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { hourOf, hourPath } from '@vigil/core';
import { createDataQualityBaseline } from '@vigil/core/dataquality';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { barsOf, chartsOf, hrefsOf, verdictsOf } from '../support/report-html.ts';
import { mockBucket } from './bucket-mock.ts';

// The scheduled Lambda writes report.html into the run's S3 report folder through the ObjectStore
// port, as text/html, linking the SageMaker files beside it.
const fixtures = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
const objectCreated = JSON.parse(readFileSync(`${fixtures}events/s3-object-created.json`, 'utf8'));
const captureKey = (hour: Date) => `capture/churn/AllTraffic/${hourPath(hour)}/10-00-000-x.jsonl`;
const bucket = mockBucket();
const cloudwatch = mockClient(CloudWatchClient);
const eventbridge = mockClient(EventBridgeClient);
const hour = hourOf(new Date());
const previousHour = new Date(hour.getTime() - 3_600_000);

beforeAll(async () => {
  process.env.VIGIL_BUCKET = 'vigil-test';
  process.env.VIGIL_EVENT_BUS = 'vigil-bus';
  cloudwatch.on(PutMetricDataCommand).resolves({});
  eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
  bucket.put(
    'config/vigil.config.json',
    JSON.stringify({
      version: 1,
      endpoints: [{ name: 'churn', monitors: { dataQuality: { baseline: 'baselines/churn/data-quality' } } }],
    }),
  );
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
  // tenure shifted by 200: drift; score and plan as in the baseline.
  const lines = Array.from({ length: 500 }, (_, i) =>
    JSON.stringify({
      captureData: {
        endpointInput: {
          observedContentType: 'text/csv',
          mode: 'INPUT',
          data: `${200 + (i % 100)},${i % 2 ? 'a' : 'b'}`,
          encoding: 'CSV',
        },
        endpointOutput: {
          observedContentType: 'text/csv',
          mode: 'OUTPUT',
          data: ((i % 10) / 10).toFixed(1),
          encoding: 'CSV',
        },
      },
      eventMetadata: { eventId: `e-${i}`, inferenceTime: `${previousHour.toISOString().slice(0, 19)}Z` },
      eventVersion: '0',
    }),
  );
  bucket.put(captureKey(previousHour), `${lines.join('\n')}\n`);
});

describe('the data-quality Lambda', () => {
  it('writes report.html to the S3 report folder, as text/html, linking files that exist there', async () => {
    // The capture file's profile first, as its S3 event would have it made.
    const profileCapture = (await import('../../functions/src/profile-capture.ts')).handler;
    const key = captureKey(previousHour);
    await profileCapture({
      ...objectCreated,
      detail: {
        ...objectCreated.detail,
        bucket: { name: 'vigil-test' },
        object: { key, size: bucket.objects.get(key)?.length },
      },
    });
    const { handler } = await import('../../functions/src/monitor-data-quality.ts');
    const summary = await handler({ endpoint: 'churn' });
    expect(summary.status).toBe('CompletedWithViolations');
    const folder = `reports/churn/data-quality/${hourPath(hour)}/`;
    const html = bucket.text(`${folder}report.html`);
    const put = bucket.s3
      .commandCalls(PutObjectCommand)
      .map((c) => c.args[0].input)
      .find((input) => input.Key === `${folder}report.html`);
    expect(put?.ContentType).toBe('text/html; charset=utf-8');
    expect(Object.fromEntries(verdictsOf(html))).toEqual({ score: 'ok', tenure: 'violation', plan: 'ok' });
    const links = hrefsOf(html);
    expect(links).toContain('statistics.json');
    expect(links).toContain('constraint_violations.json');
    for (const link of links) expect(bucket.keys(folder), link).toContain(`${folder}${link}`);
    // constraint_violations.json, the folder's completion mark, is still written last.
    const keys = bucket.s3
      .commandCalls(PutObjectCommand)
      .map((c) => c.args[0].input.Key ?? '')
      .filter((k) => k.startsWith(folder));
    expect(keys.at(-1)).toBe(`${folder}constraint_violations.json`);
    expect(keys.at(-2)).toBe(`${folder}report.html`);
    const tenure = chartsOf(html).find((svg) => svg.includes('aria-label="Distribution of tenure,'))!;
    const bins = (series: string) =>
      barsOf(tenure)
        .filter((b) => b.series === series)
        .map((b) => [b.lo, b.hi]);
    expect(bins('baseline')).toEqual(bins('current'));
  });
});
