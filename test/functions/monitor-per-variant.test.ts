import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ConfigError, hourOf, hourPath } from '@vigil/core';
import { createDataQualityBaseline } from '@vigil/core/dataquality';
import { createModelQualityBaseline } from '@vigil/core/modelquality';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockBucket } from './bucket-mock.ts';

const fixtures = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
const objectCreated = JSON.parse(readFileSync(`${fixtures}events/s3-object-created.json`, 'utf8'));

const bucket = mockBucket();
const cloudwatch = mockClient(CloudWatchClient);
const eventbridge = mockClient(EventBridgeClient);

// Metric timestamps must be recent for CloudWatch, so the runs cover the current hour.
const hour = hourOf(new Date());
const previousHour = new Date(hour.getTime() - 3_600_000);

/** One captured request: input `tenure,plan`, output the predicted label. */
function captureLine(id: string, tenure: number, plan: string, predicted: number): string {
  return JSON.stringify({
    captureData: {
      endpointInput: {
        observedContentType: 'text/csv',
        mode: 'INPUT',
        data: `${tenure},${plan}`,
        encoding: 'CSV',
      },
      endpointOutput: {
        observedContentType: 'text/csv',
        mode: 'OUTPUT',
        data: String(predicted),
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

// Known answers, by construction. Truth is i % 2 for request i of every variant.
// - A (champion): 200 requests, tenure 0..99 as in the baseline, right when i % 10 < 7: accuracy 0.7.
// - B (challenger): 100 requests, tenure shifted by 200 (drifts), right when i % 10 < 9: accuracy 0.9.
// - S (shadow): 50 requests with tenure 0, 2, …, 98 (the baseline's spread), always right: accuracy 1.
const VARIANTS = {
  A: { n: 200, tenure: (i: number) => i % 100, right: (i: number) => i % 10 < 7 },
  B: { n: 100, tenure: (i: number) => 200 + (i % 100), right: (i: number) => i % 10 < 9 },
  S: { n: 50, tenure: (i: number) => (2 * i) % 100, right: () => true },
} as const;

beforeAll(async () => {
  process.env.VIGIL_BUCKET = 'vigil-test';
  process.env.VIGIL_EVENT_BUS = 'vigil-bus';
  bucket.put(
    'config/vigil.config.json',
    JSON.stringify({
      version: 1,
      endpoints: [
        {
          name: 'ab',
          groundTruth: 'ground-truth/ab',
          monitors: {
            dataQuality: { baseline: 'baselines/ab/data-quality' },
            modelQuality: { baseline: 'baselines/ab/model-quality', problemType: 'BinaryClassification' },
            biasDrift: {
              baseline: 'baselines/ab/bias',
              analysisConfig: 'baselines/ab/bias/analysis_config.json',
            },
            featureAttribution: {
              baseline: 'baselines/ab/shap',
              analysisConfig: 'baselines/ab/shap/analysis_config.json',
            },
          },
          variants: {
            champion: 'A',
            challengers: ['B'],
            shadows: ['S'],
            problemType: 'BinaryClassification',
            monitorEachVariant: true,
          },
        },
      ],
    }),
  );
  const rows = ['label,tenure,plan'];
  for (let i = 0; i < 1000; i++) rows.push(`${i % 2},${i % 100},${i % 2 ? 'a' : 'b'}`);
  const dq = await createDataQualityBaseline(
    (async function* () {
      yield new TextEncoder().encode(rows.join('\n'));
    })(),
    { format: 'csv', header: true },
  );
  bucket.put('baselines/ab/data-quality/statistics.json', dq.statistics);
  bucket.put('baselines/ab/data-quality/constraints.json', dq.constraints);
  const mq = createModelQualityBaseline(
    Array.from({ length: 100 }, (_, i) => ({ label: i % 2, prediction: i % 2 })),
    { problemType: 'BinaryClassification' },
  );
  for (const [name, content] of Object.entries(mq.files))
    bucket.put(`baselines/ab/model-quality/${name}`, content);
  const labels: string[] = [];
  for (const [variant, spec] of Object.entries(VARIANTS)) {
    const lines = Array.from({ length: spec.n }, (_, i) => {
      const truth = i % 2;
      labels.push(
        JSON.stringify({
          groundTruthData: { data: String(truth), encoding: 'CSV' },
          eventMetadata: { eventId: `${variant}-${i}` },
          eventVersion: '0',
        }),
      );
      return captureLine(
        `${variant}-${i}`,
        spec.tenure(i),
        truth ? 'a' : 'b',
        spec.right(i) ? truth : 1 - truth,
      );
    });
    bucket.put(
      `capture/ab/${variant}/${hourPath(previousHour)}/10-00-000-${variant}.jsonl`,
      `${lines.join('\n')}\n`,
    );
  }
  bucket.put(`ground-truth/ab/${hourPath(previousHour)}/0000.jsonl`, labels.join('\n'));
});

beforeEach(() => {
  bucket.wire();
  cloudwatch.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
  eventbridge.reset();
  eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
});

const profileCapture = (await import('../../functions/src/profile-capture.ts')).handler;
const dataQuality = (await import('../../functions/src/monitor-data-quality.ts')).handler;
const { captureLocations, scheduledMonitorRun } = await import(
  '../../functions/src/shared/scheduled-monitor.ts'
);
const modelQuality = (await import('../../functions/src/monitor-model-quality.ts')).handler;

const published = () =>
  cloudwatch
    .commandCalls(PutMetricDataCommand)
    .flatMap((c) =>
      (c.args[0].input.MetricData ?? []).map((d) => ({ ...d, namespace: c.args[0].input.Namespace })),
    );
const events = () =>
  eventbridge
    .commandCalls(PutEventsCommand)
    .flatMap((c) => (c.args[0].input.Entries ?? []).map((e) => JSON.parse(e.Detail ?? '{}')));
const dims = (d: { Dimensions?: { Name?: string; Value?: string }[] }) =>
  Object.fromEntries((d.Dimensions ?? []).map((x) => [x.Name, x.Value]));

describe('monitors of an endpoint monitored per variant', () => {
  it('runs data quality on each variant’s own capture, reporting and publishing per variant', async () => {
    // Capture of every variant is profiled as it arrives (S3 Object Created).
    for (const variant of ['A', 'B', 'S']) {
      const key = `capture/ab/${variant}/${hourPath(previousHour)}/10-00-000-${variant}.jsonl`;
      const profiled = await profileCapture({
        ...objectCreated,
        detail: {
          ...objectCreated.detail,
          bucket: { name: 'vigil-test' },
          object: { key, size: bucket.objects.get(key)?.length },
        },
      });
      expect(profiled).toMatchObject({
        status: 'profiled',
        endpoint: 'ab',
        records: VARIANTS[variant as 'A'].n,
      });
    }
    const byVariant: Record<string, Awaited<ReturnType<typeof dataQuality>>> = {};
    for (const variant of ['A', 'B', 'S'])
      byVariant[variant] = await dataQuality({ endpoint: 'ab', variant });
    expect(byVariant.A).toMatchObject({ status: 'Completed', violations: 0, records: 200 });
    expect(byVariant.S).toMatchObject({ status: 'Completed', violations: 0, records: 50 });
    // Only the challenger's tenure moved: a drift violation there and nowhere else.
    expect(byVariant.B).toMatchObject({ status: 'CompletedWithViolations', records: 100 });
    for (const variant of ['A', 'B', 'S']) {
      const folder = `reports/ab/data-quality/${variant}/${hourPath(hour)}/`;
      expect(byVariant[variant]?.reportUri).toBe(`s3://vigil-test/${folder}`);
      expect(JSON.parse(bucket.text(`${folder}statistics.json`)).dataset.item_count).toBe(
        VARIANTS[variant as 'A'].n,
      );
    }
    const violations = JSON.parse(
      bucket.text(`reports/ab/data-quality/B/${hourPath(hour)}/constraint_violations.json`),
    );
    expect(violations.violations).toContainEqual(
      expect.objectContaining({ feature_name: 'tenure', constraint_check_type: 'baseline_drift_check' }),
    );
    // SageMaker's dimensions only (Endpoint, MonitoringSchedule): the schedule name tells variants apart.
    const drift = published().filter((d) => d.MetricName === 'feature_baseline_drift_tenure');
    expect(drift.map((d) => dims(d).MonitoringSchedule).sort()).toEqual([
      'ab-data-quality-A',
      'ab-data-quality-B',
      'ab-data-quality-S',
    ]);
    for (const d of drift) {
      expect(d.namespace).toBe('aws/sagemaker/Endpoints/data-metrics');
      expect(Object.keys(dims(d)).sort()).toEqual(['Endpoint', 'MonitoringSchedule']);
    }
    const driftOf = (v: string) =>
      drift.find((d) => dims(d).MonitoringSchedule === `ab-data-quality-${v}`)?.Value;
    // B's tenure lies wholly above the baseline's: KS distance 1, less Robust's margin for n = 100, m = 1000.
    expect(driftOf('B')).toBeCloseTo(1 - 1.8 * Math.sqrt((1000 + 100) / (1000 * 100)), 9);
    expect(driftOf('A')).toBeLessThan(0.1);
    const details = events();
    expect(details.map((d) => [d.variantName, d.monitoringScheduleName, d.recordCount])).toEqual([
      ['A', 'ab-data-quality-A', 200],
      ['B', 'ab-data-quality-B', 100],
      ['S', 'ab-data-quality-S', 50],
    ]);
    // Each variant claims its own window: one run record per variant, none shared.
    const records = [...bucket.objects.keys()].filter((k) => k.startsWith('runs/ab/DataQuality/'));
    expect(records.map((k) => k.split('/')[3]).sort()).toEqual(['A', 'B', 'S']);
  });

  it('a repeated schedule of one variant does nothing twice, and leaves the others alone', async () => {
    const again = await dataQuality({ endpoint: 'ab', variant: 'B' });
    expect(again).toMatchObject({ status: 'CompletedWithViolations', records: 100 });
    expect(events()).toEqual([]);
    expect(published()).toEqual([]);
  });

  it('joins each variant’s predictions with the labels: accuracy 0.7, 0.9 and 1 per variant', async () => {
    const accuracy: Record<string, number | undefined> = {};
    for (const variant of ['A', 'B', 'S']) {
      const summary = await modelQuality({ endpoint: 'ab', variant });
      expect(summary.matched).toBe(VARIANTS[variant as 'A'].n);
      const report = JSON.parse(
        bucket.text(`reports/ab/model-quality/${variant}/${hourPath(hour)}/statistics.json`),
      );
      accuracy[variant] = report.binary_classification_metrics.accuracy.value;
    }
    expect(accuracy).toEqual({ A: 0.7, B: 0.9, S: 1 });
    const metric = published().filter((d) => d.MetricName === 'accuracy');
    expect(metric.map((d) => [dims(d).MonitoringSchedule, d.Value])).toEqual([
      ['ab-model-quality-A', 0.7],
      ['ab-model-quality-B', 0.9],
      ['ab-model-quality-S', 1],
    ]);
  });

  it('reads the raw capture of the run’s variant for bias drift and feature attribution', async () => {
    for (const folder of ['bias-drift', 'feature-attribution'] as const) {
      const run = await scheduledMonitorRun({ endpoint: 'ab', variant: 'S' }, folder);
      expect(run.target).toMatchObject({ variant: 'S', scheduleName: `ab-${folder}-S` });
      const keys = captureLocations(run).map((l) => l.key);
      expect(keys).toContain(`capture/ab/S/${hourPath(previousHour)}/`);
      expect(keys.every((k) => k.startsWith('capture/ab/S/'))).toBe(true);
    }
  });

  it('refuses a run that names no variant, or one the endpoint does not have, saying which it has', async () => {
    await expect(dataQuality({ endpoint: 'ab' })).rejects.toThrow(ConfigError);
    await expect(dataQuality({ endpoint: 'ab' })).rejects.toThrow(/name the variant.*one of A, B, S/);
    await expect(dataQuality({ endpoint: 'ab', variant: 'C' })).rejects.toThrow(
      /has no variant "C".*monitored: A, B, S/,
    );
  });
});
