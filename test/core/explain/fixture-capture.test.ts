import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functionInvoker } from '../../../packages/core/src/explain/function-invoker.ts';
import { runFeatureAttributionMonitor } from '../../../packages/core/src/explain/monitor.ts';
import { fixedClock } from '../../../packages/core/src/ports/clock.ts';
import { silentLog } from '../../../packages/core/src/ports/log.ts';
import type { MetricDatum } from '../../../packages/core/src/ports/metric-sink.ts';
import type { ModelRecord } from '../../../packages/core/src/ports/model-invoker.ts';
import { MemoryStore } from '../../support/memory-store.ts';

const fixture = fileURLToPath(
  new URL(
    '../../../../shared/fixtures/sagemaker/capture-jsonlines-clarify/28-32-105-b59d42b8-3dac-421a-a586-0c4effa143d2.jsonl',
    import.meta.url,
  ),
);

// The adult-income features of the fixture's notebook, in capture order.
const headers = [
  'Age',
  'Workclass',
  'fnlwgt',
  'Education',
  'Education-Num',
  'Marital Status',
  'Occupation',
  'Relationship',
  'Ethnic group',
  'Sex',
  'Capital Gain',
  'Capital Loss',
  'Hours per week',
  'Country',
];
const weights = headers.map((_, i) => (i % 2 === 0 ? 0.001 : -0.002) * (i + 1));
const model = (x: ModelRecord) => weights.reduce((s, w, i) => s + w * Number(x[i]), 0);

describe('feature-attribution monitor on the real JSON Lines capture fixture', () => {
  it('explains the three captured records (one single, one two-record request) with 14 features', async () => {
    const store = new MemoryStore('mem://test', { chunking: 'halves' });
    await store.put('capture/ep/AllTraffic/f.jsonl', readFileSync(fixture));
    const baselineRow = [30, 2, 100000, 9, 10, 2, 1, 0, 4, 1, 0, 0, 40, 37];
    await store.put(
      'config/analysis_config.json',
      JSON.stringify({
        dataset_type: 'application/jsonlines',
        features: 'features',
        headers,
        methods: { shap: { baseline: [{ features: baselineRow }], num_samples: 300, seed: 4 } },
        predictor: { content_type: 'application/jsonlines', probability: 'score' },
      }),
    );
    await store.put(
      'config/analysis.json',
      JSON.stringify({
        version: '1.0',
        explanations: {
          kernel_shap: {
            label0: {
              global_shap_values: Object.fromEntries(headers.map((h, i) => [h, 14 - i])),
              expected_value: 0,
            },
          },
        },
      }),
    );
    const metrics: MetricDatum[] = [];
    const result = await runFeatureAttributionMonitor(
      {
        metrics: { publish: async (m) => void metrics.push(...m) },
        events: { publish: async () => {} },
        clock: fixedClock(new Date('2023-01-19T06:00:00Z')),
        log: silentLog,
        invoker: functionInvoker(model),
      },
      {
        endpoint: 'ep',
        scheduledTime: new Date('2023-01-19T06:00:00Z'),
        capture: [{ store, key: 'capture/ep/' }],
        baseline: { store, key: 'config/analysis.json' },
        analysisConfig: { store, key: 'config/analysis_config.json' },
        output: { store, key: 'reports/' },
      },
    );
    expect(result.detail.recordCount).toBe(3);
    expect(result.detail.skipped).toEqual([]);
    expect(result.plan).toMatchObject({ records: 3, coalitionsPerRecord: 300, backgroundRows: 1 });
    // Linear model, one baseline row: exact for any coalition sample, here with 300 of 2^14 − 2.
    const captured = [
      [28, 2, 133937, 9, 13, 2, 0, 0, 4, 1, 15024, 0, 55, 37],
      [28, 2, 133937, 9, 13, 2, 0, 0, 4, 1, 15024, 0, 55, 37],
      [43, 2, 72338, 12, 14, 2, 12, 0, 1, 1, 0, 0, 40, 37],
    ];
    headers.forEach((name, j) => {
      const expected =
        captured.reduce((s, x) => s + Math.abs(weights[j]! * (x[j]! - baselineRow[j]!)), 0) / 3;
      const datum = metrics.find((m) => m.name === `feature_${name}`)!;
      expect(Math.abs(datum.value - expected)).toBeLessThan(1e-9 * Math.max(1, expected));
    });
    expect(metrics.find((m) => m.name === 'ExpectedValue')!.value).toBeCloseTo(model(baselineRow), 9);
  });
});
