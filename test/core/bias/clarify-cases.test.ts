import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type JsonOut, parseJson } from '@vigil/core';
import {
  BIAS_METRICS,
  type BiasStage,
  biasReport,
  type Cell,
  type ConfigValue,
  type Dtype,
  facetConfusionMatrix,
  labelValueOrThreshold,
  type MetricInputs,
  type Series,
} from '@vigil/core/bias';
import { describe, expect, it } from 'vitest';

// Every case of smclarify's own tests, as transcribed in fixtures/clarify/cases.json. Parsed with
// integers kept apart from floats, because Clarify prints `[2]` and `[2.0]` thresholds differently.
const casesPath = fileURLToPath(new URL('../../../../shared/fixtures/clarify/cases.json', import.meta.url));
const file = parseJson(readFileSync(casesPath, 'utf8'), { integersAsBigInt: true }) as unknown as {
  cases: Case[];
};

interface Case {
  id: string;
  level: 'metric' | 'report';
  metric: string;
  inputs: Record<string, JsonOut>;
  params: Record<string, JsonOut>;
  expected: JsonOut;
}

type Obj = Record<string, JsonOut>;

const cell = (v: JsonOut): Cell => (typeof v === 'bigint' ? Number(v) : (v as Cell));
const cells = (v: JsonOut | undefined): Cell[] | undefined =>
  v === undefined ? undefined : (v as JsonOut[]).map(cell);
const bools = (v: JsonOut | undefined): boolean[] | undefined => v as boolean[] | undefined;
const configValues = (v: JsonOut | undefined): ConfigValue[] | undefined => v as ConfigValue[] | undefined;

/** pytest.approx default, as the file's conventions say. */
function expectClose(actual: number | bigint | null | undefined, expected: JsonOut, where: string): void {
  if (expected === 'Infinity' || expected === '-Infinity') {
    expect(actual, where).toBe(expected === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY);
    return;
  }
  const e = Number(expected as number | bigint);
  expect(actual, where).not.toBeNull();
  const a = Number(actual);
  expect(Math.abs(a - e), `${where}: ${a} vs ${e}`).toBeLessThanOrEqual(Math.max(1e-6 * Math.abs(e), 1e-12));
}

function metricInputs(inputs: Obj): MetricInputs {
  const df = inputs['df'] as Obj | undefined;
  return {
    facet: bools(inputs['sensitive_facet_index']) ?? [],
    label: cells(inputs['label']),
    positiveLabel: bools(inputs['positive_label_index']),
    positivePredictedLabel: bools(inputs['positive_predicted_label_index']),
    groupVariable: cells(inputs['group_variable']),
    features: df && {
      columns: df['columns'] as string[],
      rows: (df['rows'] as JsonOut[][]).map((row) => row.map((v) => Number(v))),
      nonNumericColumns: [],
    },
  };
}

function columnsOf(inputs: Obj): Series[] {
  const columns = inputs['columns'] as Obj;
  const dtypes = inputs['dtypes'] as Record<string, Dtype>;
  return Object.entries(columns).map(([name, values]) => ({
    name,
    dtype: dtypes[name]!,
    values: cells(values)!,
  }));
}

const metricCases = file.cases.filter((c) => c.level === 'metric');
const reportCases = file.cases.filter((c) => c.level === 'report' && c.metric === 'bias_report');
const labelCases = file.cases.filter((c) => c.level === 'report' && c.metric === 'label_value_or_threshold');

describe('smclarify metric-level cases', () => {
  it.each(metricCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const inputs = metricInputs(c.inputs);
    if (c.metric.startsWith('basic_stats.confusion_matrix')) {
      const actual = facetConfusionMatrix(
        inputs.facet,
        inputs.positiveLabel!,
        inputs.positivePredictedLabel!,
      );
      (c.expected as JsonOut[]).forEach((e, i) => {
        expectClose(actual[i], e, `${c.id}[${i}]`);
      });
      return;
    }
    const metric = BIAS_METRICS.get(c.metric);
    expect(metric, c.metric).toBeDefined();
    const expected = c.expected;
    if (
      expected !== null &&
      typeof expected === 'object' &&
      !Array.isArray(expected) &&
      'error' in expected
    ) {
      expect(() => metric!.compute(inputs)).toThrow((expected as Obj)['error'] as string);
      return;
    }
    expectClose(metric!.compute(inputs), expected, c.id);
  });
});

describe('smclarify report-level cases', () => {
  it.each(reportCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const columns = columnsOf(c.inputs);
    const p = c.params;
    const facet = p['facet'] as Obj;
    const group = p['group_variable'] as string | undefined;
    const predicted = p['predicted_label'] as string | undefined;
    const report = biasReport({
      columns,
      facet: { name: facet['name_or_index'] as string, values: configValues(facet['value_or_threshold']) },
      label: { name: p['label'] as string, values: configValues(p['label_values_or_threshold'])! },
      stage: p['stage'] as BiasStage,
      predictedLabel: predicted
        ? { name: predicted, values: configValues(p['predicted_label_values_or_threshold']) }
        : undefined,
      methods: (p['methods'] as string[])[0] === 'all' ? 'all' : (p['methods'] as string[]),
      groupVariable: group ? columns.find((col) => col.name === group) : undefined,
    });
    const expected = c.expected as Obj[];
    expect(report.map((r) => r.valueOrThreshold)).toEqual(expected.map((e) => e['value_or_threshold']));
    report.forEach((facetReport, i) => {
      const metrics = expected[i]!['metrics'] as Obj;
      // smclarify runs (and reports) metrics sorted by name.
      expect(facetReport.metrics.map((m) => m.name)).toEqual(Object.keys(metrics).sort());
      for (const m of facetReport.metrics) {
        const e = metrics[m.name]!;
        if (e !== null && typeof e === 'object' && 'error' in e) {
          expect(m.value).toBeNull();
          expect(m.error).toBe((e as Obj)['error']);
        } else {
          expect(m.error, `${c.id} ${m.name}`).toBeUndefined();
          expectClose(m.value, e, `${c.id} ${facetReport.valueOrThreshold} ${m.name}`);
        }
      }
    });
  });
});

describe('smclarify label_value_or_threshold cases', () => {
  it.each(labelCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const [series] = columnsOf(c.inputs);
    expect(labelValueOrThreshold(series!, configValues(c.params['label_values_or_threshold'])!)).toBe(
      c.expected,
    );
  });
});

it('covers every case of the file', () => {
  expect(metricCases.length + reportCases.length + labelCases.length).toBe(file.cases.length);
  expect(file.cases.length).toBe(85);
});
