import {
  fixedClock,
  type MetricDatum,
  type MonitoringExecutionDetail,
  silentLog,
  type VigilEvent,
} from '@vigil/core';
import { analysisJson, parseAnalysisJson, runBiasDriftMonitor } from '@vigil/core/bias';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';
import { ANALYSIS_CONFIG, windowLines } from './window-data.ts';

const at = new Date('2024-05-01T13:00:00Z');
const window = { start: new Date('2024-05-01T12:00:00Z'), end: at };

// Baseline: CI 0.2 (60 M vs 40 F), DPPL 0.1, DI 0.5.
const BASELINE = analysisJson({
  version: '1.0',
  postTraining: {
    label: 'approved',
    labelValueOrThreshold: '1',
    facets: new Map([
      [
        'sex',
        [
          {
            valueOrThreshold: 'F',
            metrics: [
              { name: 'DI', description: 'Disparate Impact (DI)', value: 0.5 },
              {
                name: 'DPPL',
                description: 'Difference in Positive Proportions in Predicted Labels (DPPL)',
                value: 0.1,
              },
            ],
          },
        ],
      ],
    ]),
  },
  preTraining: {
    label: 'approved',
    labelValueOrThreshold: '1',
    facets: new Map([
      [
        'sex',
        [
          {
            valueOrThreshold: 'F',
            metrics: [{ name: 'CI', description: 'Class Imbalance (CI)', value: 0.2 }],
          },
        ],
      ],
    ]),
  },
});

function setup(spec: Parameters<typeof windowLines>[0]) {
  const store = new MemoryStore('mem://bucket');
  const { capture, groundTruth } = windowLines(spec);
  store.objects.set('capture/credit/AllTraffic/2024/05/01/12/a.jsonl', new TextEncoder().encode(capture));
  // A bad capture line and a label for an inference that was never captured: counted, not fatal.
  store.objects.set(
    'capture/credit/AllTraffic/2024/05/01/12/b.jsonl',
    new TextEncoder().encode('{not json\n'),
  );
  store.objects.set(
    'ground-truth/credit/2024/05/01/13/labels.jsonl',
    new TextEncoder().encode(
      `${groundTruth}${JSON.stringify({ groundTruthData: { data: '1', encoding: 'CSV' }, eventMetadata: { eventId: 'nobody' }, eventVersion: '0' })}\n`,
    ),
  );
  store.objects.set('baselines/credit/analysis.json', new TextEncoder().encode(BASELINE));
  store.objects.set('baselines/credit/analysis_config.json', new TextEncoder().encode(ANALYSIS_CONFIG));
  const metrics: MetricDatum[] = [];
  const events: VigilEvent[] = [];
  const ports = {
    metrics: { publish: async (m: readonly MetricDatum[]) => void metrics.push(...m) },
    events: { publish: async (e: readonly VigilEvent[]) => void events.push(...e) },
    clock: fixedClock(at),
    log: silentLog,
  };
  const options = {
    endpoint: 'credit',
    scheduledTime: at,
    window,
    capture: [{ store, key: 'capture/credit/AllTraffic/2024/05/01/12/' }],
    groundTruth: [{ store, key: 'ground-truth/credit/' }],
    baseline: { store, key: 'baselines/credit/analysis.json' },
    analysisConfig: { store, key: 'baselines/credit/analysis_config.json' },
    output: { store, key: 'reports/credit/bias-drift/2024/05/01/13/' },
    attributes: { probabilityAttribute: '0' },
  };
  return { store, metrics, events, ports, options };
}

describe('runBiasDriftMonitor', () => {
  // The outcome gap widens: M predicted positive 36/60 = 0.6, F 8/40 = 0.2 → DPPL 0.4 > 0.1.
  let run: ReturnType<typeof setup>;
  beforeEach(() => {
    run = setup({ predictedPositive: { m: 36, f: 8 }, labelPositive: { m: 30, f: 20 } });
  });

  it('joins capture and labels, computes the metrics and finds the widened gap', async () => {
    const result = await runBiasDriftMonitor(run.ports, run.options);
    expect(result.detail.status).toBe('CompletedWithViolations');
    expect(result.detail.recordCount).toBe(100);
    expect(result.violations.map((v) => v.metric_name)).toEqual(['DI', 'DPPL']);
    expect(result.violations[1]).toEqual({
      facet: 'sex',
      facet_value: 'F',
      metric_name: 'DPPL',
      constraint_check_type: 'bias_drift_check',
      description: "Metric value 0.39999999999999997 doesn't meet the baseline constraint requirement 0.1",
    });
    const post = result.analysis!.postTraining!.facets.get('sex')![0]!;
    const values = Object.fromEntries(post.metrics.map((m) => [m.name, m.value]));
    expect(values['DPPL']).toBeCloseTo(0.4, 12);
    // DI = 0.2 / 0.6, farther from its fair value 1 than the baseline's 0.5.
    expect(values['DI']).toBeCloseTo(1 / 3, 12);
    expect(
      result.analysis!.preTraining!.facets.get('sex')![0]!.metrics.find((m) => m.name === 'CI')!.value,
    ).toBe(0.2);
  });

  it('writes analysis.json and constraint_violations.json under the report folder', async () => {
    await runBiasDriftMonitor(run.ports, run.options);
    const folder = 'reports/credit/bias-drift/2024/05/01/13/';
    const analysis = parseAnalysisJson(run.store.text(`${folder}analysis.json`));
    expect([...analysis.postTraining!.facets.keys()]).toEqual(['sex']);
    expect(analysis.postTraining!.labelValueOrThreshold).toBe('1');
    const violations = JSON.parse(run.store.text(`${folder}constraint_violations.json`));
    expect(violations.version).toBe('1.0');
    expect(violations.violations[0]).toEqual({
      facet: 'sex',
      facet_value: 'F',
      metric_name: 'DI',
      constraint_check_type: 'bias_drift_check',
      description: "Metric value 0.33333333333333337 doesn't meet the baseline constraint requirement 0.5",
    });
  });

  it('publishes bias_metric_<NAME> with the seven SageMaker dimensions', async () => {
    await runBiasDriftMonitor(run.ports, run.options);
    const dppl = run.metrics.find((m) => m.name === 'bias_metric_DPPL')!;
    expect(dppl.namespace).toBe('aws/sagemaker/Endpoints/bias-metrics');
    expect(dppl.dimensions).toEqual({
      Endpoint: 'credit',
      MonitoringSchedule: 'credit-bias-drift',
      BiasStage: 'Post-Training',
      Label: 'approved',
      LabelValue: '1',
      Facet: 'sex',
      FacetValue: 'F',
    });
    expect(run.metrics.find((m) => m.name === 'bias_metric_CI')!.dimensions['BiasStage']).toBe(
      'Pre-training',
    );
    // Every metric of both stages, except the CDD metrics (no group variable configured: they fail).
    expect(run.metrics.length).toBe(8 - 1 + 13 - 1);
  });

  it('emits one Vigil Monitoring Execution event that counts what was skipped', async () => {
    await runBiasDriftMonitor(run.ports, run.options);
    expect(run.events).toHaveLength(1);
    const event = run.events[0]!;
    expect(event.detailType).toBe('Vigil Monitoring Execution');
    const detail = event.detail as unknown as MonitoringExecutionDetail;
    expect(detail['monitoringType']).toBe('ModelBias');
    expect(detail['violationCount']).toBe(2);
    expect(detail['reportUri']).toBe('mem://bucket/reports/credit/bias-drift/2024/05/01/13/');
    const skipped = Object.fromEntries(detail.skipped.map((s) => [s.reason, s.count]));
    expect(skipped['malformed-line']).toBe(1);
    expect(skipped['label-without-prediction']).toBe(1);
    expect(detail.metrics['post.sex=F.DPPL']).toBeCloseTo(0.4, 12);
  });

  it('stays quiet when the window is as fair as the baseline', async () => {
    const fair = setup({ predictedPositive: { m: 30, f: 20 }, labelPositive: { m: 30, f: 20 } });
    const result = await runBiasDriftMonitor(fair.ports, fair.options);
    expect(result.detail.status).toBe('Completed');
    expect(result.violations).toEqual([]);
  });

  it('with the interval policy, a bootstrap interval that reaches back under the baseline does not fire', async () => {
    // A small gap: M 25/60 ≈ 0.417, F 12/40 = 0.3 → DPPL ≈ 0.117, just over the baseline's 0.1.
    const noisy = setup({ predictedPositive: { m: 25, f: 12 }, labelPositive: { m: 30, f: 20 } });
    const point = await runBiasDriftMonitor(noisy.ports, noisy.options);
    expect(point.violations.map((v) => v.metric_name)).toEqual(['DPPL']);
    const interval = await runBiasDriftMonitor(noisy.ports, {
      ...noisy.options,
      bootstrap: { resamples: 300, confidence: 0.95, seed: 3 },
      policy: 'interval' as const,
    });
    expect(interval.violations).toEqual([]);
    const dppl = interval
      .analysis!.postTraining!.facets.get('sex')![0]!
      .metrics.find((m) => m.name === 'DPPL')!;
    expect(dppl.uncertainty!.groupSizes).toEqual({ a: 60, d: 40 });
    expect(dppl.uncertainty!.lower).toBeLessThan(0.1);
    // The interval policy leaves the widened gap of the first window firing.
    const wide = await runBiasDriftMonitor(run.ports, {
      ...run.options,
      bootstrap: { resamples: 300, confidence: 0.95, seed: 3 },
      policy: 'interval' as const,
    });
    expect(wide.violations.map((v) => v.metric_name)).toContain('DPPL');
  });

  it('fails the run with the reason when nothing joins, and still emits the event', async () => {
    run.store.objects.delete('ground-truth/credit/2024/05/01/13/labels.jsonl');
    const result = await runBiasDriftMonitor(run.ports, run.options);
    expect(result.detail.status).toBe('Failed');
    expect(result.detail.failureReason).toMatch(
      /No captured prediction in the window joined a ground-truth label/,
    );
    expect(run.events).toHaveLength(1);
  });

  it('computes and publishes but fails, saying so, when the baseline does not parse', async () => {
    run.store.objects.set('baselines/credit/analysis.json', new TextEncoder().encode('{"oops": '));
    const result = await runBiasDriftMonitor(run.ports, run.options);
    expect(result.detail.status).toBe('Failed');
    expect(result.detail.failureReason).toMatch(/drift was not checked/);
    expect(run.metrics.length).toBeGreaterThan(0);
  });
});
