import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  checkConstraints,
  computeModelQualityStatistics,
  createModelQualityBaseline,
  parseConstraints,
  readLabeledDataset,
  violationsJson,
} from '@vigil/core/modelquality';
import { describe, expect, it } from 'vitest';

const fixture = (name: string) =>
  readFileSync(
    fileURLToPath(
      new URL(`../../../../shared/fixtures/sagemaker/mq-regression-sdk-pipeline/${name}`, import.meta.url),
    ),
    'utf8',
  );

const rows = readLabeledDataset(fixture('baseline_dataset.csv'), 'csv', {
  groundTruthAttribute: 'Label',
  inferenceAttribute: 'Prediction',
}).rows;

describe('conformance with SageMaker’s mq-regression-sdk-pipeline baseline', () => {
  const baseline = createModelQualityBaseline(rows, { problemType: 'Regression' });
  const real = JSON.parse(fixture('statistics.json')).regression_metrics as Record<
    string,
    { value: number; standard_deviation: string }
  >;

  it('computes the same metrics to 1e-9 relative', () => {
    expect(baseline.statistics.itemCount).toBe(100);
    for (const [name, metric] of Object.entries(real)) {
      const ours = baseline.statistics.metrics[name]?.value as number;
      expect(Math.abs(ours - metric.value) / Math.abs(metric.value), name).toBeLessThan(1e-9);
    }
  });

  it('writes statistics.json and constraints.json byte for byte as SageMaker did', () => {
    expect(baseline.files['statistics.json']).toBe(fixture('statistics.json'));
    expect(baseline.files['constraints.json']).toBe(fixture('constraints.json'));
    expect(baseline.files['calibration.json']).toBeUndefined();
  });

  it('reads SageMaker’s constraints.json and finds no violation on the baseline data itself', () => {
    const { constraints, ignored } = parseConstraints(fixture('constraints.json'));
    expect(ignored).toEqual([]);
    expect(constraints.problemType).toBe('Regression');
    expect(checkConstraints(baseline.statistics, constraints).violations).toEqual([]);
  });

  it('reports a worse window with SageMaker’s operators', () => {
    const { constraints } = parseConstraints(fixture('constraints.json'));
    const worse = rows.map((row) => ({ ...row, prediction: Number(row.prediction) + 0.5 }));
    const { statistics } = computeModelQualityStatistics(worse, { problemType: 'Regression' });
    const check = checkConstraints(statistics, constraints);
    // Shifting every prediction raises every error; r2's denominator (prediction variance) is
    // unchanged while the squared error grows, so r2 falls.
    expect(check.violations.map((v) => [v.metricName, v.constraintCheckType])).toEqual([
      ['mae', 'GreaterThanThreshold'],
      ['mse', 'GreaterThanThreshold'],
      ['rmse', 'GreaterThanThreshold'],
      ['r2', 'LessThanThreshold'],
    ]);
    const mae = statistics.metrics.mae?.value as number;
    expect(check.violations[0]?.description).toBe(
      `Metric mae with ${String(mae)} was GreaterThanThreshold 0.5040653554420981`,
    );
    expect(violationsJson(check.violations.slice(0, 1))).toBe(
      [
        '{',
        '  "violations" : [ {',
        '    "constraint_check_type" : "GreaterThanThreshold",',
        `    "description" : "Metric mae with ${String(mae)} was GreaterThanThreshold 0.5040653554420981",`,
        '    "metric_name" : "mae"',
        '  } ]',
        '}',
      ].join('\n'),
    );
  });
});
