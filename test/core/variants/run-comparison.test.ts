import { readFileSync } from 'node:fs';
import { fixedClock, type MetricDatum, silentLog } from '@vigil/core';
import { parseComparison, runVariantComparison, variantOfCaptureKey } from '@vigil/core/variants';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

interface Rows {
  labels: number[];
  predictions: number[];
  probabilities: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/variants/cases.json', import.meta.url), 'utf8'),
) as {
  cases: {
    name: string;
    champion: Rows;
    challenger: Rows;
    expected: { metrics: Record<string, { champion: number; difference: number; pValue: number }> };
  }[];
};
const better = fixture.cases.find((c) => c.name === 'binary-challenger-better')!;

const HOUR = new Date('2024-05-01T13:00:00Z');
const WINDOW = { start: new Date('2024-05-01T12:00:00Z'), end: HOUR };

function captureLine(id: string, probability: number, minute: number): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' },
      endpointOutput: {
        observedContentType: 'text/csv',
        mode: 'OUTPUT',
        data: String(probability),
        encoding: 'CSV',
      },
    },
    eventMetadata: {
      eventId: `event-${id}-${Math.random().toString(36).slice(2)}`,
      inferenceId: id,
      inferenceTime: `2024-05-01T12:${String(minute % 60).padStart(2, '0')}:00Z`,
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

/** The shadow answers A's requests: the same score, except every tenth request, scored 1 − p. */
const shadowScore = (p: number, i: number) => (i % 10 === 0 ? Number((1 - p).toFixed(4)) : p);

async function setUp(withLabels: boolean) {
  const store = new MemoryStore('mem://vigil');
  const put = (variant: string, lines: string[]) =>
    store.put(`capture/churn/${variant}/2024/05/01/12/00-00-000-x.jsonl`, `${lines.join('\n')}\n`);
  await put(
    'A',
    better.champion.probabilities.map((p, i) => captureLine(`a-${i}`, p, i)),
  );
  await put(
    'B',
    better.challenger.probabilities.map((p, i) => captureLine(`b-${i}`, p, i)),
  );
  await put(
    'S',
    better.champion.probabilities.map((p, i) => captureLine(`a-${i}`, shadowScore(p, i), i)),
  );
  if (withLabels) {
    const labels = [
      ...better.champion.labels.map((l, i) => labelLine(`a-${i}`, l)),
      ...better.challenger.labels.map((l, i) => labelLine(`b-${i}`, l)),
    ];
    await store.put('ground-truth/churn/2024/05/01/12/labels.jsonl', `${labels.join('\n')}\n`);
  }
  const published: MetricDatum[] = [];
  const run = await runVariantComparison(
    { metrics: { publish: async (m) => void published.push(...m) }, clock: fixedClock(HOUR), log: silentLog },
    {
      endpoint: 'churn',
      champion: 'A',
      challengers: ['B'],
      shadows: ['S'],
      scheduledTime: HOUR,
      window: WINDOW,
      labelWindow: WINDOW,
      capture: { store, key: 'capture' },
      captureSource: 'capture',
      groundTruth: { store, key: 'ground-truth/churn' },
      reports: { store, key: 'reports' },
      problemType: 'BinaryClassification',
      attributes: { probabilityAttribute: '0' },
      significance: 0.05,
      minimumEffect: 0.01,
      power: 0.8,
    },
  );
  return { store, run, published };
}

describe('runVariantComparison', () => {
  it('writes comparison.json with the challenger better on auc, at scipy’s p-value', async () => {
    const { store, run } = await setUp(true);
    expect(run.reportKey).toBe('reports/churn/variant-comparison/2024/05/01/13/comparison.json');
    const doc = parseComparison(store.text(run.reportKey));
    const b = doc.verdicts.find((v) => v.variant === 'B')!;
    expect(b.decision).toBe('challenger_better');
    expect(b.decisionMetric).toBe('auc');
    const auc = b.metrics.find((m) => m.metric === 'auc')!;
    expect(auc.difference).toBeCloseTo(better.expected.metrics.auc!.difference, 12);
    expect(auc.pValue / better.expected.metrics.auc!.pValue).toBeCloseTo(1, 6);
    expect(doc.variants.map((v) => [v.name, v.role, v.predictions, v.labeled])).toEqual([
      ['A', 'champion', 1500, 1500],
      ['B', 'challenger', 1500, 1500],
      // The shadow's requests carry A's inferenceIds, so A's labels join them too.
      ['S', 'shadow', 1500, 1500],
    ]);
    // SageMaker's auc of the champion's labeled predictions, from the model-quality metrics.
    expect(doc.variants[0]!.metrics.auc).toBeCloseTo(better.expected.metrics.auc!.champion, 12);
    // Its report.html beside it: the decisions, and a link to comparison.json.
    const html = store.text('reports/churn/variant-comparison/2024/05/01/13/report.html');
    expect(html).toContain(
      '<tr data-name="B"><td>B</td><td>challenger</td><td>auc</td><td><b>challenger_better</b></td>',
    );
    expect(html).toContain('<a href="comparison.json">comparison.json</a>');
  });

  it('measures the shadow’s agreement with the champion on the same requests', async () => {
    const { store, run } = await setUp(true);
    const s = parseComparison(store.text(run.reportKey)).verdicts.find((v) => v.variant === 'S')!;
    const p = better.champion.probabilities;
    const flipped = p.filter((x, i) => i % 10 === 0 && x >= 0.5 !== shadowScore(x, i) >= 0.5).length;
    expect(s.agreement!.pairs).toBe(1500);
    expect(s.agreement!.agreementRate).toBeCloseTo((1500 - flipped) / 1500, 12);
    const meanAbs = p.reduce((sum, x, i) => sum + Math.abs(shadowScore(x, i) - x), 0) / 1500;
    expect(s.agreement!.meanAbsoluteDifference).toBeCloseTo(meanAbs, 12);
    expect(s.predictionDrift!.method).toBe('wasserstein');
    expect(s.predictionDrift!.value).toBeGreaterThan(0);
  });

  it('publishes variant_<metric>_delta and the decision per variant', async () => {
    const { published } = await setUp(true);
    const of = (name: string, variant: string) =>
      published.find((d) => d.name === name && d.dimensions.Variant === variant);
    expect(of('variant_auc_delta', 'B')!.value).toBeCloseTo(better.expected.metrics.auc!.difference, 12);
    expect(of('variant_accuracy_delta', 'B')!.value).toBeCloseTo(
      better.expected.metrics.accuracy!.difference,
      12,
    );
    expect(of('variant_decision', 'B')!.value).toBe(1);
    expect(of('variant_decision', 'B')!.namespace).toBe('aws/sagemaker/Endpoints/variant-metrics');
    expect(of('variant_decision', 'B')!.dimensions).toEqual({
      Endpoint: 'churn',
      MonitoringSchedule: 'churn-variant-comparison',
      Variant: 'B',
    });
    expect(of('variant_shadow_agreement', 'S')).toBeDefined();
    expect(of('variant_shadow_agreement', 'B')).toBeUndefined();
  });

  it('before labels: compares distributions only, inconclusive with no sample size', async () => {
    const { store, run, published } = await setUp(false);
    const doc = parseComparison(store.text(run.reportKey));
    const b = doc.verdicts.find((v) => v.variant === 'B')!;
    expect(b.decision).toBe('inconclusive');
    expect(b.metrics).toEqual([]);
    expect(b.sampleSizeNeeded).toBeNull();
    expect(b.reason).toMatch(/no labeled predictions yet/);
    expect(doc.variants[1]!.predictionDistribution).toMatchObject({ type: 'numerical', count: 1500 });
    expect(b.predictionDrift!.value).toBeGreaterThan(0);
    expect(published.filter((d) => d.name.endsWith('_delta'))).toEqual([]);
    expect(published.find((d) => d.name === 'variant_decision' && d.dimensions.Variant === 'B')!.value).toBe(
      0,
    );
  });
});

describe('variantOfCaptureKey', () => {
  it('reads the endpoint and variant segments of a capture key', () => {
    expect(variantOfCaptureKey('s3/capture/churn/challenger-1/2024/05/01/13/05-01-123-uuid.jsonl')).toEqual({
      endpoint: 'churn',
      variant: 'challenger-1',
    });
    expect(variantOfCaptureKey('capture/churn/file.jsonl')).toBeUndefined();
  });
});
