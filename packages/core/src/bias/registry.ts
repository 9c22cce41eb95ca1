import type { MetricNumber } from './divide.ts';
import { BiasReportError } from './errors.ts';
import { flipTest } from './flip-test.ts';
import type { MetricInputs } from './metric-inputs.ts';
import {
  accuracyDifference,
  conditionalDemographicDisparityInPredictedLabels as cddpl,
  differenceInAcceptanceRates,
  differenceInConditionalAcceptance,
  differenceInConditionalRejection,
  differenceInRejectionRates,
  disparateImpact,
  differenceInPositiveProportionsInPredictedLabels as dppl,
  generalizedEntropy,
  recallDifference,
  specificityDifference,
  treatmentEquality,
} from './posttraining.ts';
import {
  classImbalance,
  conditionalDemographicDisparityInLabels,
  differenceInPositiveProportionsInLabels,
  jensenShannon,
  kolmogorovSmirnov,
  kullbackLeibler,
  lpNorm,
  totalVariationDistance,
} from './pretraining.ts';

/** Clarify's two stages of bias analysis. */
export type BiasStage = 'pre_training' | 'post_training';

/** One registered bias metric: smclarify's short name, its description string and its function. */
export interface BiasMetric {
  readonly name: string;
  readonly description: string;
  readonly stage: BiasStage;
  readonly compute: (inputs: MetricInputs) => MetricNumber;
}

/** A metric's stage, short name, title and function. */
type MetricRow = readonly [
  stage: BiasStage,
  name: string,
  title: string,
  compute: (inputs: MetricInputs) => MetricNumber,
];

const PRE: BiasStage = 'pre_training';
const POST: BiasStage = 'post_training';

/** Every metric, each stage's sorted by name as smclarify runs them. */
const METRIC_ROWS: readonly MetricRow[] = [
  [PRE, 'CDDL', 'Conditional Demographic Disparity in Labels', conditionalDemographicDisparityInLabels],
  [PRE, 'CI', 'Class Imbalance', classImbalance],
  [PRE, 'DPL', 'Difference in Positive Proportions in Labels', differenceInPositiveProportionsInLabels],
  [PRE, 'JS', 'Jensen-Shannon Divergence', jensenShannon],
  // "Liebler" (sic) is how smclarify and every analysis.json spell it.
  [PRE, 'KL', 'Kullback-Liebler Divergence', kullbackLeibler],
  [PRE, 'KS', 'Kolmogorov-Smirnov Distance', kolmogorovSmirnov],
  [PRE, 'LP', 'L-p Norm', lpNorm],
  [PRE, 'TVD', 'Total Variation Distance', totalVariationDistance],

  [POST, 'AD', 'Accuracy Difference', accuracyDifference],
  [POST, 'CDDPL', 'Conditional Demographic Disparity in Predicted Labels', cddpl],
  [POST, 'DAR', 'Difference in Acceptance Rates', differenceInAcceptanceRates],
  [POST, 'DCA', 'Difference in Conditional Acceptance', differenceInConditionalAcceptance],
  [POST, 'DCR', 'Difference in Conditional Rejection', differenceInConditionalRejection],
  [POST, 'DI', 'Disparate Impact', disparateImpact],
  [POST, 'DPPL', 'Difference in Positive Proportions in Predicted Labels', dppl],
  [POST, 'DRR', 'Difference in Rejection Rates', differenceInRejectionRates],
  [POST, 'FT', 'Flip Test', flipTest],
  [POST, 'GE', 'Generalized Entropy', generalizedEntropy],
  [POST, 'RD', 'Recall Difference', recallDifference],
  [POST, 'SD', 'Specificity Difference', specificityDifference],
  [POST, 'TE', 'Treatment Equality', treatmentEquality],
];

/** The metrics of one stage, each described as `title (name)`, as smclarify writes it. */
const stageMetrics = (stage: BiasStage): readonly BiasMetric[] =>
  METRIC_ROWS.filter((row) => row[0] === stage).map(([, name, title, compute]) => ({
    name,
    description: `${title} (${name})`,
    stage,
    compute,
  }));

/** Pre-training metrics, sorted by name as smclarify runs them. */
export const PRE_TRAINING_METRICS: readonly BiasMetric[] = stageMetrics(PRE);

/** Post-training metrics, sorted by name as smclarify runs them. */
export const POST_TRAINING_METRICS: readonly BiasMetric[] = stageMetrics(POST);

/** Every metric by short name. */
export const BIAS_METRICS: ReadonlyMap<string, BiasMetric> = new Map(
  [...PRE_TRAINING_METRICS, ...POST_TRAINING_METRICS].map((m) => [m.name, m]),
);

/**
 * The metrics a `methods` entry of analysis_config.json asks for, in smclarify's run order (sorted
 * by name). Throws smclarify's message, naming the unknown names and the stage.
 *
 * @example
 * ```ts
 * metricsToRun('pre_training', ['KL', 'CI']).map((m) => m.name); // ['CI', 'KL']
 * ```
 */
export function metricsToRun(stage: BiasStage, methods: 'all' | readonly string[]): BiasMetric[] {
  const registered = stage === 'pre_training' ? PRE_TRAINING_METRICS : POST_TRAINING_METRICS;
  if (methods === 'all' || (methods.length === 1 && methods[0] === 'all')) return [...registered];
  const names = registered.map((m) => m.name);
  const unknown = methods.filter((m) => !names.includes(m));
  if (unknown.length > 0)
    throw new BiasReportError(
      `Invalid metric_name ${unknown.map((n) => `'${n}'`).join(', ')} in methods.${stage}_bias: ` +
        `metrics should be one of the registered metrics[${names.map((n) => `'${n}'`).join(', ')}]`,
    );
  return registered.filter((m) => methods.includes(m.name));
}
