import {
  checkConstraints,
  computeModelQualityStatistics,
  constraintsJson,
  createModelQualityBaseline,
  parseCalibration,
  parseConstraints,
  statisticsJson,
  suggestConstraints,
} from '@vigil/core/modelquality';
import { describe, expect, it } from 'vitest';
import { binaryRows, multiclassRows } from './generated.ts';

describe('binary baseline files', () => {
  const baseline = createModelQualityBaseline(binaryRows(), { problemType: 'BinaryClassification' });

  it('writes statistics.json in SageMaker’s key order with integer confusion counts', () => {
    const text = baseline.files['statistics.json'] as string;
    const keys = Object.keys(JSON.parse(text).binary_classification_metrics);
    expect(keys).toEqual([
      'confusion_matrix',
      'recall',
      'precision',
      'accuracy',
      'recall_best_constant_classifier',
      'precision_best_constant_classifier',
      'accuracy_best_constant_classifier',
      'true_positive_rate',
      'true_negative_rate',
      'false_positive_rate',
      'false_negative_rate',
      'receiver_operating_characteristic_curve',
      'precision_recall_curve',
      'auc',
      'au_prc',
      'f0_5',
      'f1',
      'f2',
      'f0_5_best_constant_classifier',
      'f1_best_constant_classifier',
      'f2_best_constant_classifier',
    ]);
    expect(text).toContain('"confusion_matrix" : {\n      "0" : {\n        "0" : 196,\n        "1" : 75\n');
    expect(text).toContain('"item_count" : 500');
  });

  it('suggests LessThanThreshold for scores and GreaterThanThreshold for error rates, at the baseline values', () => {
    const c = baseline.constraints.constraints;
    expect(Object.keys(c)).toEqual([
      'recall',
      'precision',
      'accuracy',
      'true_positive_rate',
      'true_negative_rate',
      'false_positive_rate',
      'false_negative_rate',
      'auc',
      'au_prc',
      'f0_5',
      'f1',
      'f2',
    ]);
    expect(c.accuracy).toEqual({ threshold: 0.744, comparisonOperator: 'LessThanThreshold' });
    expect(c.false_positive_rate?.comparisonOperator).toBe('GreaterThanThreshold');
    expect(
      JSON.parse(baseline.files['constraints.json'] as string).binary_classification_constraints.f2,
    ).toEqual({
      threshold: baseline.statistics.metrics.f2?.value,
      comparison_operator: 'LessThanThreshold',
    });
  });

  it('persists a calibration that reads back', () => {
    const calibration = parseCalibration(baseline.files['calibration.json'] as string);
    expect(calibration).toEqual(baseline.calibration);
    expect(calibration.thresholds.length).toBeGreaterThan(1);
  });

  it('round-trips constraints through constraints.json', () => {
    expect(parseConstraints(constraintsJson(baseline.constraints))).toEqual({
      constraints: baseline.constraints,
      ignored: [],
    });
  });
});

describe('constraint checks', () => {
  const multiclass = computeModelQualityStatistics(multiclassRows(), {
    problemType: 'MulticlassClassification',
  }).statistics;

  it('writes multiclass_classification_metrics and constraints', () => {
    expect(
      JSON.parse(statisticsJson(multiclass)).multiclass_classification_metrics.confusion_matrix['3'],
    ).toEqual({
      '0': 22,
      '1': 0,
      '2': 0,
      '3': 103,
    });
    expect(Object.keys(suggestConstraints(multiclass).constraints)).toEqual([
      'accuracy',
      'weighted_recall',
      'weighted_precision',
      'weighted_f0_5',
      'weighted_f1',
      'weighted_f2',
    ]);
  });

  it('applies every SageMaker comparison operator, and skips bad constraints with a note', () => {
    const text = JSON.stringify({
      version: 0.0,
      multiclass_classification_constraints: {
        accuracy: { threshold: 0.722, comparison_operator: 'LessThanOrEqualToThreshold' },
        weighted_recall: { threshold: 0.722, comparison_operator: 'LessThanThreshold' },
        weighted_f1: { threshold: 0.7, comparison_operator: 'GreaterThanThreshold' },
        weighted_f2: { threshold: 0.7209069541564325, comparison_operator: 'GreaterThanOrEqualToThreshold' },
        weighted_precision: { threshold: 0.7, comparison_operator: 'Sideways' },
        missing_metric: { threshold: 1, comparison_operator: 'LessThanThreshold' },
      },
    });
    const { constraints, ignored } = parseConstraints(text);
    expect(ignored).toEqual(['weighted_precision']);
    const check = checkConstraints(multiclass, constraints);
    expect(check.violations.map((v) => v.metricName)).toEqual(['accuracy', 'weighted_f1', 'weighted_f2']);
    expect(check.notEvaluated).toEqual(['missing_metric']);
    expect(check.violations[0]?.description).toBe(
      'Metric accuracy with 0.722 was LessThanOrEqualToThreshold 0.722',
    );
  });

  it('refuses a data-quality constraints.json with a message that says what to do', () => {
    expect(() => parseConstraints('{"version":0.0,"features":[]}')).toThrow(/model-quality baseline/);
    expect(() => parseConstraints('{')).toThrow(/vigil baseline model-quality/);
  });
});

describe('constraints.json validation', () => {
  it('rejects a section of the wrong type with its path (a list was read as metrics "0", "1", …)', () => {
    const text = JSON.stringify({
      version: 0,
      regression_constraints: [{ threshold: 1, comparison_operator: 'GreaterThanThreshold' }],
    });
    expect(() => parseConstraints(text, 'baselines/mq/constraints.json')).toThrow(
      expect.objectContaining({
        name: 'BaselineValidationError',
        path: 'regression_constraints',
        message: expect.stringContaining(
          'baselines/mq/constraints.json: invalid field "regression_constraints"',
        ),
      }),
    );
  });

  it('rejects a version that is not a number', () => {
    expect(() => parseConstraints('{"version":"zero","regression_constraints":{}}')).toThrow(
      /invalid field "version"/,
    );
  });
});
