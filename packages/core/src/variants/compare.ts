import type { QualityEstimate } from '../modelquality/estimate.ts';
import type { LabeledPrediction } from '../modelquality/labeled-prediction.ts';
import type { ProblemType } from '../modelquality/problem-type.ts';
import { computeModelQualityStatistics } from '../modelquality/statistics.ts';
import type { VariantDecision } from './decision.ts';
import { VariantComparisonError } from './errors.ts';
import {
  COMPARED_METRICS,
  compareMetrics,
  type MetricComparison,
  type MetricTestSettings,
} from './metric-tests.ts';
import {
  type PredictionDistribution,
  type PredictionDrift,
  predictionDistribution,
  predictionDrift,
  predictionValues,
  type ShadowAgreement,
  shadowAgreement,
} from './prediction-distribution.ts';
import type { VariantPrediction } from './predictions.ts';

/** What a variant is in the deployment. */
export type VariantRole = 'champion' | 'challenger' | 'shadow';

/** One variant's window: every captured prediction, and those joined to a label. */
export interface VariantSample {
  name: string;
  role: VariantRole;
  predictions: readonly VariantPrediction[];
  labeled: readonly LabeledPrediction[];
  /** The estimate of quality before labels (binary, with a baseline calibration), when made. */
  estimate?: QualityEstimate;
}

/** How variants are compared. */
export interface ComparisonSettings extends MetricTestSettings {
  /** 1 − β of the sample size still needed (default 0.8). */
  power: number;
  /** The metric the decision is made on; default the problem type's first (auc, accuracy, mae). */
  metric?: string;
  /** A drift-registry method for the prediction distributions; default per type (drift registry). */
  predictionDriftMethod?: string;
}

/** A variant as comparison.json describes it. */
export interface VariantSummary {
  name: string;
  role: VariantRole;
  predictions: number;
  labeled: number;
  /** SageMaker's model-quality metrics of the labeled predictions (empty before labels). */
  metrics: Record<string, number>;
  /** Estimates before labels: metric → estimate and band. */
  estimates?: Record<string, { estimate: number; lower: number; upper: number }>;
  predictionDistribution: PredictionDistribution;
}

/** One challenger or shadow against the champion. */
export interface VariantVerdict {
  variant: string;
  role: Exclude<VariantRole, 'champion'>;
  /** The metric the decision is made on. */
  decisionMetric: string;
  decision: VariantDecision;
  /** One sentence: why this decision. */
  reason: string;
  /** When inconclusive: per-variant predictions with labels the decision metric still needs (null: unknown). */
  sampleSizeNeeded?: number | null;
  metrics: MetricComparison[];
  predictionDrift?: PredictionDrift;
  /** Shadows only: agreement with the champion on the same requests. */
  agreement?: ShadowAgreement;
}

/** The comparison of one window, before it is dated and written. */
export interface VariantComparisonResult {
  problemType: ProblemType;
  champion: string;
  settings: {
    significance: number;
    minimumEffect: number;
    power: number;
    metric: string;
    predictionDriftMethod?: string;
  };
  variants: VariantSummary[];
  verdicts: VariantVerdict[];
}

/**
 * Compares each challenger and shadow with the champion: per variant the model-quality metrics
 * (or estimates before labels) and the prediction distribution; per metric the difference with its
 * interval and p-value (metric-tests.ts); the drift between prediction distributions; for shadows
 * the agreement rate; and the decision on the configured metric — significant at α and at least
 * the minimum effect in the better direction — with the sample size still needed when inconclusive.
 *
 * @example
 * ```ts
 * const result = compareVariants('BinaryClassification', [champion, challenger], {
 *   significance: 0.05, minimumEffect: 0.01, power: 0.8,
 * });
 * result.verdicts[0].decision; // 'challenger_better'
 * ```
 */
export function compareVariants(
  problemType: ProblemType,
  samples: readonly VariantSample[],
  settings: ComparisonSettings,
): VariantComparisonResult {
  const champions = samples.filter((s) => s.role === 'champion');
  if (champions.length !== 1) {
    throw new VariantComparisonError(
      `A comparison needs exactly one champion variant, got ${champions.length}: name it with --champion or variants.champion`,
    );
  }
  const champion = champions[0] as VariantSample;
  const metric = settings.metric ?? (COMPARED_METRICS[problemType][0] as string);
  if (!COMPARED_METRICS[problemType].includes(metric)) {
    throw new VariantComparisonError(
      `The decision metric "${metric}" is not compared for ${problemType}: use one of ${COMPARED_METRICS[problemType].join(', ')}`,
    );
  }
  const values = new Map(samples.map((s) => [s.name, predictionValues(problemType, s.predictions)]));
  const variants = samples.map(
    (s): VariantSummary => summarise(problemType, s, values.get(s.name)!, settings),
  );
  const verdicts = samples
    .filter((s) => s.role !== 'champion')
    .map((s): VariantVerdict => {
      const metrics =
        champion.labeled.length > 0 && s.labeled.length > 0
          ? compareMetrics(problemType, champion.labeled, s.labeled, settings)
          : [];
      const decided = metrics.find((m) => m.metric === metric);
      const verdict: VariantVerdict = {
        variant: s.name,
        role: s.role as VariantVerdict['role'],
        decisionMetric: metric,
        decision: decided?.decision ?? 'inconclusive',
        reason: reasonOf(metric, decided, settings, champion, s),
        metrics,
      };
      if (!decided) verdict.sampleSizeNeeded = null;
      else if (decided.sampleSizeNeeded !== undefined) verdict.sampleSizeNeeded = decided.sampleSizeNeeded;
      const drift = predictionDrift(
        values.get(champion.name)!,
        values.get(s.name)!,
        settings.predictionDriftMethod,
      );
      if (drift) verdict.predictionDrift = drift;
      if (s.role === 'shadow') verdict.agreement = shadowAgreement(champion.predictions, s.predictions);
      return verdict;
    });
  return {
    problemType,
    champion: champion.name,
    settings: {
      significance: settings.significance,
      minimumEffect: settings.minimumEffect,
      power: settings.power,
      metric,
      ...(settings.predictionDriftMethod ? { predictionDriftMethod: settings.predictionDriftMethod } : {}),
    },
    variants,
    verdicts,
  };
}

function summarise(
  problemType: ProblemType,
  sample: VariantSample,
  values: ReturnType<typeof predictionValues>,
  settings: ComparisonSettings,
): VariantSummary {
  const metrics: Record<string, number> = {};
  if (sample.labeled.length > 0) {
    const { statistics } = computeModelQualityStatistics(sample.labeled, {
      problemType,
      probabilityThreshold: settings.probabilityThreshold,
    });
    if (statistics.itemCount > 0) {
      for (const [name, m] of Object.entries(statistics.metrics)) metrics[name] = m.value;
    }
  }
  const summary: VariantSummary = {
    name: sample.name,
    role: sample.role,
    predictions: sample.predictions.length,
    labeled: sample.labeled.length,
    metrics,
    predictionDistribution: predictionDistribution(values),
  };
  if (sample.estimate) {
    summary.estimates = Object.fromEntries(
      Object.entries(sample.estimate.metrics).map(([name, m]) => [
        name,
        { estimate: m.estimate, lower: m.lower, upper: m.upper },
      ]),
    );
  }
  return summary;
}

function reasonOf(
  metric: string,
  decided: MetricComparison | undefined,
  settings: ComparisonSettings,
  champion: VariantSample,
  other: VariantSample,
): string {
  if (!decided) {
    if (champion.labeled.length === 0 || other.labeled.length === 0) {
      return `no labeled predictions yet for ${champion.labeled.length === 0 ? champion.name : other.name}: only prediction distributions (and estimates) are compared`;
    }
    return `${metric} could not be computed for both variants (auc needs probabilities and both classes)`;
  }
  const p = decided.pValue.toPrecision(3);
  const d = decided.difference.toPrecision(3);
  if (decided.decision !== 'inconclusive') {
    return `${metric} differs by ${d} (p = ${p} < ${settings.significance}, |difference| ≥ ${settings.minimumEffect})`;
  }
  if (!(decided.pValue < settings.significance)) {
    return `${metric} differs by ${d}, not significant (p = ${p} ≥ ${settings.significance})`;
  }
  return `${metric} differs by ${d}, significant (p = ${p}) but smaller than the minimum effect ${settings.minimumEffect}`;
}
