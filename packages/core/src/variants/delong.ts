import type { DifferenceTest } from './difference-test.ts';
import { normalCdf, normalQuantile } from './distributions.ts';

/** An AUC with DeLong's variance. */
export interface DeLongAuc {
  auc: number;
  /** DeLong's variance of the AUC estimate: var(V10)/m + var(V01)/n. */
  variance: number;
  positives: number;
  negatives: number;
}

/**
 * The AUC of scores against binary labels and its DeLong (1988) variance. The structural
 * components are V10ᵢ = (#negatives scored below positive i + ½ #ties) / n and
 * V01ⱼ = (#positives scored above negative j + ½ #ties) / m; the AUC is the mean of V10 and its
 * variance `s²(V10)/m + s²(V01)/n` with unbiased sample variances. O((m + n) log(m + n)).
 *
 * @example
 * ```ts
 * deLongAuc(Float64Array.of(0.9, 0.2, 0.6, 0.4), Uint8Array.of(1, 0, 1, 0)).auc; // 1
 * ```
 */
export function deLongAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): DeLongAuc {
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) positives.push(scores[i] as number);
    else negatives.push(scores[i] as number);
  }
  const m = positives.length;
  const n = negatives.length;
  if (m === 0 || n === 0) return { auc: Number.NaN, variance: Number.NaN, positives: m, negatives: n };
  const sortedNeg = Float64Array.from(negatives).sort();
  const sortedPos = Float64Array.from(positives).sort();
  const v10 = positives.map((s) => (below(sortedNeg, s) + 0.5 * ties(sortedNeg, s)) / n);
  const v01 = negatives.map(
    (s) => (m - below(sortedPos, s) - ties(sortedPos, s) + 0.5 * ties(sortedPos, s)) / m,
  );
  const auc = mean(v10);
  const variance = (m > 1 ? sampleVariance(v10) / m : 0) + (n > 1 ? sampleVariance(v01) / n : 0);
  return { auc, variance, positives: m, negatives: n };
}

/**
 * DeLong's test of two AUCs from independent samples (each variant scores its own traffic, so
 * the covariance term of the paired test is 0): z = ΔAUC / √(var₁ + var₂), two-sided normal
 * p-value and the interval ΔAUC ± z(1 − α/2)·se.
 *
 * @example
 * ```ts
 * deLongTest(deLongAuc(scoresA, labelsA), deLongAuc(scoresB, labelsB), 0.05).pValue;
 * ```
 */
export function deLongTest(champion: DeLongAuc, challenger: DeLongAuc, alpha: number): DifferenceTest {
  const difference = challenger.auc - champion.auc;
  const se = Math.sqrt(champion.variance + challenger.variance);
  const z = normalQuantile(1 - alpha / 2);
  const pValue = se > 0 ? 2 * normalCdf(-Math.abs(difference / se)) : difference === 0 ? 1 : Number.NaN;
  return {
    test: 'delong',
    champion: champion.auc,
    challenger: challenger.auc,
    difference,
    standardError: se,
    confidenceInterval: [difference - z * se, difference + z * se],
    pValue,
  };
}

/** How many values of the sorted array are below x. */
function below(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many values of the sorted array equal x. */
function ties(sorted: Float64Array, x: number): number {
  let lo = below(sorted, x);
  const start = lo;
  while (lo < sorted.length && sorted[lo] === x) lo++;
  return lo - start;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function sampleVariance(values: readonly number[]): number {
  const mu = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - mu) ** 2;
  return sum / (values.length - 1);
}
