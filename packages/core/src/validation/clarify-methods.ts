import type { z } from 'zod';

/** The analysis methods Clarify's analysis_config.json knows (bias, explanations, reports). */
export const CLARIFY_METHODS: readonly string[] = [
  'pre_training_bias',
  'post_training_bias',
  'shap',
  'pdp',
  'report',
  'asymmetric_shapley_value',
];

/**
 * A zod refinement of an analysis config's `methods`: a name Clarify does not know is an issue at
 * that name, since a misspelt method would otherwise be ignored and its defaults used unnoticed.
 *
 * @example
 * ```ts
 * z.looseObject({ shap: shapMethod.optional() }).superRefine(knownClarifyMethods);
 * ```
 */
export function knownClarifyMethods(methods: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const name of Object.keys(methods)) {
    if (!CLARIFY_METHODS.includes(name))
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `unknown Clarify method "${name}": use one of ${CLARIFY_METHODS.join(', ')}`,
      });
  }
}
