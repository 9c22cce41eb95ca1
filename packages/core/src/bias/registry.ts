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

/** A registered metric whose description is `title (name)`, as smclarify writes it. */
const metric = (
  name: string,
  title: string,
  stage: BiasStage,
  compute: (inputs: MetricInputs) => MetricNumber,
): BiasMetric => ({ name, description: `${title} (${name})`, stage, compute });

/** Every registered metric, pre-training first, each stage sorted by name as smclarify runs them. */
const REGISTERED: readonly BiasMetric[] = [
  metric(
    'CDDL',
    'Conditional Demographic Disparity in Labels',
    'pre_training',
    conditionalDemographicDisparityInLabels,
  ),
  metric('CI', 'Class Imbalance', 'pre_training', classImbalance),
  metric(
    'DPL',
    'Difference in Positive Proportions in Labels',
    'pre_training',
    differenceInPositiveProportionsInLabels,
  ),
  metric('JS', 'Jensen-Shannon Divergence', 'pre_training', jensenShannon),
  // "Liebler" (sic) is how smclarify and every analysis.json spell it.
  metric('KL', 'Kullback-Liebler Divergence', 'pre_training', kullbackLeibler),
  metric('KS', 'Kolmogorov-Smirnov Distance', 'pre_training', kolmogorovSmirnov),
  metric('LP', 'L-p Norm', 'pre_training', lpNorm),
  metric('TVD', 'Total Variation Distance', 'pre_training', totalVariationDistance),
  metric('AD', 'Accuracy Difference', 'post_training', accuracyDifference),
  metric(
    'CDDPL',
    'Conditional Demographic Disparity in Predicted Labels',
    'post_training',
    conditionalDemographicDisparityInPredictedLabels,
  ),
  metric('DAR', 'Difference in Acceptance Rates', 'post_training', differenceInAcceptanceRates),
  metric('DCA', 'Difference in Conditional Acceptance', 'post_training', differenceInConditionalAcceptance),
  metric('DCR', 'Difference in Conditional Rejection', 'post_training', differenceInConditionalRejection),
  metric('DI', 'Disparate Impact', 'post_training', disparateImpact),
  metric(
    'DPPL',
    'Difference in Positive Proportions in Predicted Labels',
    'post_training',
    differenceInPositiveProportionsInPredictedLabels,
  ),
  metric('DRR', 'Difference in Rejection Rates', 'post_training', differenceInRejectionRates),
  metric('FT', 'Flip Test', 'post_training', flipTest),
  metric('GE', 'Generalized Entropy', 'post_training', generalizedEntropy),
  metric('RD', 'Recall Difference', 'post_training', recallDifference),
  metric('SD', 'Specificity Difference', 'post_training', specificityDifference),
  metric('TE', 'Treatment Equality', 'post_training', treatmentEquality),
];

/** Pre-training metrics, sorted by name as smclarify runs them. */
export const PRE_TRAINING_METRICS: readonly BiasMetric[] = REGISTERED.filter(
  (m) => m.stage === 'pre_training',
);

/** Post-training metrics, sorted by name as smclarify runs them. */
export const POST_TRAINING_METRICS: readonly BiasMetric[] = REGISTERED.filter(
  (m) => m.stage === 'post_training',
);

/** Every metric by short name. */
export const BIAS_METRICS: ReadonlyMap<string, BiasMetric> = new Map(REGISTERED.map((m) => [m.name, m]));

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
