/** The link applied to model outputs before attribution: identity, or logit (`use_logit`). */
export type Link = (p: number) => number;

export const identityLink: Link = (p) => p;

/**
 * log(p / (1 − p)), so attributions are in log-odds units, as shap's `link="logit"`. Outputs of
 * exactly 0 or 1 give ∓Infinity, as they do in shap.
 */
export const logitLink: Link = (p) => Math.log(p / (1 - p));

/**
 * The link for Clarify's `use_logit` flag.
 *
 * @example
 * ```ts
 * linkFor(true)(0.5); // 0
 * ```
 */
export function linkFor(useLogit: boolean): Link {
  return useLogit ? logitLink : identityLink;
}
