import {
  type AnalysisMetric,
  type BiasAnalysis,
  biasMetricDatums,
  biasMetricsNamespace,
  CLOUDWATCH_INFINITY,
  compareWithBaseline,
  type MetricNumber,
} from '@vigil/core/bias';
import { describe, expect, it } from 'vitest';

function analysis(
  metrics: Record<string, MetricNumber | null>,
  facetValue = 'F',
  uncertainty?: Record<string, [number, number]>,
): BiasAnalysis {
  const list: AnalysisMetric[] = Object.entries(metrics).map(([name, value]) => ({
    name,
    description: `${name} description`,
    value,
    error: value === null ? 'Facet set is empty' : undefined,
    uncertainty: uncertainty?.[name] && {
      lower: uncertainty[name]![0],
      upper: uncertainty[name]![1],
      confidence: 0.95,
      resamples: 500,
      groupSizes: { a: 6, d: 4 },
    },
  }));
  return {
    version: '1.0',
    postTraining: {
      label: 'approved',
      labelValueOrThreshold: '1',
      facets: new Map([['sex', [{ valueOrThreshold: facetValue, metrics: list }]]]),
    },
  };
}

describe('compareWithBaseline (SageMaker: violation iff |current| > |baseline|)', () => {
  const baseline = analysis({ DPPL: 0.2 });

  it.each([
    // The developer guide's own example: baseline DPPL 0.2.
    [0.1, false],
    [-0.3, true],
    [0.2, false], // equal is not worse (the SDK's "good_cases" baseline equals the actual values)
    [-0.2, false],
    [0.2000001, true],
  ])('current %d → violation %s', (current, violates) => {
    const { violations } = compareWithBaseline(analysis({ DPPL: current }), baseline);
    expect(violations.length).toBe(violates ? 1 : 0);
  });

  it('writes the violation as the 2023 monitor output words it', () => {
    const { violations } = compareWithBaseline(analysis({ DPPL: -0.3 }), baseline);
    expect(violations).toEqual([
      {
        facet: 'sex',
        facet_value: 'F',
        metric_name: 'DPPL',
        constraint_check_type: 'bias_drift_check',
        description: "Metric value -0.3 doesn't meet the baseline constraint requirement 0.2",
      },
    ]);
  });

  it('words the real 2023 bias-drift output exactly: the value, then the baseline value it broke', () => {
    // From a real constraint_violations.json (see reference/sagemaker-model-monitor.md §6).
    const current = analysis({ CDDPL: 0.37745519271384836 });
    const base = analysis({ CDDPL: 0.28176563733194276 });
    expect(compareWithBaseline(current, base).violations.map((v) => v.description)).toEqual([
      "Metric value 0.37745519271384836 doesn't meet the baseline constraint requirement 0.28176563733194276",
    ]);
  });

  it('measures Disparate Impact from its fair value 1', () => {
    const base = analysis({ DI: 0.9 });
    const violating = (di: number) => compareWithBaseline(analysis({ DI: di }), base).violations.length === 1;
    expect(violating(1)).toBe(false); // a fair window never violates
    expect(violating(1.05)).toBe(false); // above 1, but closer to it than the baseline
    expect(violating(0.8)).toBe(true);
    expect(violating(1.2)).toBe(true);
    expect(violating(0)).toBe(true);
  });

  it('compares an infinite value, and prints integers and infinity as Python does', () => {
    const current = analysis({ DI: Number.POSITIVE_INFINITY, DCR: 0n, DPPL: 1e-5 });
    const base = analysis({ DI: 1.5, DCR: 0n, DPPL: 0 });
    const { violations } = compareWithBaseline(current, base);
    expect(violations.map((v) => v.description)).toEqual([
      "Metric value Infinity doesn't meet the baseline constraint requirement 1.5",
      "Metric value 1e-05 doesn't meet the baseline constraint requirement 0.0",
    ]);
  });

  it('does not compare failed metrics, and says so', () => {
    const result = compareWithBaseline(analysis({ DPPL: null, AD: 0.5 }), analysis({ DPPL: 0.1, AD: null }));
    expect(result.violations).toEqual([]);
    expect(result.notCompared.map((n) => n.subject)).toEqual(['sex=F DPPL', 'sex=F AD']);
  });

  it('matches a continuous facet whose interval string moved with the data maximum', () => {
    const current = analysis({ CI: 0.5 }, '(40, 71]');
    const base = analysis({ CI: 0.1 }, '(40, 69]');
    expect(compareWithBaseline(current, base).violations.map((v) => v.facet_value)).toEqual(['(40, 71]']);
  });

  it('with the interval policy, fires only when the whole interval is worse than the baseline', () => {
    const base = analysis({ DPPL: 0.2, AD: 0.2, TE: 0.2 });
    const current = analysis({ DPPL: 0.4, AD: 0.4, TE: -0.4 }, 'F', {
      DPPL: [0.1, 0.7], // crosses back under 0.2: noise, no violation
      AD: [0.25, 0.55], // wholly beyond 0.2: violation
      TE: [-0.6, 0.1], // straddles 0: its closest point is 0
    });
    expect(compareWithBaseline(current, base, 'interval').violations.map((v) => v.metric_name)).toEqual([
      'AD',
    ]);
    expect(compareWithBaseline(current, base, 'point').violations.map((v) => v.metric_name)).toEqual([
      'DPPL',
      'AD',
      'TE',
    ]);
  });
});

describe('biasMetricDatums', () => {
  it('publishes SageMaker names and dimensions, infinity as ±2.348543e108 and no failed metric', () => {
    const at = new Date('2024-05-01T13:00:00Z');
    const datums = biasMetricDatums(
      analysis({ DI: Number.POSITIVE_INFINITY, TE: Number.NEGATIVE_INFINITY, AD: null, DPPL: 0.25 }),
      {
        namespace: biasMetricsNamespace('aws/sagemaker'),
        endpoint: 'credit',
        monitoringSchedule: 'credit-bias-drift',
        timestamp: at,
      },
    );
    expect(datums.map((d) => [d.name, d.value])).toEqual([
      ['bias_metric_DI', CLOUDWATCH_INFINITY],
      ['bias_metric_TE', -2.348543e108],
      ['bias_metric_DPPL', 0.25],
    ]);
    expect(datums[0]).toEqual({
      namespace: 'aws/sagemaker/Endpoints/bias-metrics',
      name: 'bias_metric_DI',
      dimensions: {
        Endpoint: 'credit',
        MonitoringSchedule: 'credit-bias-drift',
        BiasStage: 'Post-Training',
        Label: 'approved',
        LabelValue: '1',
        Facet: 'sex',
        FacetValue: 'F',
      },
      value: 2.348543e108,
      unit: 'None',
      timestamp: at,
    });
  });

  it('spells the pre-training stage as SageMaker does', () => {
    const a = analysis({ CI: 0.1 });
    const datums = biasMetricDatums(
      { version: '1.0', preTraining: a.postTraining },
      {
        namespace: 'n',
        endpoint: 'e',
        monitoringSchedule: 's',
        timestamp: new Date(0),
      },
    );
    expect(datums[0]!.dimensions['BiasStage']).toBe('Pre-training');
  });
});
