import { z } from 'zod';

/**
 * The `explanations.kernel_shap` section of a Clarify analysis.json, the feature-attribution
 * monitor's baseline: per label, finite global SHAP values (the nDCG gains) and the expected value.
 * A value of the wrong type would otherwise drop its feature from the ranking unnoticed.
 */
export const kernelShapBaselineSchema = z.looseObject({
  explanations: z.looseObject({
    kernel_shap: z.record(
      z.string(),
      z.looseObject({
        global_shap_values: z.record(z.string(), z.number()),
        expected_value: z.number().optional(),
      }),
    ),
  }),
});
