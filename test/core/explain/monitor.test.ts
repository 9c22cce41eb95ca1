import { describe, expect, it } from 'vitest';
import { explainDataset } from '../../../packages/core/src/explain/explain-job.ts';
import { functionInvoker } from '../../../packages/core/src/explain/function-invoker.ts';
import { runFeatureAttributionMonitor } from '../../../packages/core/src/explain/monitor.ts';
import { fixedClock } from '../../../packages/core/src/ports/clock.ts';
import type { VigilEvent } from '../../../packages/core/src/ports/event-publisher.ts';
import { silentLog } from '../../../packages/core/src/ports/log.ts';
import type { MetricDatum } from '../../../packages/core/src/ports/metric-sink.ts';
import type { ModelRecord } from '../../../packages/core/src/ports/model-invoker.ts';
import { MemoryStore } from '../../support/memory-store.ts';
import { captureLine } from './capture-line.ts';

const w = [3, 1, 0.2];
const c = 0.5;
const model = (x: ModelRecord) => w.reduce((s, wi, i) => s + wi * Number(x[i]), c);
const analysisConfig = {
  version: '1.0',
  dataset_type: 'text/csv',
  headers: ['a', 'b', 'c', 'y'],
  label: 'y',
  methods: { shap: { baseline: [[0, 0, 0]], agg_method: 'mean_abs', save_local_shap_values: true } },
  predictor: { model_name: 'linear' },
};
// Training-like data: a carries most of the attribution, then b, then c.
const trainRows = Array.from({ length: 20 }, (_, i) => [1 + (i % 4), 1 + (i % 3) * 0.5, (i % 5) * 0.3]);
// Shifted traffic: a is nearly constant at 0, c is large, so c now ranks first.
const shiftedRows = Array.from({ length: 12 }, (_, i) => [0.01 * (i % 2), 0.5 + (i % 3) * 0.1, 20 + i]);

function meanAbs(rows: number[][], j: number): number {
  return rows.reduce((s, r) => s + Math.abs(w[j]! * r[j]!), 0) / rows.length;
}

async function setup(captureRows: number[][], extraLines: string[] = []) {
  const store = new MemoryStore('mem://test', { chunking: 'halves' });
  const config = JSON.stringify(analysisConfig);
  await store.put('baselines/ep/analysis_config.json', config);
  const dataset = ['a,b,c,y', ...trainRows.map((r) => `${r.join(',')},1`)].join('\n');
  const baseline = await explainDataset(
    { invoker: functionInvoker(model), log: silentLog },
    { analysisConfigText: config, datasetText: dataset },
  );
  await store.put('baselines/ep/analysis.json', baseline.analysisJson);
  const lines = captureRows.map((r, i) => captureLine(r, model(r), `e${i}`, '2024-05-01T12:10:00Z'));
  const half = Math.ceil(lines.length / 2);
  await store.put('capture/ep/AllTraffic/2024/05/01/12/a.jsonl', `${lines.slice(0, half).join('\n')}\n`);
  await store.put(
    'capture/ep/AllTraffic/2024/05/01/12/b.jsonl',
    `${[...lines.slice(half), ...extraLines].join('\n')}\n`,
  );
  // Outside the window: must be ignored.
  await store.put(
    'capture/ep/AllTraffic/2024/05/01/09/old.jsonl',
    `${captureLine([100, 100, 100], 0, 'old', '2024-05-01T09:00:00Z')}\n`,
  );
  const metrics: MetricDatum[] = [];
  const events: VigilEvent[] = [];
  let calls = 0;
  const inner = functionInvoker(model);
  const ports = {
    metrics: { publish: async (m: readonly MetricDatum[]) => void metrics.push(...m) },
    events: { publish: async (e: readonly VigilEvent[]) => void events.push(...e) },
    clock: fixedClock(new Date('2024-05-01T13:05:00Z')),
    log: silentLog,
    invoker: {
      invoke: (records: readonly ModelRecord[]) => {
        calls++;
        return inner.invoke(records);
      },
    },
  };
  const options = {
    endpoint: 'ep',
    scheduledTime: new Date('2024-05-01T13:00:00Z'),
    window: { start: new Date('2024-05-01T12:00:00Z'), end: new Date('2024-05-01T13:00:00Z') },
    capture: [{ store, key: 'capture/ep/AllTraffic/' }],
    baseline: { store, key: 'baselines/ep/analysis.json' },
    analysisConfig: { store, key: 'baselines/ep/analysis_config.json' },
    output: { store, key: 'reports/ep/feature-attribution/2024/05/01/13/' },
  };
  return { store, metrics, events, ports, options, baseline, calls: () => calls };
}

describe('explainDataset', () => {
  it('writes Clarify analysis.json with the closed-form global values and the local values', async () => {
    const { baseline } = await setup([]);
    const analysis = JSON.parse(baseline.analysisJson);
    const label0 = analysis.explanations.kernel_shap.label0;
    expect(Object.keys(label0.global_shap_values)).toEqual(['a', 'b', 'c']);
    [0, 1, 2].forEach((j) => {
      expect(Math.abs(label0.global_shap_values['abc'[j]!] - meanAbs(trainRows, j))).toBeLessThan(1e-9);
    });
    expect(label0.expected_value).toBeCloseTo(c, 12);
    expect(
      baseline.analysisJson.startsWith(
        '{\n    "version": "1.0",\n    "explanations": {\n        "kernel_shap": {',
      ),
    ).toBe(true);
    const lines = baseline.localShapCsv!.trim().split('\n');
    expect(lines[0]).toBe('a,b,c');
    expect(lines.length).toBe(21);
    const first = lines[1]!.split(',').map(Number);
    expect(first.map((v, j) => Math.abs(v - w[j]! * trainRows[0]![j]!)).every((d) => d < 1e-9)).toBe(true);
  });
});

describe('runFeatureAttributionMonitor', () => {
  it('completes without violations on traffic like the baseline and publishes SageMaker metrics', async () => {
    const env = await setup(trainRows.slice(0, 10), [
      '{not json',
      captureLine([1, 2], 0, 'short', '2024-05-01T12:11:00Z'),
    ]);
    const result = await runFeatureAttributionMonitor(env.ports, env.options);
    expect(result.detail.status).toBe('Completed');
    expect(result.ndcgByLabel['label0']).toBe(1);
    expect(result.detail.recordCount).toBe(10);
    expect(result.detail.skipped).toEqual([
      { reason: 'malformed-line', count: 1, examples: ['capture/ep/AllTraffic/2024/05/01/12/b.jsonl:6'] },
      {
        reason: 'wrong-column-count',
        count: 1,
        examples: ['capture/ep/AllTraffic/2024/05/01/12/b.jsonl:7#1'],
      },
    ]);
    const rows = trainRows.slice(0, 10);
    const namespace = 'aws/sagemaker/Endpoints/explainability-metrics';
    const dims = {
      Endpoint: 'ep',
      MonitoringSchedule: 'ep-feature-attribution',
      ExplainabilityMethod: 'KernelShap',
      Label: 'label0',
    };
    expect(env.metrics.map((m) => [m.namespace, m.name, m.dimensions])).toEqual([
      [namespace, 'feature_a', { ...dims, ValueType: 'GlobalShapValues' }],
      [namespace, 'feature_b', { ...dims, ValueType: 'GlobalShapValues' }],
      [namespace, 'feature_c', { ...dims, ValueType: 'GlobalShapValues' }],
      [namespace, 'ExpectedValue', { ...dims, ValueType: 'ExpectedValue' }],
    ]);
    [0, 1, 2].forEach((j) => {
      expect(Math.abs(env.metrics[j]!.value - meanAbs(rows, j))).toBeLessThan(1e-9);
    });
    expect(env.metrics[3]!.value).toBeCloseTo(c, 12);
    expect(
      JSON.parse(env.store.text('reports/ep/feature-attribution/2024/05/01/13/constraint_violations.json')),
    ).toEqual({
      version: '1.0',
      violations: [],
    });
    expect(env.events).toHaveLength(1);
    expect(env.events[0]!.detailType).toBe('Vigil Monitoring Execution');
    expect(env.events[0]!.detail).toMatchObject({
      monitoringType: 'ModelExplainability',
      status: 'Completed',
      reportUri: 'mem://test/reports/ep/feature-attribution/2024/05/01/13/',
    });
  });

  it('reports a feature_attribution_drift_check violation when the ranking shifts', async () => {
    const env = await setup(shiftedRows);
    const result = await runFeatureAttributionMonitor(env.ports, { ...env.options, ndcgThreshold: 0.95 });
    const baselineGains = [0, 1, 2].map((j) => meanAbs(trainRows, j));
    const current = [0, 1, 2].map((j) => meanAbs(shiftedRows, j));
    // Current ranking c, b, a: DCG = g_c + g_b/log2(3) + g_a/2; ideal = g_a + g_b/log2(3) + g_c/2.
    const expected =
      (baselineGains[2]! + baselineGains[1]! / Math.log2(3) + baselineGains[0]! / 2) /
      (baselineGains[0]! + baselineGains[1]! / Math.log2(3) + baselineGains[2]! / 2);
    expect(current[2]).toBeGreaterThan(current[1]!);
    expect(Math.abs(result.ndcgByLabel['label0']! - expected)).toBeLessThan(1e-12);
    expect(result.detail.status).toBe('CompletedWithViolations');
    const report = JSON.parse(
      env.store.text('reports/ep/feature-attribution/2024/05/01/13/constraint_violations.json'),
    );
    expect(report.violations).toEqual([
      {
        label: 'label0',
        metric_name: 'shap',
        constraint_check_type: 'feature_attribution_drift_check',
        description: `Feature attribution drift ${result.ndcgByLabel['label0']} exceeds threshold 0.95`,
      },
    ]);
    const analysis = JSON.parse(env.store.text('reports/ep/feature-attribution/2024/05/01/13/analysis.json'));
    expect(analysis.explanations.kernel_shap.label0.global_shap_values.c).toBeCloseTo(current[2]!, 9);
    expect(env.events[0]!.detail).toMatchObject({ status: 'CompletedWithViolations', violationCount: 1 });
  });

  it('plans the model calls before making any and samples fewer records over the budget, saying so', async () => {
    const env = await setup(trainRows);
    const plans: string[] = [];
    const callsAtPlan: number[] = [];
    const result = await runFeatureAttributionMonitor(env.ports, {
      ...env.options,
      maxInvocations: 30,
      onPlan: (_plan, summary) => {
        plans.push(summary);
        callsAtPlan.push(env.calls());
      },
    });
    expect(callsAtPlan).toEqual([0]);
    // 3 features → 6 coalitions per record; 30 / 6 = 5 records instead of 20.
    expect(result.plan).toMatchObject({
      requestedRecords: 20,
      records: 5,
      coalitionsPerRecord: 6,
      invocations: 30,
    });
    expect(plans[0]).toMatch(/over budget with 20 records, so 5 are sampled instead/);
    expect(result.detail.skipped).toContainEqual({
      reason: 'over-invocation-budget',
      count: 15,
      examples: [],
    });
    expect(result.explanation!.local).toHaveLength(5);
  });

  it('samples the same records for the same seed', async () => {
    const env = await setup(trainRows);
    const a = await runFeatureAttributionMonitor(env.ports, { ...env.options, sampleSize: 5, seed: 3 });
    const b = await runFeatureAttributionMonitor(env.ports, { ...env.options, sampleSize: 5, seed: 3 });
    expect(a.explanation!.local).toEqual(b.explanation!.local);
  });

  it('fails, says why and still emits the event when the window holds no records', async () => {
    const env = await setup([]);
    const result = await runFeatureAttributionMonitor(env.ports, env.options);
    expect(result.detail.status).toBe('Failed');
    expect(result.detail.failureReason).toMatch(/No usable captured records/);
    expect(env.events[0]!.detail).toMatchObject({ status: 'Failed' });
    expect(env.metrics).toEqual([]);
  });

  it('publishes attributions but reports Failed when the baseline does not parse', async () => {
    const env = await setup(trainRows.slice(0, 4));
    await env.store.put('baselines/ep/analysis.json', '{"version": "1.0"');
    const result = await runFeatureAttributionMonitor(env.ports, env.options);
    expect(result.detail.status).toBe('Failed');
    expect(result.detail.failureReason).toMatch(/drift was not checked/);
    expect(result.detail.skipped).toContainEqual({
      reason: 'baseline-unreadable',
      count: 1,
      examples: ['baselines/ep/analysis.json'],
    });
    expect(env.metrics).toHaveLength(4);
  });

  it('reports Failed naming the field when a baseline SHAP value is not a number (the feature was dropped)', async () => {
    const env = await setup(trainRows.slice(0, 4));
    const analysis = JSON.parse(new TextDecoder().decode(await env.store.get('baselines/ep/analysis.json')));
    const label = Object.keys(analysis.explanations.kernel_shap)[0] as string;
    analysis.explanations.kernel_shap[label].global_shap_values.a = 'high';
    await env.store.put('baselines/ep/analysis.json', JSON.stringify(analysis));
    const result = await runFeatureAttributionMonitor(env.ports, env.options);
    expect(result.detail.status).toBe('Failed');
    expect(result.detail.failureReason).toContain(
      `invalid field "explanations.kernel_shap.${label}.global_shap_values.a"`,
    );
    expect(env.events).toHaveLength(1);
  });

  it('reports Failed, not Completed, when no label or feature of the baseline matches the explanation', async () => {
    const env = await setup(trainRows.slice(0, 4));
    const analysis = JSON.parse(new TextDecoder().decode(await env.store.get('baselines/ep/analysis.json')));
    const [label, entry] = Object.entries(analysis.explanations.kernel_shap)[0] as [string, unknown];
    analysis.explanations.kernel_shap = { [`${label}_other`]: entry };
    await env.store.put('baselines/ep/analysis.json', JSON.stringify(analysis));
    const result = await runFeatureAttributionMonitor(env.ports, env.options);
    expect(result.detail.status).toBe('Failed');
    expect(result.detail.failureReason).toContain(`label ${label}_other`);
    expect(result.detail.failureReason).toMatch(/drift was not checked/);
    expect(env.events).toHaveLength(1);
    expect(env.events[0]!.detail).toMatchObject({ status: 'Failed' });
    // The attributions themselves were computed and published, as with an unreadable baseline.
    expect(env.metrics.length).toBeGreaterThan(0);
  });
});
