import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  parseBiasAnalysis,
  parseDataQualityFile,
  parseExplainabilityAnalysis,
  parseLenientJson,
  parseModelQualityStatistics,
} from '@vigil/core/governance';
import { describe, expect, it } from 'vitest';

const fixture = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../shared/fixtures/sagemaker/${path}`, import.meta.url)));

describe('report parsing', () => {
  it('reads the regression model-quality statistics SageMaker wrote, skipping "NaN" deviations', () => {
    const report = parseModelQualityStatistics(fixture('mq-regression-sdk-pipeline/statistics.json'));
    expect(report.problemType).toBe('Regression');
    expect(report.itemCount).toBe(100);
    expect(report.metrics).toEqual({
      mae: 0.5040653554420981,
      mse: 0.33364933609800973,
      rmse: 0.5776238707827177,
      r2: -3.208758170289026,
    });
  });

  it('reads binary metrics and the confusion matrix (actual → predicted)', () => {
    const report = parseModelQualityStatistics(
      JSON.stringify({
        binary_classification_metrics: {
          confusion_matrix: { '0': { '0': 50, '1': 5 }, '1': { '0': 3, '1': 42 } },
          auc: { value: 0.91, standard_deviation: 0.01 },
          f1: { value: 'NaN', standard_deviation: 'NaN' },
        },
      }),
    );
    expect(report).toEqual({
      problemType: 'BinaryClassification',
      itemCount: undefined,
      metrics: { auc: 0.91 },
      confusionMatrix: {
        labels: ['0', '1'],
        counts: [
          [50, 5],
          [3, 42],
        ],
      },
    });
  });

  it('refuses a file that is not model-quality statistics, saying what is missing', () => {
    expect(() => parseModelQualityStatistics(fixture('dq-sdk-pipeline/statistics.json'))).toThrow(
      /binary_classification_metrics/,
    );
  });

  it('reads every metric of the Clarify bias analysis.json fixture, with failed metrics as null', () => {
    const { values } = parseBiasAnalysis(fixture('clarify-bias/analysis.json'));
    expect(values).toHaveLength(19);
    expect(values.find((v) => v.metric === 'CI')).toEqual({
      stage: 'pre_training',
      label: 'fraud',
      facet: 'customer_gender_female',
      facetValue: '1',
      metric: 'CI',
      value: 0.398,
      error: undefined,
    });
    expect(values.find((v) => v.metric === 'CDDPL')).toMatchObject({
      stage: 'post_training',
      value: null,
      error: 'Group variable is empty or not provided',
    });
  });

  it('reads Python JSON with bare NaN / Infinity and Clarify "Infinity" strings', () => {
    const text =
      '{"post_training_bias_metrics": {"label": "y", "facets": {"f": [{"value_or_threshold": "a", "metrics": [' +
      '{"name": "DI", "value": Infinity}, {"name": "DCR", "value": NaN}, {"name": "TE", "value": "-Infinity"},' +
      '{"name": "AD", "description": "NaN in text stays", "value": 0.5}]}]}}}';
    const values = parseBiasAnalysis(text).values.map((v) => [v.metric, v.value]);
    expect(values).toEqual([
      ['DI', Number.POSITIVE_INFINITY],
      ['DCR', null],
      ['TE', Number.NEGATIVE_INFINITY],
      ['AD', 0.5],
    ]);
    expect(parseLenientJson('{"a": "Infinity and NaN", "b": -Infinity}')).toEqual({
      a: 'Infinity and NaN',
      b: '-Infinity',
    });
  });

  it('reads explainability global SHAP values per label', () => {
    const report = parseExplainabilityAnalysis(
      JSON.stringify({
        version: '1.0',
        explanations: {
          kernel_shap: { label0: { global_shap_values: { age: 0.12, income: 0.3 }, expected_value: 0.41 } },
        },
      }),
    );
    expect(report).toEqual({
      labels: [{ label: 'label0', expectedValue: 0.41, globalShapValues: { age: 0.12, income: 0.3 } }],
    });
    expect(() => parseExplainabilityAnalysis(fixture('clarify-bias/analysis.json'))).toThrow(/kernel_shap/);
  });

  it('reads data-quality statistics and constraints fixtures', () => {
    const statistics = parseDataQualityFile(fixture('dq-baseline-aai540/statistics.json'));
    expect(statistics.itemCount).toBe(23432);
    expect(statistics.featureCount).toBe(14);
    expect(statistics.features.slice(0, 3)).toEqual(['id', 'event_time', 'zipcode']);
    expect(parseDataQualityFile(fixture('dq-baseline-aai540/constraints.json')).featureCount).toBe(14);
  });
});
