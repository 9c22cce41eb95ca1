import {
  fixedClock,
  type MetricDatum,
  type MonitoringExecutionDetail,
  reportPrefix,
  silentLog,
  type VigilEvent,
} from '@vigil/core';
import { type CaptureIssue, parseCaptureText } from '@vigil/core/capture';
import { buildCaptureExtract, extractKeyFor, serializeExtract } from '@vigil/core/merge';
import {
  checkConstraints,
  computeModelQualityStatistics,
  createModelQualityBaseline,
  parseConstraints,
  runModelQualityMonitor,
  statisticsJson,
  violationsJson,
} from '@vigil/core/modelquality';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const HOUR = new Date('2024-05-01T13:00:00Z');

function captureLine(i: number, probability: number, withInferenceId: boolean): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: `${i},7`, encoding: 'CSV' },
      endpointOutput: {
        observedContentType: 'text/csv; charset=utf-8',
        mode: 'OUTPUT',
        data: String(probability),
        encoding: 'CSV',
      },
    },
    eventMetadata: {
      eventId: `event-${i}`,
      ...(withInferenceId ? { inferenceId: `inference-${i}` } : {}),
      inferenceTime: `2024-05-01T12:${String(i % 60).padStart(2, '0')}:00Z`,
    },
    eventVersion: '0',
  });
}

function labelLine(id: string, label: number): string {
  return JSON.stringify({
    groundTruthData: { data: String(label), encoding: 'CSV' },
    eventMetadata: { eventId: id },
    eventVersion: '0',
  });
}

const probabilityOf = (i: number) => ((i * 37) % 100) / 100;
const labelOf = (i: number) => (((i * 53) % 100) / 100 < probabilityOf(i) ? 1 : 0);

async function setUp(options: {
  labels: boolean;
  baseline?: boolean;
  extractsOnly?: boolean;
  /** Edits the baseline's constraints.json before the run. */
  editConstraints?: (doc: {
    binary_classification_constraints: Record<string, Record<string, unknown>>;
  }) => void;
}) {
  const store = new MemoryStore('mem://test');
  const n = 240;
  const lines = Array.from({ length: n }, (_, i) => captureLine(i, probabilityOf(i), i % 2 === 0));
  // A malformed line: counted and skipped, the rest is used.
  lines.splice(10, 0, '{"captureData": ');
  const captureKey = 'capture/ep/AllTraffic/2024/05/01/12/10-00-000-a.jsonl';
  await store.put(captureKey, `${lines.join('\n')}\n`);
  if (options.extractsOnly) {
    // What profile-capture leaves behind: the extract, and (here) no raw capture at all.
    const issues: CaptureIssue[] = [];
    const records = parseCaptureText(store.text(captureKey), captureKey, (issue) => issues.push(issue));
    await store.put(
      extractKeyFor(captureKey),
      serializeExtract(buildCaptureExtract(records, captureKey, issues)),
    );
    store.objects.delete(captureKey);
  }
  if (options.labels) {
    const id = (i: number) => (i % 2 === 0 ? `inference-${i}` : `event-${i}`);
    // Most labels arrive in the hour of the predictions; the last 40 arrive a day later.
    const early = Array.from({ length: 200 }, (_, i) => labelLine(id(i), labelOf(i)));
    const late = Array.from({ length: 40 }, (_, k) => labelLine(id(200 + k), labelOf(200 + k)));
    // A duplicate (the later one wins) and a label with no prediction.
    late.push(labelLine(id(0), labelOf(0)), labelLine('nobody', 1));
    await store.put('ground-truth/2024/05/01/12/0000.jsonl', early.join('\n'));
    await store.put('ground-truth/2024/05/02/12/0000.jsonl', late.join('\n'));
  }
  if (options.baseline !== false) {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      label: labelOf(i + 1000),
      probability: probabilityOf(i),
    }));
    const baseline = createModelQualityBaseline(rows, { problemType: 'BinaryClassification' });
    for (const [name, text] of Object.entries(baseline.files)) await store.put(`baselines/ep/${name}`, text);
    if (options.editConstraints) {
      const doc = JSON.parse(store.text('baselines/ep/constraints.json'));
      options.editConstraints(doc);
      await store.put('baselines/ep/constraints.json', JSON.stringify(doc));
    }
  }
  const published: MetricDatum[] = [];
  const events: VigilEvent[] = [];
  const ports = {
    metrics: { publish: async (m: readonly MetricDatum[]) => void published.push(...m) },
    events: { publish: async (e: readonly VigilEvent[]) => void events.push(...e) },
    clock: fixedClock(new Date('2024-05-02T13:05:00Z')),
    log: silentLog,
  };
  const output = { store, key: reportPrefix('reports', 'ep', 'model-quality', HOUR) };
  const result = await runModelQualityMonitor(ports, {
    endpoint: 'ep',
    variant: 'AllTraffic',
    scheduledTime: HOUR,
    window: { start: new Date('2024-05-01T12:00:00Z'), end: HOUR },
    labelWindow: { start: new Date('2024-05-01T12:00:00Z'), end: new Date('2024-05-02T13:00:00Z') },
    capture: { store, key: 'capture' },
    groundTruth: { store, key: 'ground-truth' },
    baseline: { store, key: 'baselines/ep' },
    output,
    attributes: { probabilityAttribute: '0' },
  });
  return { store, published, events, result, n };
}

describe('runModelQualityMonitor', () => {
  it('joins late labels, reports metrics, violations and the estimate, and emits the execution event', async () => {
    const { store, published, events, result, n } = await setUp({ labels: true });
    const expected = computeModelQualityStatistics(
      Array.from({ length: n }, (_, i) => ({ label: labelOf(i), probability: probabilityOf(i) })),
      { problemType: 'BinaryClassification' },
    ).statistics;
    const folder = 'reports/ep/model-quality/2024/05/01/13/';
    expect(store.text(`${folder}statistics.json`)).toBe(statisticsJson(expected));
    const { constraints } = parseConstraints(store.text('baselines/ep/constraints.json'));
    const check = checkConstraints(expected, constraints);
    expect(store.text(`${folder}constraint_violations.json`)).toBe(violationsJson(check.violations));
    const estimate = JSON.parse(store.text(`${folder}estimated_quality.json`));
    expect(estimate.item_count).toBe(n);
    expect(estimate.labeled_item_count).toBe(n);
    expect(estimate.metrics.accuracy.realized).toBe(expected.metrics.accuracy?.value);

    const detail = events[0]?.detail as unknown as MonitoringExecutionDetail;
    expect(events).toHaveLength(1);
    expect(events[0]?.detailType).toBe('Vigil Monitoring Execution');
    expect(detail.monitoringType).toBe('ModelQuality');
    expect(detail.monitoringScheduleName).toBe('ep-model-quality');
    expect(detail.recordCount).toBe(n);
    expect(detail.violationCount).toBe(check.violations.length);
    expect(detail.status).toBe(check.violations.length > 0 ? 'CompletedWithViolations' : 'Completed');
    expect(result.merge?.matched).toBe(n);
    expect(detail.reportUri).toBe(`mem://test/${folder}`);
    const skipped = Object.fromEntries(detail.skipped.map((s) => [s.reason, s.count]));
    expect(skipped).toEqual({
      'capture-malformed-line': 1,
      'label-without-prediction': 1,
      'duplicate-label': 1,
    });

    const accuracy = published.find((d) => d.name === 'accuracy');
    expect(accuracy).toMatchObject({
      namespace: 'aws/sagemaker/Endpoints/model-metrics',
      dimensions: { Endpoint: 'ep', MonitoringSchedule: 'ep-model-quality' },
      value: expected.metrics.accuracy?.value,
    });
    expect(published.map((d) => d.name)).toContain('estimated_auc');
    expect(detail.metrics.estimated_accuracy).toBe(estimate.metrics.accuracy.estimated);
  });

  it('reads the extracts profile-capture wrote when the raw capture is not there', async () => {
    const withCapture = await setUp({ labels: true });
    const fromExtracts = await setUp({ labels: true, extractsOnly: true });
    const folder = 'reports/ep/model-quality/2024/05/01/13/';
    expect(fromExtracts.store.objects.has('capture/ep/AllTraffic/2024/05/01/12/10-00-000-a.jsonl')).toBe(
      false,
    );
    expect(fromExtracts.store.text(`${folder}statistics.json`)).toBe(
      withCapture.store.text(`${folder}statistics.json`),
    );
    expect(fromExtracts.events[0]?.detail).toMatchObject({ recordCount: 240 });
  });

  it('fails with the reason when no label has arrived, yet publishes the estimate before labels', async () => {
    const { store, published, events } = await setUp({ labels: false });
    const detail = events[0]?.detail as unknown as MonitoringExecutionDetail;
    expect(detail.status).toBe('Failed');
    expect(detail.failureReason).toMatch(
      /No captured prediction matched a ground-truth label \(240 predictions, 0 labels\)/,
    );
    expect(store.objects.has('reports/ep/model-quality/2024/05/01/13/statistics.json')).toBe(false);
    const estimate = JSON.parse(store.text('reports/ep/model-quality/2024/05/01/13/estimated_quality.json'));
    expect(estimate.labeled_item_count).toBe(0);
    expect(published.map((d) => d.name).sort()).toEqual([
      'estimated_accuracy',
      'estimated_auc',
      'estimated_f1',
      'estimated_precision',
      'estimated_recall',
    ]);
  });

  it('fails with the fix when the baseline is missing', async () => {
    const { events, published } = await setUp({ labels: true, baseline: false });
    const detail = events[0]?.detail as unknown as MonitoringExecutionDetail;
    expect(detail.status).toBe('Failed');
    expect(detail.failureReason).toMatch(
      /No model-quality baseline at mem:\/\/test\/baselines\/ep\/constraints.json/,
    );
    expect(published).toEqual([]);
  });

  it('fails naming a constraint it cannot read (its check was switched off and the run Completed), still reporting the rest', async () => {
    const { store, events, published } = await setUp({
      labels: true,
      editConstraints: (doc) => {
        const recall = doc.binary_classification_constraints.recall as Record<string, unknown>;
        recall.threshold = 'abc';
        (doc.binary_classification_constraints.accuracy as Record<string, unknown>).comparison_operator =
          'Sideways';
      },
    });
    const detail = events[0]?.detail as unknown as MonitoringExecutionDetail;
    expect(events).toHaveLength(1);
    expect(detail.status).toBe('Failed');
    expect(detail.failureReason).toBe(
      'mem://test/baselines/ep/constraints.json: the constraints of recall, accuracy have no numeric ' +
        'threshold or no known comparison_operator, so they were not checked: fix them, or regenerate the ' +
        'baseline with `vigil baseline model-quality`; the other metrics were computed, checked and published',
    );
    expect(detail.skipped).toContainEqual({
      reason: 'constraint-unreadable',
      count: 2,
      examples: ['recall', 'accuracy'],
    });
    // What could be done was: the report and the metrics are there.
    expect(store.objects.has('reports/ep/model-quality/2024/05/01/13/statistics.json')).toBe(true);
    expect(published.map((d) => d.name)).toContain('recall');
  });
});
