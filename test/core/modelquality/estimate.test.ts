import {
  compareEstimate,
  computeModelQualityStatistics,
  estimateBinaryQuality,
  estimateReportJson,
  fitIsotonicCalibration,
  seededRandom,
} from '@vigil/core/modelquality';
import { describe, expect, it } from 'vitest';

const identity = { method: 'isotonic' as const, itemCount: 2, thresholds: [0, 1], values: [0, 1] };

describe('estimated quality before labels (CBPE)', () => {
  it('works out the expected confusion matrix and auc by hand', () => {
    const p = [0.9, 0.8, 0.3, 0.1];
    const estimate = estimateBinaryQuality(
      p.map((probability) => ({ probability })),
      identity,
    );
    // Predicted 1 for 0.9 and 0.8: TP = 1.7, FP = 0.3; predicted 0: FN = 0.4, TN = 1.6.
    expect(estimate.metrics.accuracy.estimate).toBeCloseTo(3.3 / 4, 15);
    expect(estimate.metrics.precision.estimate).toBeCloseTo(1.7 / 2, 15);
    expect(estimate.metrics.recall.estimate).toBeCloseTo(1.7 / 2.1, 15);
    expect(estimate.metrics.f1.estimate).toBeCloseTo(3.4 / 4.1, 15);
    // Expected auc: positive mass of each row against the negative mass of every row ranked
    // below it, a row against itself counting half, over (Σp)(Σ(1−p)).
    let pairs = 0;
    p.forEach((pi, i) => {
      p.forEach((pj, j) => {
        if (j > i) pairs += pi * (1 - pj);
      });
      pairs += (pi * (1 - pi)) / 2;
    });
    expect(estimate.metrics.auc.estimate).toBeCloseTo(pairs / (2.1 * 1.9), 15);
  });

  it('estimates a shifted window within its band of the realized value, after calibration on the baseline', () => {
    const random = seededRandom(7);
    // The model's score is p², a miscalibrated probability of the true chance p.
    const draw = (shape: (u: number) => number) => {
      const p = shape(random());
      return { probability: p * p, label: random() < p ? 1 : 0 };
    };
    const baseline = Array.from({ length: 20_000 }, () => draw((u) => u));
    const current = Array.from({ length: 5_000 }, () => draw((u) => Math.sqrt(u)));
    const calibration = fitIsotonicCalibration(
      baseline.map((r) => r.probability),
      baseline.map((r) => r.label),
    );
    const estimate = estimateBinaryQuality(
      current.map(({ probability }) => ({ probability })),
      calibration,
    );
    const realized = computeModelQualityStatistics(current, {
      problemType: 'BinaryClassification',
    }).statistics;
    const comparison = compareEstimate(estimate, realized);
    expect(comparison.map((c) => c.metric)).toEqual(['accuracy', 'precision', 'recall', 'f1', 'auc']);
    for (const row of comparison) {
      expect(row.withinBand, row.metric).toBe(true);
      expect(row.upper - row.lower, row.metric).toBeLessThan(0.1);
    }
    // The band is only meaningful if an uncalibrated estimate would miss: raw scores understate p.
    const naive = estimateBinaryQuality(
      current.map(({ probability }) => ({ probability })),
      identity,
    );
    const realizedAccuracy = realized.metrics.accuracy?.value as number;
    expect(Math.abs(naive.metrics.accuracy.estimate - realizedAccuracy)).toBeGreaterThan(
      3 * Math.abs(estimate.metrics.accuracy.estimate - realizedAccuracy),
    );
  });

  it('counts rows without a probability and reports estimate against realized', () => {
    const estimate = estimateBinaryQuality(
      [{ probability: 0.8 }, { prediction: 1 }, { probability: 'n/a' }, { probability: 0.2 }],
      identity,
    );
    expect(estimate.itemCount).toBe(2);
    expect(estimate.skipped).toEqual({ 'probability-missing': 2 });
    const report = JSON.parse(estimateReportJson(estimate, compareEstimate(estimate), 0));
    expect(report.metrics.accuracy.estimated).toBeCloseTo(0.8, 15);
    expect(report.metrics.accuracy.realized).toBeUndefined();
    expect(report.labeled_item_count).toBe(0);
  });
});
