import {
  countSkip,
  type LabeledPrediction,
  type RawValue,
  type SkippedRows,
  toBinaryClass,
  toClassName,
  toNumber,
} from './labeled-prediction.ts';

/** Labels and predictions of a regression problem, as doubles. */
export interface RegressionColumns {
  labels: Float64Array;
  predictions: Float64Array;
  skipped: SkippedRows;
}

/** Labels and predicted classes (0/1) of a binary problem, and the scores ranking metrics use. */
export interface BinaryColumns {
  labels: Uint8Array;
  predictions: Uint8Array;
  /** The positive-class probability where the rows carry one, else the predicted class. */
  scores: Float64Array;
  /** True when every row had a probability (so auc and the curves rank real scores). */
  hasProbabilities: boolean;
  skipped: SkippedRows;
}

/** Labels and predictions of a multiclass problem as indexes into `classes`. */
export interface MulticlassColumns {
  labels: Int32Array;
  predictions: Int32Array;
  /** Class names, numerically sorted when all are numbers, else lexicographically. */
  classes: string[];
  skipped: SkippedRows;
}

/**
 * Regression columns; rows whose label or prediction is not a number are skipped and counted.
 *
 * @example
 * ```ts
 * regressionColumns([{ label: '1.5', prediction: 1.2 }, { label: '', prediction: 3 }]);
 * // labels [1.5], predictions [1.2], skipped { 'label-not-numeric': 1 }
 * ```
 */
export function regressionColumns(rows: readonly LabeledPrediction[]): RegressionColumns {
  const labels = new Float64Array(rows.length);
  const predictions = new Float64Array(rows.length);
  const skipped: SkippedRows = {};
  let n = 0;
  const reasons = { label: 'label-not-numeric', prediction: 'prediction-not-numeric' };
  forEachReadPair(rows, toNumber, reasons, skipped, (label, prediction) => {
    labels[n] = label;
    predictions[n] = prediction;
    n++;
  });
  return { labels: labels.subarray(0, n), predictions: predictions.subarray(0, n), skipped };
}

/**
 * Binary columns. The label must read as 0/1 (also `true`/`false`). The predicted class is the
 * prediction when it reads as 0/1; otherwise, when the row has a probability (or the prediction is
 * itself a number in [0, 1], a score), the class is 1 when that probability is at least
 * `probabilityThreshold` (SageMaker's probability_threshold_attribute, default 0.5). Rows that fit
 * none of these are skipped and counted.
 *
 * @example
 * ```ts
 * binaryColumns([{ label: 1, probability: 0.7 }, { label: '0', prediction: '0', probability: 0.2 }]);
 * // labels [1, 0], predictions [1, 0], scores [0.7, 0.2], hasProbabilities true
 * ```
 */
export function binaryColumns(
  rows: readonly LabeledPrediction[],
  options: { probabilityThreshold?: number } = {},
): BinaryColumns {
  const threshold = options.probabilityThreshold ?? 0.5;
  const labels = new Uint8Array(rows.length);
  const predictions = new Uint8Array(rows.length);
  const scores = new Float64Array(rows.length);
  const skipped: SkippedRows = {};
  let hasProbabilities = true;
  let n = 0;
  for (const row of rows) {
    const label = toBinaryClass(row.label);
    if (label === undefined) {
      countSkip(skipped, 'label-not-binary');
      continue;
    }
    let probability = toNumber(row.probability);
    if (probability !== undefined && (probability < 0 || probability > 1)) {
      countSkip(skipped, 'probability-out-of-range');
      continue;
    }
    let predicted = toBinaryClass(row.prediction);
    if (predicted === undefined && probability === undefined) {
      const score = toNumber(row.prediction);
      if (score !== undefined && score >= 0 && score <= 1) probability = score;
    }
    if (predicted === undefined && probability !== undefined) predicted = probability >= threshold ? 1 : 0;
    if (predicted === undefined) {
      countSkip(skipped, 'prediction-not-binary');
      continue;
    }
    if (probability === undefined) hasProbabilities = false;
    labels[n] = label;
    predictions[n] = predicted;
    scores[n] = probability ?? predicted;
    n++;
  }
  return {
    labels: labels.subarray(0, n),
    predictions: predictions.subarray(0, n),
    scores: scores.subarray(0, n),
    hasProbabilities: hasProbabilities && n > 0,
    skipped,
  };
}

/**
 * Multiclass columns: every distinct label or prediction becomes a class (see `toClassName`);
 * rows without a label or a prediction are skipped and counted.
 *
 * @example
 * ```ts
 * multiclassColumns([{ label: '2', prediction: 2 }, { label: 'cat', prediction: 'dog' }]).classes;
 * // ['2', 'cat', 'dog']
 * ```
 */
export function multiclassColumns(rows: readonly LabeledPrediction[]): MulticlassColumns {
  const names: [string, string][] = [];
  const skipped: SkippedRows = {};
  const seen = new Set<string>();
  const reasons = { label: 'label-missing', prediction: 'prediction-missing' };
  forEachReadPair(rows, toClassName, reasons, skipped, (label, prediction) => {
    names.push([label, prediction]);
    seen.add(label);
    seen.add(prediction);
  });
  const classes = sortClasses([...seen]);
  const index = new Map(classes.map((c, i) => [c, i]));
  const labels = new Int32Array(names.length);
  const predictions = new Int32Array(names.length);
  names.forEach(([label, prediction], i) => {
    labels[i] = index.get(label) as number;
    predictions[i] = index.get(prediction) as number;
  });
  return { labels, predictions, classes, skipped };
}

/** Numeric order when every class name is a number, else code-point order. */
export function sortClasses(classes: string[]): string[] {
  const numeric = classes.every((c) => Number.isFinite(Number(c)));
  return numeric ? classes.sort((a, b) => Number(a) - Number(b)) : classes.sort();
}

/**
 * Calls `use` with the label and prediction of each row in which `read` reads both; the other
 * rows are counted in `skipped`, under `reasons.label` when the label does not read (whatever the
 * prediction), else under `reasons.prediction`.
 */
function forEachReadPair<T>(
  rows: readonly LabeledPrediction[],
  read: (value: RawValue) => T | undefined,
  reasons: { label: string; prediction: string },
  skipped: SkippedRows,
  use: (label: T, prediction: T) => void,
): void {
  for (const row of rows) {
    const label = read(row.label);
    const prediction = read(row.prediction);
    if (label === undefined) countSkip(skipped, reasons.label);
    else if (prediction === undefined) countSkip(skipped, reasons.prediction);
    else use(label, prediction);
  }
}
