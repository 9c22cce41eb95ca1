import { computeModelQualityStatistics, readLabeledDataset } from '@vigil/core/modelquality';
import { describe, expect, it } from 'vitest';

describe('readLabeledDataset', () => {
  it('reads JSON Lines by JSON path and counts lines that do not parse', () => {
    const text = [
      '{"label": 1, "output": {"predicted_label": 1, "score": 0.9}}',
      '{"label": 0, "output": {"predicted_label": 1, "score": 0.6}}',
      'not json',
      '{"label": 0, "output": {"predicted_label": 0, "score": 0.1}}',
    ].join('\n');
    const { rows, skipped } = readLabeledDataset(text, 'jsonl', {
      groundTruthAttribute: 'label',
      inferenceAttribute: '$.output.predicted_label',
      probabilityAttribute: 'output.score',
    });
    expect(skipped).toEqual({ 'malformed-line': 1 });
    expect(rows).toEqual([
      { label: 1, prediction: 1, probability: 0.9 },
      { label: 0, prediction: 1, probability: 0.6 },
      { label: 0, prediction: 0, probability: 0.1 },
    ]);
  });

  it('reads CSV columns by name or 0-based index, quoted fields included', () => {
    const { rows } = readLabeledDataset('a,"the label",p\n"x,1",1,0.7\n"y",0,0.2\n', 'csv', {
      groundTruthAttribute: 'the label',
      inferenceAttribute: '2',
    });
    expect(rows).toEqual([
      { label: '1', prediction: '0.7', probability: undefined },
      { label: '0', prediction: '0.2', probability: undefined },
    ]);
  });
});

describe('multiclass weighting', () => {
  it('gives a class that is only ever predicted zero weight (scikit-learn average="weighted")', () => {
    // a: 1 of 2 right, once predicted as c; b: 2 of 2 right.
    const rows = [
      { label: 'a', prediction: 'a' },
      { label: 'a', prediction: 'c' },
      { label: 'b', prediction: 'b' },
      { label: 'b', prediction: 'b' },
    ];
    const { statistics } = computeModelQualityStatistics(rows, { problemType: 'MulticlassClassification' });
    expect(statistics.confusionMatrix?.classes).toEqual(['a', 'b', 'c']);
    expect(statistics.metrics.accuracy?.value).toBe(0.75);
    expect(statistics.metrics.weighted_precision?.value).toBe(1);
    expect(statistics.metrics.weighted_recall?.value).toBe(0.75);
    // F1: a = 2·1·½/(1+½) = ⅔, b = 1 → ½·⅔ + ½·1
    expect(statistics.metrics.weighted_f1?.value).toBeCloseTo(5 / 6, 15);
    // Constant classifier on the greatest label class, b (share ½): precision ½·½, f1 ½·(2·½/(½+1)).
    expect(statistics.metrics.weighted_precision_best_constant_classifier?.value).toBe(0.25);
    expect(statistics.metrics.weighted_f1_best_constant_classifier?.value).toBeCloseTo(1 / 3, 15);
    // Under 200 rows: no standard deviation.
    expect(statistics.metrics.accuracy?.standardDeviation).toBeNaN();
  });
});
