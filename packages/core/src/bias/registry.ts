import type { MetricNumber } from './divide.ts';
import { BiasReportError } from './errors.ts';
import { flipTest } from './flip-test.ts';
import type { MetricInputs } from './metric-inputs.ts';
import {
  accuracyDifference,
  conditionalDemographicDisparityInPredictedLabels,
  differenceInAcceptanceRates,
  differenceInConditionalAcceptance,
  differenceInConditionalRejection,
  differenceInPositiveProportionsInPredictedLabels,
  differenceInRejectionRates,
  disparateImpact,
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

/** A metric's short name, its title and its function. */
type MetricRow = readonly [name: string, title: string, compute: (inputs: MetricInputs) => MetricNumber];

/** The metrics of one stage, each described as `title (name)`, as smclarify writes it. */
const stageMetrics = (stage: BiasStage, rows: readonly MetricRow[]): readonly BiasMetric[] =>
  rows.map(([name, title, compute]) => ({ name, description: `${title} (${name})`, stage, compute }));

/** Pre-training metrics, sorted by name as smclarify runs them. */
export const PRE_TRAINING_METRICS: readonly BiasMetric[] = stageMetrics('pre_training', [
  ['CDDL', 'Conditional Demographic Disparity in Labels', conditionalDemographicDisparityInLabels],
  ['CI', 'Class Imbalance', classImbalance],
  ['DPL', 'Difference in Positive Proportions in Labels', differenceInPositiveProportionsInLabels],
  ['JS', 'Jensen-Shannon Divergence', jensenShannon],
  // "Liebler" (sic) is how smclarify and every analysis.json spell it.
  ['KL', 'Kullback-Liebler Divergence', kullbackLeibler],
  ['KS', 'Kolmogorov-Smirnov Distance', kolmogorovSmirnov],
  ['LP', 'L-p Norm', lpNorm],
  ['TVD', 'Total Variation Distance', totalVariationDistance],
]);

/** Post-training metrics, sorted by name as smclarify runs them. */
export const POST_TRAINING_METRICS: readonly BiasMetric[] = stageMetrics('post_training', [
  ['AD', 'Accuracy Difference', accuracyDifference],
  [
    'CDDPL',
    'Conditional Demographic Disparity in Predicted Labels',
    conditionalDemographicDisparityInPredictedLabels,
  ],
  ['DAR', 'Difference in Acceptance Rates', differenceInAcceptanceRates],
  ['DCA', 'Difference in Conditional Acceptance', differenceInConditionalAcceptance],
  ['DCR', 'Difference in Conditional Rejection', differenceInConditionalRejection],
  ['DI', 'Disparate Impact', disparateImpact],
  [
    'DPPL',
    'Difference in Positive Proportions in Predicted Labels',
    differenceInPositiveProportionsInPredictedLabels,
  ],
  ['DRR', 'Difference in Rejection Rates', differenceInRejectionRates],
  ['FT', 'Flip Test', flipTest],
  ['GE', 'Generalized Entropy', generalizedEntropy],
  ['RD', 'Recall Difference', recallDifference],
  ['SD', 'Specificity Difference', specificityDifference],
  ['TE', 'Treatment Equality', treatmentEquality],
]);

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
