import { type Calibration, calibrate } from './calibration.ts';
import { ratio } from './f-measure.ts';
import {
  countSkip,
  type SkippedRows,
  toBinaryClass,
  toNumber,
  type UnlabeledPrediction,
} from './labeled-prediction.ts';
import { scoreOrder } from './ranking.ts';
import { RocArea } from './roc-area.ts';
import { DEFAULT_SEED, sampleStandardDeviation, seededRandom } from './subsample.ts';

/** The metrics estimated before labels, and their published names (`estimated_<metric>`). */
export const ESTIMATED_METRICS = ['accuracy', 'precision', 'recall', 'f1', 'auc'] as const;
export type EstimatedMetricName = (typeof ESTIMATED_METRICS)[number];

/** An estimated metric with its uncertainty band `estimate ± 3σ`, clipped to [0, 1]. */
export interface EstimatedMetric {
  estimate: number;
  /** Spread of the realized metric when labels are drawn from the calibrated probabilities. */
  standardDeviation: number;
  lower: number;
  upper: number;
}

/** Confidence-based performance estimation of one window of binary predictions. */
export interface QualityEstimate {
  method: 'CBPE';
  itemCount: number;
  metrics: Record<EstimatedMetricName, EstimatedMetric>;
  skipped: SkippedRows;
}

/** How the estimate reads predictions and how much it simulates. */
export interface EstimateOptions {
  /** A probability at or above it predicts the positive class, when no predicted label is given. */
  probabilityThreshold?: number;
  /** Label draws behind the band; more is tighter and slower (each is one pass over the rows). */
  simulations?: number;
  seed?: number;
}

/** Width of the band in standard deviations. */
export const BAND_WIDTH = 3;

/**
 * Estimates accuracy, precision, recall, f1 and auc of binary predictions whose labels have not
 * arrived, as NannyML's CBPE does: each score is calibrated on the baseline, the calibrated
 * probability `p` is the chance that the label is 1, so a row predicted 1 adds `p` expected true
 * positives and `1 − p` false positives (predicted 0: `p` false negatives, `1 − p` true
 * negatives); the metrics follow from the expected confusion matrix. auc ranks rows by their raw
 * score with `p` and `1 − p` as the positive and negative weights. The band: labels are drawn
 * from the calibrated probabilities `simulations` times (seeded), the realized metric computed
 * each time; `σ` is their standard deviation and the band `estimate ± 3σ`. It covers sampling
 * noise of the window, not a calibration that no longer holds (that is what drift monitors see).
 * Rows without a probability cannot be estimated and are counted in `skipped`.
 *
 * @example
 * ```ts
 * const estimate = estimateBinaryQuality(capturedPredictions, calibration);
 * estimate.metrics.accuracy; // { estimate: 0.87, standardDeviation: 0.01, lower: 0.84, upper: 0.9 }
 * ```
 */
export function estimateBinaryQuality(
  rows: readonly UnlabeledPrediction[],
  calibration: Calibration,
  options: EstimateOptions = {},
): QualityEstimate {
  const threshold = options.probabilityThreshold ?? 0.5;
  const read = windowColumns(rows.length);
  const skipped: SkippedRows = {};
  let n = 0;
  for (const row of rows) {
    let score = toNumber(row.probability);
    let predicted = toBinaryClass(row.prediction);
    if (score === undefined && predicted === undefined) score = toNumber(row.prediction);
    if (score === undefined || score < 0 || score > 1) {
      countSkip(skipped, 'probability-missing');
      continue;
    }
    predicted ??= score >= threshold ? 1 : 0;
    read.scores[n] = score;
    read.probabilities[n] = calibrate(calibration, score);
    read.predictions[n] = predicted;
    n++;
  }
  // Rows in descending score order, laid out contiguously so that every pass is sequential.
  const order = scoreOrder(read.scores.subarray(0, n));
  const window = windowColumns(n);
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    window.scores[k] = read.scores[i] as number;
    window.probabilities[k] = read.probabilities[i] as number;
    window.predictions[k] = read.predictions[i] as number;
  }
  const expected = expectedMetrics(window);
  const draws = simulateRealized(window, options.simulations ?? 50, options.seed ?? DEFAULT_SEED);
  const metrics = Object.fromEntries(
    ESTIMATED_METRICS.map((name) => {
      const standardDeviation = sampleStandardDeviation(draws.map((d) => d[name]));
      const estimate = expected[name];
      return [
        name,
        {
          estimate,
          standardDeviation,
          lower: Math.max(0, estimate - BAND_WIDTH * standardDeviation),
          upper: Math.min(1, estimate + BAND_WIDTH * standardDeviation),
        },
      ];
    }),
  ) as Record<EstimatedMetricName, EstimatedMetric>;
  return { method: 'CBPE', itemCount: n, metrics, skipped };
}

/** The window's rows sorted by descending score (or, while they are read, in their order). */
interface WindowColumns {
  scores: Float64Array;
  probabilities: Float64Array;
  predictions: Uint8Array;
}

/** Zeroed window columns for `n` rows. */
function windowColumns(n: number): WindowColumns {
  return { scores: new Float64Array(n), probabilities: new Float64Array(n), predictions: new Uint8Array(n) };
}

function metricsFromConfusion(tp: number, fp: number, tn: number, fn: number, auc: number) {
  return {
    accuracy: ratio(tp + tn, tp + fp + tn + fn),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    auc,
  };
}

/**
 * Area under the ROC curve from per-row positive weights `w` and negative weights `1 − w`
 * (labels are 0/1 weights in a simulation, calibrated probabilities in the estimate), rows in
 * descending score order, ties grouped; a trapezoid per group, so ties count half.
 */
function weightedAuc(scores: Float64Array, positiveWeight: (k: number) => number): number {
  const roc = new RocArea();
  const n = scores.length;
  for (let k = 0; k < n; k++) {
    roc.add(positiveWeight(k));
    if (k === n - 1 || scores[k + 1] !== scores[k]) roc.closeGroup();
  }
  return roc.auc();
}

function expectedMetrics(window: WindowColumns): Record<EstimatedMetricName, number> {
  const { scores, probabilities, predictions } = window;
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let k = 0; k < probabilities.length; k++) {
    const p = probabilities[k] as number;
    if (predictions[k] === 1) {
      tp += p;
      fp += 1 - p;
    } else {
      fn += p;
      tn += 1 - p;
    }
  }
  // p counts as positive mass, 1 − p as negative mass.
  const auc = weightedAuc(scores, (k) => probabilities[k] as number);
  return metricsFromConfusion(tp, fp, tn, fn, auc);
}

function simulateRealized(
  window: WindowColumns,
  simulations: number,
  seed: number,
): Record<EstimatedMetricName, number>[] {
  const random = seededRandom(seed);
  const { scores, probabilities, predictions } = window;
  const labels = new Uint8Array(probabilities.length);
  const draws: Record<EstimatedMetricName, number>[] = [];
  for (let s = 0; s < simulations; s++) {
    let tp = 0;
    let fp = 0;
    let tn = 0;
    let fn = 0;
    for (let k = 0; k < labels.length; k++) {
      const label = random() < (probabilities[k] as number) ? 1 : 0;
      labels[k] = label;
      if (predictions[k] === 1) {
        if (label === 1) tp++;
        else fp++;
      } else if (label === 1) fn++;
      else tn++;
    }
    draws.push(
      metricsFromConfusion(
        tp,
        fp,
        tn,
        fn,
        weightedAuc(scores, (k) => labels[k] as number),
      ),
    );
  }
  return draws;
}
