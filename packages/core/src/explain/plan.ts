import type { ModelRecord } from '../ports/model-invoker.ts';
import type { ClarifyAnalysisConfig, ShapSettings } from './analysis-config.ts';
import { resolveBackground } from './background.ts';
import { type ExplanationCostPlan, planExplanationCost } from './cost.ts';
import type { Background } from './kernel-shap.ts';

/**
 * The background of an explanation and what explaining `rows` will cost, before any model call:
 * the first step of `vigil explain` (no budget) and of the feature-attribution monitor (its
 * invocation budget). The baseline file a config names is read with `readText`.
 *
 * @example
 * ```ts
 * const { background, plan } = await planExplanation(config, shapSettings(config), rows, width, {
 *   budget: 100_000,
 * });
 * if (plan.reduced) console.log(`${plan.records} of ${plan.requestedRecords} records will be explained`);
 * ```
 */
export async function planExplanation(
  config: ClarifyAnalysisConfig,
  settings: ShapSettings,
  rows: readonly ModelRecord[],
  width: number,
  options: { budget: number; readText?: (location: string) => Promise<string> },
): Promise<{ background: Background; plan: ExplanationCostPlan }> {
  const background = await resolveBackground(settings, rows, width, {
    readText: options.readText,
    featuresPath: config.features,
  });
  const plan = planExplanationCost({
    records: rows.length,
    featureCount: width,
    backgroundRows: background.rows.length,
    budget: options.budget,
    numSamples: settings.numSamples,
  });
  return { background, plan };
}
