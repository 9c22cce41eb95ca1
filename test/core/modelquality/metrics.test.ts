import {
  computeModelQualityStatistics,
  fitIsotonicCalibration,
  rankingMetrics,
  scoreOrder,
  statisticsJson,
} from '@vigil/core/modelquality';
import { describe, expect, it } from 'vitest';
import { binaryRows, multiclassRows, regressionRows } from './generated.ts';

const close = (actual: number | undefined, expected: number): void => {
  expect(actual).toBeCloseTo(expected, 12);
};

describe('binary classification metrics (expected values from scikit-learn 1.2.1)', () => {
  const { statistics, skipped } = computeModelQualityStatistics(binaryRows(), {
    problemType: 'BinaryClassification',
  });
  const value = (name: string) => statistics.metrics[name]?.value;

  it('computes the thresholded metrics as sklearn does', () => {
    expect(skipped).toEqual({});
    expect(statistics.itemCount).toBe(500);
    close(value('accuracy'), 0.744);
    close(value('precision'), 0.701195219123506);
    close(value('recall'), 0.7685589519650655);
    close(value('f0_5'), 0.713706407137064);
    close(value('f1'), 0.7333333333333333);
    close(value('f2'), 0.7540702656383891);
    close(value('true_positive_rate'), 0.7685589519650655);
    close(value('false_positive_rate'), 75 / 271);
    close(value('true_negative_rate'), 196 / 271);
    close(value('false_negative_rate'), 53 / 229);
    expect(statistics.confusionMatrix).toEqual({
      classes: ['0', '1'],
      counts: [
        [196, 75],
        [53, 176],
      ],
    });
  });

  it('handles tied scores in auc like roc_auc_score, and au_prc like average_precision_score', () => {
    close(value('auc'), 0.8265763225317843);
    close(value('au_prc'), 0.7708995081021587);
  });

  it('writes the ROC curve as sklearn roc_curve(drop_intermediate=False) plus the final (1, 1)', () => {
    const fpr = [
      0.0, 0.014760147601476014, 0.05166051660516605, 0.11070110701107011, 0.1918819188191882,
      0.2767527675276753, 0.3800738007380074, 0.5202952029520295, 0.6531365313653137, 0.8118081180811808, 1.0,
      1.0,
    ];
    const tpr = [
      0.0, 0.20087336244541484, 0.37554585152838427, 0.5327510917030568, 0.6550218340611353,
      0.7685589519650655, 0.8646288209606987, 0.9170305676855895, 0.9694323144104804, 1.0, 1.0, 1.0,
    ];
    const roc = statistics.rocCurve;
    expect(roc?.falsePositiveRates).toHaveLength(12);
    roc?.falsePositiveRates.forEach((x, i) => {
      close(x, fpr[i] ?? 1);
    });
    roc?.truePositiveRates.forEach((x, i) => {
      close(x, tpr[i] ?? 1);
    });
    const pr = statistics.precisionRecallCurve;
    expect(pr?.recalls[0]).toBe(0);
    expect(pr?.precisions[0]).toBe(pr?.precisions[1]);
    expect(pr?.recalls.at(-1)).toBe(1);
    close(pr?.precisions.at(-1) as number, 229 / 500);
  });

  it('makes the best constant classifier predict the positive class, as SageMaker’s documented example', () => {
    // SageMaker's example: 1 positive in 4 → recall 1.0, precision 0.25, accuracy 0.25,
    // f0_5 0.29411764705882354, f1 0.4, f2 0.625.
    const rows = [
      { label: 0, prediction: 1 },
      { label: 0, prediction: 1 },
      { label: 0, prediction: 0 },
      { label: 1, prediction: 1 },
    ];
    const doc = computeModelQualityStatistics(rows, { problemType: 'BinaryClassification' }).statistics
      .metrics;
    expect(doc.recall_best_constant_classifier?.value).toBe(1);
    expect(doc.precision_best_constant_classifier?.value).toBe(0.25);
    expect(doc.accuracy_best_constant_classifier?.value).toBe(0.25);
    expect(doc.f0_5_best_constant_classifier?.value).toBe(0.29411764705882354);
    expect(doc.f1_best_constant_classifier?.value).toBe(0.4);
    expect(doc.f2_best_constant_classifier?.value).toBe(0.625);
    // The same example's model metrics, to the last digit SageMaker printed.
    expect(doc.precision?.value).toBe(0.3333333333333333);
    expect(doc.true_negative_rate?.value).toBe(0.33333333333333337);
    expect(doc.false_positive_rate?.value).toBe(0.6666666666666666);
    expect(doc.f0_5?.value).toBe(0.3846153846153846);
    expect(doc.f2?.value).toBe(0.7142857142857143);
  });

  it('works out auc with ties by hand: one tie between a positive and a negative counts half', () => {
    const scores = Float64Array.of(0.9, 0.5, 0.5, 0.1);
    const labels = Uint8Array.of(1, 1, 0, 0);
    // pairs (pos, neg): (0.9,0.5)=1, (0.9,0.1)=1, (0.5,0.5)=½, (0.5,0.1)=1 → 3.5 / 4
    expect(rankingMetrics(scores, labels, scoreOrder(scores)).auc).toBe(0.875);
    // average precision: threshold 0.9 → P=1, R=½; threshold 0.5 → P=⅔, R=1 → ½·1 + ½·⅔
    expect(rankingMetrics(scores, labels, scoreOrder(scores)).auPrc).toBeCloseTo(5 / 6, 15);
  });

  it('thresholds probabilities at probabilityThreshold when no predicted label is given', () => {
    const rows = [
      { label: 1, probability: 0.7 },
      { label: 0, probability: 0.6 },
    ];
    const at5 = computeModelQualityStatistics(rows, { problemType: 'BinaryClassification' }).statistics;
    const at65 = computeModelQualityStatistics(rows, {
      problemType: 'BinaryClassification',
      probabilityThreshold: 0.65,
    }).statistics;
    expect(at5.metrics.accuracy?.value).toBe(0.5);
    expect(at65.metrics.accuracy?.value).toBe(1);
  });

  it('counts rows it cannot read instead of failing', () => {
    const { statistics: s, skipped: bad } = computeModelQualityStatistics(
      [
        { label: 'maybe', prediction: 1 },
        { label: 1, prediction: 'x' },
        { label: 1, prediction: 1 },
      ],
      { problemType: 'BinaryClassification' },
    );
    expect(bad).toEqual({ 'label-not-binary': 1, 'prediction-not-binary': 1 });
    expect(s.itemCount).toBe(1);
  });
});

describe('multiclass metrics (expected values from scikit-learn, average="weighted")', () => {
  const { statistics } = computeModelQualityStatistics(multiclassRows(), {
    problemType: 'MulticlassClassification',
  });
  const value = (name: string) => statistics.metrics[name]?.value;

  it('computes accuracy and weighted scores', () => {
    close(value('accuracy'), 0.722);
    close(value('weighted_precision'), 0.7456061543008933);
    close(value('weighted_recall'), 0.722);
    close(value('weighted_f0_5'), 0.7356098094477002);
    close(value('weighted_f1'), 0.7252060080952597);
    close(value('weighted_f2'), 0.7209069541564325);
    expect(statistics.confusionMatrix?.counts).toEqual([
      [86, 21, 0, 18],
      [0, 86, 21, 18],
      [0, 0, 86, 39],
      [22, 0, 0, 103],
    ]);
  });

  it('reproduces SageMaker’s documented best-constant values (constant = greatest label class)', () => {
    // SageMaker's multiclass example: confusion {0: {0: 1180, 1: 510}, 1: {0: 268, 1: 138}}.
    const rows = [
      ...Array.from({ length: 1180 }, () => ({ label: 0, prediction: 0 })),
      ...Array.from({ length: 510 }, () => ({ label: 0, prediction: 1 })),
      ...Array.from({ length: 268 }, () => ({ label: 1, prediction: 0 })),
      ...Array.from({ length: 138 }, () => ({ label: 1, prediction: 1 })),
    ];
    const doc = computeModelQualityStatistics(rows, { problemType: 'MulticlassClassification' }).statistics;
    const v = (name: string) => doc.metrics[name]?.value as number;
    expect(v('accuracy')).toBeCloseTo(0.6288167938931297, 15);
    expect(v('weighted_precision')).toBeCloseTo(0.6983172269629505, 15);
    expect(v('weighted_f0_5')).toBeCloseTo(0.6803947317178771, 15);
    expect(v('weighted_f1')).toBeCloseTo(0.6571162346664904, 15);
    expect(v('weighted_f2')).toBeCloseTo(0.6384024354394601, 15);
    expect(v('accuracy_best_constant_classifier')).toBeCloseTo(0.19370229007633588, 15);
    expect(v('weighted_precision_best_constant_classifier')).toBeCloseTo(0.03752057718081697, 15);
    expect(v('weighted_f0_5_best_constant_classifier')).toBeCloseTo(0.04473443104152011, 15);
    expect(v('weighted_f1_best_constant_classifier')).toBeCloseTo(0.06286421244683643, 15);
    expect(v('weighted_f2_best_constant_classifier')).toBeCloseTo(0.10570313141262414, 15);
    // ≥ 200 samples: a standard deviation is reported, and it is small.
    expect(doc.metrics.accuracy?.standardDeviation).toBeGreaterThan(0);
    expect(doc.metrics.accuracy?.standardDeviation).toBeLessThan(0.02);
  });
});

describe('regression metrics', () => {
  it('computes mae, mse, rmse and SageMaker’s r2 (sklearn r2_score(prediction, label))', () => {
    const { statistics } = computeModelQualityStatistics(regressionRows(), { problemType: 'Regression' });
    close(statistics.metrics.mae?.value, 0.6335112234584874);
    close(statistics.metrics.mse?.value, 0.4970790972081874);
    close(statistics.metrics.rmse?.value, Math.sqrt(0.4970790972081874));
    close(statistics.metrics.r2?.value, 0.9215617531146261);
  });
});

describe('standard deviation rule', () => {
  const maeOf = (rows: { label: number; prediction: number }[], subset: number[]) =>
    subset.reduce((a, i) => a + Math.abs((rows[i]?.label ?? 0) - (rows[i]?.prediction ?? 0)), 0) /
    subset.length;

  it('is the string "NaN" under 200 samples', () => {
    const rows = regressionRows(199);
    const { statistics } = computeModelQualityStatistics(rows, { problemType: 'Regression' });
    expect(Number.isNaN(statistics.metrics.mae?.standardDeviation)).toBe(true);
    expect(statisticsJson(statistics)).toContain('"standard_deviation" : "NaN"');
  });

  it('from 200 samples on, is the sample std of the metric over five seeded 80 % subsamples', async () => {
    const rows = regressionRows(200) as { label: number; prediction: number }[];
    const { subsamples } = await import('@vigil/core/modelquality');
    const values = subsamples(200).map((s) => {
      expect(s.length).toBe(160);
      expect(new Set(s).size).toBe(160);
      return maeOf(rows, Array.from(s));
    });
    const mean = values.reduce((a, b) => a + b, 0) / 5;
    const expected = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / 4);
    const first = computeModelQualityStatistics(rows, { problemType: 'Regression' }).statistics;
    const again = computeModelQualityStatistics(rows, { problemType: 'Regression' }).statistics;
    expect(first.metrics.mae?.standardDeviation).toBeCloseTo(expected, 14);
    expect(first.metrics.mae?.standardDeviation).toBeGreaterThan(0);
    expect(again.metrics.mae?.standardDeviation).toBe(first.metrics.mae?.standardDeviation);
  });
});

describe('isotonic calibration', () => {
  it('pools adjacent violators and interpolates between the fitted points', () => {
    // Sorted scores 0.1 0.35 0.4 0.8 with labels 0 1 0 1: 0.35 and 0.4 pool to ½.
    const c = fitIsotonicCalibration([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
    expect(c.thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
    expect(c.values).toEqual([0, 0.5, 0.5, 1]);
  });
});
