import { binaryConfusion } from '../modelquality/binary-metrics.ts';
import { binaryColumns, multiclassColumns, regressionColumns } from '../modelquality/columns.ts';
import type { LabeledPrediction } from '../modelquality/labeled-prediction.ts';
import type { ProblemType } from '../modelquality/problem-type.ts';
import { type DecisionSettings, decide, type VariantDecision } from './decision.ts';
import { deLongAuc, deLongTest } from './delong.ts';
import type { DifferenceTest, MetricDirection } from './difference-test.ts';
import { meanSampleSize, type PowerTarget, proportionSampleSize, scaledSampleSize } from './power.ts';
import { type Proportion, twoProportionTest } from './two-proportion.ts';
import { type SampleMoments, sampleMoments, welchTest } from './welch.ts';

/** One metric of a challenger against the champion: the test, its decision and what it still needs. */
export interface MetricComparison extends DifferenceTest {
  metric: string;
  direction: MetricDirection;
  /** Welch's degrees of freedom (welch-t only). */
  degreesOfFreedom?: number;
  decision: VariantDecision;
  /**
   * When inconclusive: the per-variant sample size at which the test would reach the configured
   * power for the larger of the observed difference and the minimum effect (see power.ts).
   * Absent when decided; null when no size would do (a zero effect and a zero minimum effect).
   */
  sampleSizeNeeded?: number | null;
}

/** The settings of the comparison's tests. */
export interface MetricTestSettings extends DecisionSettings {
  /** 1 − β for the sample size still needed; default 0.8. */
  power?: number;
  /** Binary: a probability at or above it predicts the positive class (default 0.5). */
  probabilityThreshold?: number;
}

/** The metrics a comparison tests, per problem type, first the default decision metric. */
export const COMPARED_METRICS: Readonly<Record<ProblemType, readonly string[]>> = {
  BinaryClassification: ['auc', 'accuracy', 'precision', 'recall', 'f1'],
  MulticlassClassification: ['accuracy'],
  Regression: ['mae', 'mse'],
};

/**
 * Tests every compared metric of the problem type between two variants' labeled predictions:
 * accuracy, precision, recall and f1 as two-proportion z-tests (f1 as 2TP out of 2TP + FP + FN, a
 * proportion-shaped approximation), auc with DeLong's test on independent samples (only when both
 * variants carry probabilities), mae and mse with Welch's t-test on per-record absolute and squared
 * errors. A metric is left out when a variant has no row for it.
 *
 * @example
 * ```ts
 * compareMetrics('Regression', championRows, challengerRows, { significance: 0.05, minimumEffect: 0.1 })
 *   .find((m) => m.metric === 'mae')?.decision; // 'challenger_better'
 * ```
 */
export function compareMetrics(
  problemType: ProblemType,
  champion: readonly LabeledPrediction[],
  challenger: readonly LabeledPrediction[],
  settings: MetricTestSettings,
): MetricComparison[] {
  const target: PowerTarget = { alpha: settings.significance, power: settings.power ?? 0.8 };
  const out: MetricComparison[] = [];
  const proportion = (metric: string, a: Proportion, b: Proportion) => {
    if (a.trials === 0 || b.trials === 0) return;
    const test = twoProportionTest(a, b, settings.significance);
    out.push(
      finish(metric, 'higher-is-better', test, settings, (effect) =>
        proportionSampleSize(test.champion, clampRate(test.champion + effect), target),
      ),
    );
  };
  if (problemType === 'Regression') {
    const errors = [regressionColumns(champion), regressionColumns(challenger)].map((c) => {
      const absolute = new Float64Array(c.labels.length);
      const squared = new Float64Array(c.labels.length);
      for (let i = 0; i < c.labels.length; i++) {
        const e = (c.predictions[i] as number) - (c.labels[i] as number);
        absolute[i] = Math.abs(e);
        squared[i] = e * e;
      }
      return { absolute: sampleMoments(absolute), squared: sampleMoments(squared) };
    }) as [ErrorMoments, ErrorMoments];
    for (const [metric, key] of [
      ['mae', 'absolute'],
      ['mse', 'squared'],
    ] as const) {
      const [a, b] = [errors[0][key], errors[1][key]];
      if (a.count < 2 || b.count < 2) continue;
      const test = welchTest(a, b, settings.significance);
      out.push(
        finish(metric, 'lower-is-better', test, settings, (effect) =>
          meanSampleSize(effect, Math.sqrt(a.variance), Math.sqrt(b.variance), target),
        ),
      );
    }
    return out;
  }
  if (problemType === 'MulticlassClassification') {
    const [a, b] = [multiclassColumns(champion), multiclassColumns(challenger)].map((c) => {
      let correct = 0;
      for (let i = 0; i < c.labels.length; i++) if (c.labels[i] === c.predictions[i]) correct++;
      return { successes: correct, trials: c.labels.length };
    }) as [Proportion, Proportion];
    proportion('accuracy', a, b);
    return out;
  }
  const threshold = { probabilityThreshold: settings.probabilityThreshold };
  const columns = [binaryColumns(champion, threshold), binaryColumns(challenger, threshold)] as const;
  const [ca, cb] = columns.map((c) => binaryConfusion(c));
  if (
    columns[0].hasProbabilities &&
    columns[1].hasProbabilities &&
    columns[0].labels.length > 0 &&
    columns[1].labels.length > 0
  ) {
    const a = deLongAuc(columns[0].scores, columns[0].labels);
    const b = deLongAuc(columns[1].scores, columns[1].labels);
    if (Number.isFinite(a.auc) && Number.isFinite(b.auc)) {
      const test = deLongTest(a, b, settings.significance);
      const n = Math.max(columns[0].labels.length, columns[1].labels.length);
      out.push(
        finish('auc', 'higher-is-better', test, settings, (effect) =>
          scaledSampleSize(effect, test.standardError, n, target),
        ),
      );
    }
  }
  const [x, y] = [ca!, cb!];
  const n = (c: typeof x) => c.truePositives + c.falsePositives + c.trueNegatives + c.falseNegatives;
  proportion(
    'accuracy',
    { successes: x.truePositives + x.trueNegatives, trials: n(x) },
    { successes: y.truePositives + y.trueNegatives, trials: n(y) },
  );
  proportion(
    'precision',
    { successes: x.truePositives, trials: x.truePositives + x.falsePositives },
    { successes: y.truePositives, trials: y.truePositives + y.falsePositives },
  );
  proportion(
    'recall',
    { successes: x.truePositives, trials: x.truePositives + x.falseNegatives },
    { successes: y.truePositives, trials: y.truePositives + y.falseNegatives },
  );
  const f1 = (c: typeof x) => ({
    successes: 2 * c.truePositives,
    trials: 2 * c.truePositives + c.falsePositives + c.falseNegatives,
  });
  proportion('f1', f1(x), f1(y));
  return out;
}

/** The moments of a variant's absolute and squared errors. */
interface ErrorMoments {
  absolute: SampleMoments;
  squared: SampleMoments;
}

/**
 * The decision and, when inconclusive, the sample size for the effect powered for: the observed
 * difference, or the minimum effect when the observed one is smaller (a smaller difference could
 * never decide), signed as observed.
 */
function finish(
  metric: string,
  direction: MetricDirection,
  test: DifferenceTest & { degreesOfFreedom?: number },
  settings: MetricTestSettings,
  sampleSize: (effect: number) => number,
): MetricComparison {
  const decision = decide(test, direction, settings);
  const comparison: MetricComparison = { metric, direction, ...test, decision };
  if (decision === 'inconclusive') {
    const magnitude = Math.max(Math.abs(test.difference), settings.minimumEffect);
    const effect = (test.difference < 0 ? -1 : 1) * magnitude;
    const n = magnitude > 0 ? sampleSize(effect) : Number.POSITIVE_INFINITY;
    comparison.sampleSizeNeeded = Number.isFinite(n) ? n : null;
  }
  return comparison;
}

function clampRate(p: number): number {
  return Math.min(1, Math.max(0, p));
}
