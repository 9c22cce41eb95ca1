import { EventShapeError, type MetricDatum, parseConfig, silentLog, type VigilEvent } from '@vigil/core';
import { type RunningModelServer, serveModel } from '@vigil/local';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLine } from '../core/explain/capture-line.ts';
import { MemoryStore } from '../support/memory-store.ts';

const store = new MemoryStore('mem://test', { chunking: 'halves' });
const metrics: MetricDatum[] = [];
const events: VigilEvent[] = [];
let server: RunningModelServer;
let config: ReturnType<typeof parseConfig>;

vi.mock('../../functions/src/shared/runtime.ts', () => ({
  loadRuntime: async () => ({
    config,
    bucket: 'vigil',
    store,
    storeFor: (location: string) => ({ store, key: location.replace(/^s3:\/\/[^/]+\/?/, '') }),
    metrics: { publish: async (m: readonly MetricDatum[]) => void metrics.push(...m) },
    events: { publish: async (e: readonly VigilEvent[]) => void events.push(...e) },
    clock: { now: () => new Date('2024-05-01T13:04:00Z') },
    log: silentLog,
  }),
}));

const { handler } = await import('../../functions/src/monitor-feature-attribution.ts');

const w = [2, -1];
const model = (x: readonly (number | string)[]) => w[0]! * Number(x[0]) + w[1]! * Number(x[1]);

beforeAll(async () => {
  server = await serveModel(model);
  config = parseConfig({
    version: 1,
    metricsNamespacePrefix: 'test/sagemaker',
    endpoints: [
      {
        name: 'churn',
        monitors: {
          featureAttribution: {
            baseline: 'baselines/churn/analysis.json',
            analysisConfig: 'baselines/churn/analysis_config.json',
            model: { url: server.url },
          },
        },
      },
      { name: 'other' },
    ],
  });
  await store.put(
    'baselines/churn/analysis_config.json',
    JSON.stringify({
      dataset_type: 'text/csv',
      headers: ['x1', 'x2'],
      methods: { shap: { baseline: [[0, 0]] } },
    }),
  );
  await store.put(
    'baselines/churn/analysis.json',
    JSON.stringify({
      version: '1.0',
      explanations: {
        kernel_shap: { label0: { global_shap_values: { x1: 0.9, x2: 0.1 }, expected_value: 0 } },
      },
    }),
  );
  // Window of a run at 13:04 is 12:00–13:00: x2 now dominates, so the ranking flips.
  const rows = [
    [0.1, 5],
    [0.2, 4],
    [0.1, 6],
  ];
  await store.put(
    'capture/churn/AllTraffic/2024/05/01/12/f.jsonl',
    `${rows.map((r, i) => captureLine(r, model(r), `id${i}`, '2024-05-01T12:30:00Z')).join('\n')}\n`,
  );
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  metrics.length = 0;
  events.length = 0;
});

describe('monitor-feature-attribution handler', () => {
  it('runs the scheduled window against the configured model and reports the drift', async () => {
    const summary = await handler({ endpoint: 'churn' });
    expect(summary).toEqual({
      endpoint: 'churn',
      status: 'CompletedWithViolations',
      violations: 1,
      records: 3,
      reportUri: 'mem://test/reports/churn/feature-attribution/2024/05/01/13/',
    });
    const violations = JSON.parse(
      store.text('reports/churn/feature-attribution/2024/05/01/13/constraint_violations.json'),
    );
    expect(violations.violations[0]).toMatchObject({
      label: 'label0',
      constraint_check_type: 'feature_attribution_drift_check',
    });
    // Closed form with baseline [0, 0]: mean |w_i x_i|.
    const x1 = metrics.find((m) => m.name === 'feature_x1')!;
    expect(x1.namespace).toBe('test/sagemaker/Endpoints/explainability-metrics');
    expect(x1.value).toBeCloseTo((2 * (0.1 + 0.2 + 0.1)) / 3, 9);
    expect(metrics.find((m) => m.name === 'feature_x2')!.value).toBeCloseTo(5, 9);
    expect(events[0]!.detail).toMatchObject({ endpointName: 'churn', monitoringType: 'ModelExplainability' });
  });

  it('covers the hour named by scheduledTime', async () => {
    const summary = await handler({ endpoint: 'churn', scheduledTime: '2024-05-01T15:00:00Z' });
    expect(summary.status).toBe('Failed');
    expect(summary.records).toBe(0);
    expect(events[0]!.detail).toMatchObject({ windowStart: '2024-05-01T14:00:00.000Z', status: 'Failed' });
  });

  it('rejects events of another shape and endpoints without the monitor', async () => {
    await expect(handler({ source: 'aws.s3', detail: {} })).rejects.toBeInstanceOf(EventShapeError);
    await expect(handler({ endpoint: 'other' })).rejects.toThrow(/no featureAttribution monitor/);
    await expect(handler({ endpoint: 'nope' })).rejects.toThrow(/not configured/);
  });
});
