import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  analysisJson,
  parseAnalysisConfig,
  parseAnalysisJson,
  readBiasDataset,
  runBiasAnalysis,
} from '@vigil/core/bias';
import { describe, expect, it } from 'vitest';

const casesPath = fileURLToPath(new URL('../../../../shared/fixtures/clarify/cases.json', import.meta.url));
interface SdkCase {
  id: string;
  inputs: { columns: Record<string, number[]> };
  expected: { metrics: Record<string, number> }[];
}
const cases = (JSON.parse(readFileSync(casesPath, 'utf8')) as { cases: SdkCase[] }).cases;

describe('runBiasAnalysis from analysis_config.json and a CSV file', () => {
  // The SDK's ClarifyCheckStep baseline: real Clarify output for a 100-row CSV.
  const sdk = cases.find((c) => c.id === 'sdk-fixture-clarify-check-step-data-bias')!;
  const columns = sdk.inputs.columns;
  const names = Object.keys(columns);
  const csv = columns['Label']!.map((_, i) => names.map((n) => String(columns[n]![i])).join(',')).join('\n');

  it('reproduces the Clarify analysis.json values of the SDK fixture from its CSV', () => {
    const config = parseAnalysisConfig(
      JSON.stringify({
        dataset_type: 'text/csv',
        headers: names,
        label: 'Label',
        label_values_or_threshold: [1],
        facet: [{ name_or_index: 'F1', value_or_threshold: [0.5] }],
        group_variable: 'F2',
        methods: { pre_training_bias: { methods: 'all' } },
      }),
    );
    const dataset = readBiasDataset(csv, config);
    expect(dataset.rowCount).toBe(100);
    const analysis = runBiasAnalysis(config, dataset);
    expect(analysis.postTraining).toBeUndefined();
    const stage = analysis.preTraining!;
    expect(stage.label).toBe('Label');
    expect(stage.labelValueOrThreshold).toBe('1');
    const [entry] = stage.facets.get('F1')!;
    expect(entry!.valueOrThreshold).toBe('(0.5, 0.9936148802477393]');
    const expected = sdk.expected[0]!.metrics;
    for (const m of entry!.metrics) {
      const e = expected[m.name]!;
      expect(Math.abs(Number(m.value) - e)).toBeLessThanOrEqual(Math.max(1e-6 * Math.abs(e), 1e-12));
    }
  });

  it('writes a file that reads back the same, with a header row in the CSV skipped', () => {
    const config = parseAnalysisConfig(
      JSON.stringify({
        dataset_type: 'text/csv',
        label: 'Label',
        label_values_or_threshold: [1],
        facet: [{ name_or_index: 'F1', value_or_threshold: [0.5] }],
        methods: { pre_training_bias: { methods: ['CI', 'DPL'] } },
      }),
    );
    const analysis = runBiasAnalysis(config, readBiasDataset(`${names.join(',')}\n${csv}\n`, config));
    const text = analysisJson(analysis);
    expect(analysisJson(parseAnalysisJson(text))).toBe(text);
    const doc = JSON.parse(text) as {
      pre_training_bias_metrics: { facets: { F1: { metrics: { name: string; value: number }[] }[] } };
    };
    expect(Object.keys(doc)).toEqual(['version', 'pre_training_bias_metrics']);
    const metrics = doc.pre_training_bias_metrics.facets.F1[0]!.metrics;
    expect(metrics.map((m) => m.name)).toEqual(['CI', 'DPL']);
    expect(metrics[0]!.value).toBeCloseTo(-0.08, 12);
  });
});

describe('post-training analysis with predicted labels and a probability threshold', () => {
  // Hand-worked: facet g=f (d) rows 0-3, g=m (a) rows 4-7.
  // label:      1 1 0 0 | 1 0 0 0      scores > 0.5 → predicted 1 1 1 0 | 1 0 0 0
  const csv = [
    'g,score,label',
    'f,0.9,1',
    'f,0.8,1',
    'f,0.6,0',
    'f,0.1,0',
    'm,0.7,1',
    'm,0.2,0',
    'm,0.5,0',
    'm,0.3,0',
  ].join('\n');

  it('thresholds scores strictly (> 0.5) and computes DPPL, DI, AD by hand', () => {
    const config = parseAnalysisConfig(
      JSON.stringify({
        dataset_type: 'text/csv',
        label: 'label',
        // Eight int rows with two values are "continuous" to smclarify (2/8 ≥ 5% unique), so the
        // positive label is a threshold: [0] means label > 0. ([1] would select nothing.)
        label_values_or_threshold: [0],
        predicted_label: 'score',
        probability_threshold: 0.5,
        facet: [{ name_or_index: 'g', value_or_threshold: ['f'] }],
        methods: { post_training_bias: { methods: ['AD', 'DI', 'DPPL'] } },
      }),
    );
    const analysis = runBiasAnalysis(config, readBiasDataset(csv, config));
    const [entry] = analysis.postTraining!.facets.get('g')!;
    const values = Object.fromEntries(entry!.metrics.map((m) => [m.name, m.value]));
    // q̂_a = 1/4, q̂_d = 3/4 → DPPL = -0.5, DI = 3; acc_a = 4/4, acc_d = 3/4 → AD = 0.25.
    expect(values).toEqual({ AD: 0.25, DI: 3, DPPL: -0.5 });
    expect(analysis.postTraining!.labelValueOrThreshold).toBe('(0, 1]');
  });

  it('says which field to fix when post-training metrics have no predicted label', () => {
    const config = parseAnalysisConfig(
      JSON.stringify({
        label: 'label',
        label_values_or_threshold: [1],
        facet: [{ name_or_index: 'g' }],
        methods: { post_training_bias: { methods: 'all' } },
      }),
    );
    expect(() => runBiasAnalysis(config, readBiasDataset(csv, config))).toThrow(/predicted_label/);
  });

  it('names the missing column and lists the real ones', () => {
    const config = parseAnalysisConfig(
      JSON.stringify({ label: 'outcome', label_values_or_threshold: [1], facet: [{ name_or_index: 'g' }] }),
    );
    expect(() => runBiasAnalysis(config, readBiasDataset(csv, config))).toThrow(
      /label "outcome" is not a column of the dataset \(columns: g, score, label\)/,
    );
  });
});

describe('analysis_config.json validation', () => {
  it('names the bad field', () => {
    expect(() => parseAnalysisConfig('{"label": "y", "facet": "sex"}')).toThrow(/facet/);
    expect(() => parseAnalysisConfig('{"label": "y", "facet": [{"name_or_index": "s"}]}')).toThrow(
      /label_values_or_threshold/,
    );
    expect(() => parseAnalysisConfig('{not json')).toThrow(/not valid JSON/);
  });

  it('keeps integer and float values apart and tolerates unknown fields', () => {
    const config = parseAnalysisConfig(
      '{"label": 0, "label_values_or_threshold": [1, 1.0, "1"], "facet": [{"name_or_index": 2}], "new_field": true}',
    );
    expect(config.label_values_or_threshold).toEqual([1n, 1, '1']);
    expect(config.label).toBe(0);
    expect(config.facet![0]!.name_or_index).toBe(2);
  });
});

describe('readBiasDataset', () => {
  it('counts rows with the wrong number of fields instead of failing', () => {
    const data = readBiasDataset('a,b\n1,2\n3\n4,5\n', { dataset_type: 'text/csv' });
    expect(data.rowCount).toBe(2);
    expect(data.skipped).toEqual([
      { reason: 'wrong number of columns', count: 1, examples: ['row 2: 1 fields, expected 2'] },
    ]);
    expect(data.columns[0]).toEqual({ name: 'a', dtype: 'int64', values: [1, 4] });
  });

  it('reads JSON Lines with a features path, headers and a label path', () => {
    const text = '{"features":[1,"x"],"label":1}\nnot json\n{"features":[2.5,"y"],"label":0}\n';
    const data = readBiasDataset(text, {
      dataset_type: 'application/jsonlines',
      features: 'features',
      headers: ['age', 'sex'],
      label: 'label',
    });
    expect(data.columns.map((c) => [c.name, c.dtype])).toEqual([
      ['age', 'float64'],
      ['sex', 'object'],
      ['label', 'int64'],
    ]);
    expect(data.skipped).toEqual([{ reason: 'line is not JSON', count: 1, examples: ['line 2'] }]);
  });
});

describe('several facets, excluded columns and FlipTest', () => {
  // Two facets; `name` is text, so FlipTest refuses the feature matrix unless it is excluded.
  const csv = [
    'name,sex,age,income,label,pred',
    ...Array.from({ length: 24 }, (_, i) =>
      [
        `p${i}`,
        i % 3 === 0 ? 'F' : 'M',
        20 + i,
        (i * 37) % 50,
        i % 2 ? 'yes' : 'no',
        i % 5 < 2 ? 'yes' : 'no',
      ].join(','),
    ),
  ].join('\n');
  const base = {
    label: 'label',
    // Text labels: 0/1 integers on 24 rows would be "continuous" to smclarify.
    label_values_or_threshold: ['yes'],
    predicted_label: 'pred',
    facet: [
      { name_or_index: 'sex', value_or_threshold: ['F'] },
      { name_or_index: 'age', value_or_threshold: [30] },
    ],
    methods: { post_training_bias: { methods: ['DPPL', 'FT'] } },
  };

  it('reports every facet under its own name, in config order', () => {
    const config = parseAnalysisConfig(JSON.stringify(base));
    const analysis = runBiasAnalysis(config, readBiasDataset(csv, config));
    const facets = analysis.postTraining!.facets;
    expect([...facets.keys()]).toEqual(['sex', 'age']);
    expect(facets.get('age')![0]!.valueOrThreshold).toBe('(30, 43]');
    const ft = facets.get('sex')![0]!.metrics.find((m) => m.name === 'FT')!;
    expect(ft.value).toBeNull();
    expect(ft.error).toBe('FlipTest does not support non-numeric columns');
  });

  it('leaves excluded columns out of the FlipTest features', () => {
    const config = parseAnalysisConfig(JSON.stringify({ ...base, excluded_columns: ['name'] }));
    const analysis = runBiasAnalysis(config, readBiasDataset(csv, config));
    const sexFt = analysis.postTraining!.facets.get('sex')![0]!.metrics.find((m) => m.name === 'FT')!;
    // `sex` is text but it is the facet of this report; `age` (the other facet) stays a feature.
    expect(sexFt.error).toBeUndefined();
    expect(typeof sexFt.value).toBe('number');
  });
});
