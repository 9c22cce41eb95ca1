import { describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../../packages/core/src/errors/vigil-error.ts';
import { aggregateShap } from '../../../packages/core/src/explain/aggregate.ts';
import { parseAnalysisConfig, shapSettings } from '../../../packages/core/src/explain/analysis-config.ts';
import { batchRequests } from '../../../packages/core/src/explain/batching.ts';
import { describeCostPlan, planExplanationCost } from '../../../packages/core/src/explain/cost.ts';
import { readFeatureDataset } from '../../../packages/core/src/explain/dataset.ts';
import { baselineAttributions, checkAttributionDrift } from '../../../packages/core/src/explain/drift.ts';
import { evaluatePath } from '../../../packages/core/src/explain/json-path.ts';
import { kmeansBackground } from '../../../packages/core/src/explain/kmeans.ts';
import { decodeOutputs, encodeRecords, labelNames } from '../../../packages/core/src/explain/model-codec.ts';
import { ndcg } from '../../../packages/core/src/explain/ndcg.ts';

describe('ndcg', () => {
  it('gives the SageMaker docs example (SAT, GPA, rank): 0.6876396241226223', () => {
    expect(Math.abs(ndcg([0.7, 0.5, 0.05], [0.1, 0.2, 0.7]) - 0.6876396241226223)).toBeLessThan(1e-12);
  });

  it('averages gains over ties in the current ranking as scikit-learn ndcg_score does', () => {
    // Expected values from sklearn 1.2.1 ndcg_score(y_true=[baseline], y_score=[current]).
    expect(Math.abs(ndcg([0.3, 0.2, 0.1, 0.4], [1, 1, 1, 1]) - 0.8744515148392086)).toBeLessThan(1e-12);
    expect(
      Math.abs(ndcg([0.3, 0.2, 0.1, 0.4, 0.05], [0.5, 0.5, 0.1, 0.2, 0.2]) - 0.8724615509692671),
    ).toBeLessThan(1e-12);
    expect(Math.abs(ndcg([5, 4, 3, 2, 1], [0.1, 0.2, 0.3, 0.4, 0.5]) - 0.7222433789799553)).toBeLessThan(
      1e-12,
    );
  });

  it('is 1 for the same ranking', () => {
    expect(ndcg([0.4, 0.3, 0.2], [4, 3, 2])).toBe(1);
  });
});

describe('attribution drift check', () => {
  const baseline = baselineAttributions({
    version: '1.0',
    explanations: {
      kernel_shap: {
        label0: { global_shap_values: { sat: 0.7, gpa: 0.5, rank: 0.05 }, expected_value: 0.5 },
      },
    },
  });

  it('reports a feature_attribution_drift_check violation below the threshold, in SageMaker wording', () => {
    const check = checkAttributionDrift(baseline, [
      { label: 'label0', expectedValue: 0.4, globalShapValues: { sat: 0.1, gpa: 0.2, rank: 0.7 } },
    ]);
    expect(check.violations).toEqual([
      {
        label: 'label0',
        metric_name: 'shap',
        constraint_check_type: 'feature_attribution_drift_check',
        description: `Feature attribution drift ${check.ndcgByLabel['label0']} exceeds threshold 0.9`,
      },
    ]);
    expect(check.ndcgByLabel['label0']).toBeCloseTo(0.6876396241226223, 12);
  });

  it('reports nothing at or above the threshold, and names baseline labels and features it cannot match', () => {
    const check = checkAttributionDrift(
      baseline,
      [{ label: 'label0', expectedValue: 0.4, globalShapValues: { sat: 0.1, gpa: 0.2 } }],
      0.5,
    );
    expect(check.violations).toEqual([]);
    expect(check.unmatched).toEqual(['feature rank of label label0']);
    expect(checkAttributionDrift(baseline, [], 0.9).unmatched).toEqual(['label label0']);
  });

  it('refuses a baseline without explanations.kernel_shap with a fix in the message', () => {
    expect(() => baselineAttributions({ version: '1.0', pre_training_bias_metrics: {} })).toThrow(InputError);
  });
});

describe('aggregation', () => {
  it('computes mean_abs, mean_sq (no root) and the signed median', () => {
    expect(aggregateShap([-1, 2, 3], 'mean_abs')).toBe(2);
    expect(aggregateShap([-1, 2, 3], 'mean_sq')).toBeCloseTo(14 / 3, 15);
    expect(aggregateShap([-1, -2, 3], 'median')).toBe(-1);
    expect(aggregateShap([-1, -2, 3, 4], 'median')).toBe(1);
  });
});

describe('analysis config', () => {
  it('applies Clarify defaults and keeps unknown fields', () => {
    const config = parseAnalysisConfig(
      JSON.stringify({
        dataset_type: 'text/csv',
        headers: ['a', 'b', 'y'],
        label: 'y',
        methods: { shap: { baseline: [[1, 2]], num_samples: 50 }, report: { name: 'report' } },
        predictor: { model_name: 'm', probability: 0 },
      }),
    );
    expect(shapSettings(config)).toEqual({
      baseline: [[1, 2]],
      numClusters: undefined,
      numSamples: 50,
      aggMethod: 'mean_abs',
      useLogit: false,
      saveLocalShapValues: true,
      seed: 0,
    });
  });

  it('names the bad field', () => {
    const bad = () => parseAnalysisConfig('{"methods":{"shap":{"agg_method":"max"}}}');
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/methods\.shap\.agg_method/);
    expect(() => parseAnalysisConfig('{"methods":{"shap":{"baseline":[[1]],"num_clusters":2}}}')).toThrow(
      /keep one/,
    );
    expect(() => parseAnalysisConfig('{oops')).toThrow(/not valid JSON/);
  });

  it('names an unknown method (a misspelt "shap" was ignored and the default settings used)', () => {
    const misspelt = () =>
      parseAnalysisConfig('{"methods":{"shapp":{"baseline":[[1]]}}}', 'baselines/ep/analysis_config.json');
    expect(misspelt).toThrow(ConfigError);
    expect(misspelt).toThrow(
      'baselines/ep/analysis_config.json: methods.shapp unknown Clarify method "shapp": use one of ' +
        'pre_training_bias, post_training_bias, shap, pdp, report, asymmetric_shapley_value',
    );
    // Bias settings in the same file are Clarify's, not unknown.
    expect(
      parseAnalysisConfig('{"methods":{"shap":{"baseline":[[1]]},"pre_training_bias":{"methods":"all"}}}')
        .methods.shap?.baseline,
    ).toEqual([[1]]);
  });
});

describe('model codec', () => {
  it('encodes CSV with quoting and JSON Lines with the content template', () => {
    const csv = { contentType: 'text/csv', acceptType: 'text/csv' };
    expect(
      encodeRecords(
        [
          [1, 2.5],
          [3, 'a,"b"'],
        ],
        csv,
      ),
    ).toBe('1,2.5\n3,"a,""b"""');
    const jsonl = { contentType: 'application/jsonlines', acceptType: 'application/jsonlines' };
    expect(encodeRecords([[1, 'x']], jsonl)).toBe('{"features":[1,"x"]}');
    expect(encodeRecords([[1]], { ...jsonl, contentTemplate: '{"instance":$features}' })).toBe(
      '{"instance":[1]}',
    );
  });

  it('reads the score at probability (CSV index or JSON path), else every value', () => {
    const csv = { contentType: 'text/csv', acceptType: 'text/csv' };
    expect(decodeOutputs('0.2,0.8\n0.6,0.4\n', csv, 2)).toEqual([
      [0.2, 0.8],
      [0.6, 0.4],
    ]);
    expect(decodeOutputs('1,0.8\n0,0.4', { ...csv, probability: 1 }, 2)).toEqual([[0.8], [0.4]]);
    const jsonl = { contentType: 'text/csv', acceptType: 'application/jsonlines', probability: 'score' };
    // The real capture fixture's output lines.
    expect(
      decodeOutputs(
        '{"predicted_label":1,"score":0.989977359771728}\n{"predicted_label":1,"score":0.504138827323913}\n',
        jsonl,
        2,
      ),
    ).toEqual([[0.989977359771728], [0.504138827323913]]);
    const json = {
      contentType: 'text/csv',
      acceptType: 'application/json',
      probability: 'predictions[*].score',
    };
    expect(decodeOutputs('{"predictions":[{"score":0.3},{"score":0.9}]}', json, 2)).toEqual([[0.3], [0.9]]);
  });

  it('throws a ModelResponseError when the answer count or shape is wrong', () => {
    const csv = { contentType: 'text/csv', acceptType: 'text/csv' };
    expect(() => decodeOutputs('0.2\n0.3', csv, 3)).toThrow(/answered 2 records for 3 sent/);
    const jsonl = { contentType: 'text/csv', acceptType: 'application/jsonlines' };
    expect(() => decodeOutputs('{"predicted_label":1,"score":0.9}', jsonl, 1)).toThrow(
      /predictor\.probability/,
    );
  });

  it('names labels from label_headers or label0, label1, …', () => {
    expect(labelNames(2, ['no', 'yes'])).toEqual(['no', 'yes']);
    expect(labelNames(1, ['no', 'yes'])).toEqual(['yes']);
    expect(labelNames(2)).toEqual(['label0', 'label1']);
  });

  it('evaluates JMESPath subsets', () => {
    expect(evaluatePath({ a: { b: [1, 2, 3] } }, 'a.b[-1]')).toBe(3);
    expect(evaluatePath([{ s: 1 }, { s: 2 }], '[*].s')).toEqual([1, 2]);
    expect(evaluatePath({ a: 1 }, 'b.c')).toBeUndefined();
  });
});

describe('request batching', () => {
  it('keeps every body under the byte limit and every record exactly once, in order', () => {
    const records = Array.from({ length: 500 }, (_, i) => [i, 'x'.repeat(i % 50), i / 3]);
    const format = { contentType: 'text/csv', acceptType: 'text/csv' };
    const batches = batchRequests(records, format, { maxBytes: 2000 });
    expect(batches.length).toBeGreaterThan(5);
    for (const batch of batches)
      expect(new TextEncoder().encode(batch.body).length).toBeLessThanOrEqual(2000);
    expect(batches.map((b) => b.body).join('\n')).toBe(encodeRecords(records, format));
    expect(batches[0]!.start).toBe(0);
    expect(batches.at(-1)!.end).toBe(500);
    const jsonl = { contentType: 'application/jsonlines', acceptType: 'application/jsonlines' };
    for (const batch of batchRequests(records, jsonl, { maxBytes: 3000, maxRecords: 7 })) {
      expect(batch.end - batch.start).toBeLessThanOrEqual(7);
      expect(new TextEncoder().encode(batch.body).length).toBeLessThanOrEqual(3000);
    }
  });
});

describe('data set reading', () => {
  it('drops the label and excluded columns, detects the header row and counts bad rows', () => {
    const config = parseAnalysisConfig(
      JSON.stringify({ dataset_type: 'text/csv', label: 'y', excluded_columns: ['id'] }),
    );
    const data = readFeatureDataset('id,age,city,y\n1,30,paris,1\n2,41,rome,0\n3,,rome,1\n4,5,6\n', config);
    expect(data.featureNames).toEqual(['age', 'city']);
    expect(data.rows).toEqual([
      [30, 'paris'],
      [41, 'rome'],
    ]);
    expect(data.skipped).toEqual({ 'missing-value': 1, 'wrong-column-count': 1 });
  });

  it('reads JSON Lines through the features path and names columns column_i', () => {
    const config = parseAnalysisConfig(
      JSON.stringify({ dataset_type: 'application/jsonlines', features: 'f' }),
    );
    const data = readFeatureDataset('{"f":[1,2]}\nnot json\n{"f":[3,4]}\n', config);
    expect(data.featureNames).toEqual(['column_0', 'column_1']);
    expect(data.rows).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(data.skipped).toEqual({ 'malformed-line': 1 });
  });
});

describe('k-means background', () => {
  it('finds well-separated clusters, snaps centres to data values and weights them by size', () => {
    const rows: number[][] = [];
    for (let i = 0; i < 30; i++) rows.push([0 + (i % 3) * 0.1, 10 + (i % 5) * 0.1]);
    for (let i = 0; i < 10; i++) rows.push([50 + (i % 2) * 0.1, -20]);
    const background = kmeansBackground(rows, { clusters: 2, seed: 1 });
    const order = Number(background.rows[0]![0]) < 25 ? [0, 1] : [1, 0];
    expect(order.map((k) => background.weights![k])).toEqual([30, 10]);
    // Column means 0.1 / 10.2 and 50.05 / -20, snapped to the closest value in each column.
    expect(background.rows[order[0]!]).toEqual([0.1, 10.2]);
    expect([50, 50.1]).toContain(background.rows[order[1]!]![0]);
    expect(background.rows[order[1]!]![1]).toBe(-20);
  });

  it('picks a small number of clusters by default for clearly clustered data', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [(i % 3) * 100 + (i % 7) * 0.01, (i % 3) * -50]);
    const background = kmeansBackground(rows, { seed: 0 });
    expect(background.rows.length).toBe(3);
    expect(background.weights).toEqual([20, 20, 20]);
  });
});

describe('cost plan', () => {
  it('plans records × coalitions and samples fewer records over the budget', () => {
    const plan = planExplanationCost({ records: 100, featureCount: 10, backgroundRows: 2, budget: 50_000 });
    expect(plan).toMatchObject({
      records: 48,
      coalitionsPerRecord: 1022,
      invocations: 48 * 1022,
      reduced: true,
    });
    expect(plan.predictions).toBe(48 * 1022 * 2 + 48 + 2);
    expect(describeCostPlan(plan)).toMatch(/over budget with 100 records, so 48 are sampled instead/);
    const small = planExplanationCost({ records: 10, featureCount: 3, backgroundRows: 1, budget: 1000 });
    expect(small).toMatchObject({ records: 10, coalitionsPerRecord: 6, invocations: 60, reduced: false });
  });
});
