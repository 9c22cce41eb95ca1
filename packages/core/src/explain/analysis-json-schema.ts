import * as z from 'zod';

/**
 * The `explanations.kernel_shap` section of a Clarify analysis.json, the feature-attribution
 * monitor's baseline: per label, finite global SHAP values (the nDCG gains) and the expected value.
 * A value of the wrong type would otherwise drop its feature from the ranking unnoticed.
 */
export const kernelShapBaselineSchema = z.looseObject({
  explanations: z.looseObject({
    kernel_shap: z
      .record(
        z.string(),
        z.looseObject({
          global_shap_values: z
            .record(z.string(), z.number())
            .refine((values) => Object.keys(values).length > 0, {
              message: 'no feature: the label has nothing to rank',
            }),
          expected_value: z.number().optional(),
        }),
      )
      .refine((labels) => Object.keys(labels).length > 0, {
        message: 'no label: the drift check would have nothing to compare',
      }),
  }),
});
