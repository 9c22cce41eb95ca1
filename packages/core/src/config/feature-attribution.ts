import * as z from 'zod';
import { location, monitorFields } from './common.ts';

/** How to call the model that is explained. */
export const modelTargetConfig = z.union([
  z.object({ endpoint: z.string().min(1) }).strict(),
  z.object({ url: z.url() }).strict(),
]);

/** The feature-attribution drift monitor of one endpoint (SageMaker's ModelExplainabilityMonitor). */
export const featureAttributionMonitorConfig = z
  .object({
    /** baseline: the baseline Clarify analysis.json (its global SHAP values). */
    ...monitorFields,
    analysisConfig: location,
    model: modelTargetConfig.optional(),
    /** Violation when nDCG of current against baseline attributions falls below this. */
    ndcgThreshold: z.number().gt(0).max(1).default(0.9),
    /** Upper bound on model invocations per run; a larger plan samples fewer records. */
    maxInvocations: z.number().int().positive().default(100_000),
    /** Records sampled from the window to explain. */
    sampleSize: z.number().int().positive().default(100),
  })
  .strict();

export type FeatureAttributionMonitorConfig = z.infer<typeof featureAttributionMonitorConfig>;
