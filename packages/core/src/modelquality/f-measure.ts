/**
 * The F-beta score `(1 + β²)·P·R / (β²·P + R)`, 0 when precision and recall are both 0
 * (scikit-learn's zero_division = 0, Spark's fMeasure).
 *
 * @example
 * ```ts
 * fMeasure(1 / 3, 1, 1); // 0.5
 * ```
 */
export function fMeasure(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  const denominator = b2 * precision + recall;
  return denominator === 0 ? 0 : ((1 + b2) * precision * recall) / denominator;
}

/** `numerator / denominator`, 0 when the denominator is 0 (a metric with nothing to count). */
export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
