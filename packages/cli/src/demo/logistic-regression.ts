import { InputError, type ModelRecord } from '@vigil/core';
import { weightedLeastSquares } from '@vigil/core/explain';

/** A fitted binary logistic regression on numeric features, in the raw feature scale. */
export interface LogisticModel {
  weights: number[];
  intercept: number;
  /** P(label = 1 | record). */
  predict(record: ModelRecord): number;
}

export interface LogisticRegressionOptions {
  /** L2 penalty on the standardized weights (keeps separable data finite). Default 1. */
  l2?: number;
  /** Newton (IRLS) iterations at most. Default 50. */
  maxIterations?: number;
}

/**
 * Trains a logistic regression by iteratively reweighted least squares on standardized features,
 * with an L2 penalty; the demo trains its rain model with it at start. Non-numeric feature values are
 * rejected: encode categories first.
 *
 * @example
 * ```ts
 * const model = trainLogisticRegression([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * model.predict([3]) > 0.5; // true
 * ```
 */
export function trainLogisticRegression(
  rows: readonly ModelRecord[],
  labels: readonly number[],
  options: LogisticRegressionOptions = {},
): LogisticModel {
  if (rows.length === 0 || rows.length !== labels.length) {
    throw new InputError(
      `Cannot train on ${rows.length} rows and ${labels.length} labels: give one label per row`,
    );
  }
  const width = rows[0]!.length;
  const x = rows.map((row, i) =>
    row.map((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InputError(
          `Row ${i + 1}, column ${j + 1} is not a number: encode features as numbers to train`,
        );
      }
      return v;
    }),
  );
  const means = Array.from({ length: width }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / x.length);
  const scales = means.map((m, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / x.length) || 1);
  const design = x.map((r) => [1, ...r.map((v, j) => (v - means[j]!) / scales[j]!)]);
  const l2 = options.l2 ?? 1;
  // The penalty enters as extra pseudo-rows sqrt(l2)·e_j with target 0 (the intercept is not penalized).
  const penaltyRows = Array.from({ length: width }, (_, j) => {
    const row = new Array<number>(width + 1).fill(0);
    row[j + 1] = Math.sqrt(l2);
    return row;
  });
  let beta = new Array<number>(width + 1).fill(0);
  for (let iteration = 0; iteration < (options.maxIterations ?? 50); iteration++) {
    const z: number[] = [];
    const w: number[] = [];
    design.forEach((row, i) => {
      const eta = dot(row, beta);
      const p = sigmoid(eta);
      const variance = Math.max(p * (1 - p), 1e-10);
      w.push(variance);
      z.push(eta + (labels[i]! - p) / variance);
    });
    const next = weightedLeastSquares(
      [...design, ...penaltyRows],
      [...z, ...penaltyRows.map(() => 0)],
      [...w, ...penaltyRows.map(() => 1)],
    );
    const step = Math.max(...next.map((v, j) => Math.abs(v - beta[j]!)));
    beta = next;
    if (step < 1e-10) break;
  }
  const weights = beta.slice(1).map((b, j) => b / scales[j]!);
  const intercept = beta[0]! - weights.reduce((s, wj, j) => s + wj * means[j]!, 0);
  return {
    weights,
    intercept,
    predict: (record) => sigmoid(intercept + weights.reduce((s, wj, j) => s + wj * Number(record[j]), 0)),
  };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function sigmoid(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}
