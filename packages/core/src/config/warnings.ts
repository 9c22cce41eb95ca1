import { policyRuleCount } from './approval.ts';
import type { VigilConfig } from './schema.ts';

/**
 * What in a valid configuration is probably not what its author meant: each warning names the
 * path and what to do. Loading still succeeds; the CLI prints these and the Lambdas log them.
 *
 * @example
 * ```ts
 * for (const warning of configWarnings(config)) io.stderr(`warning: ${warning}`);
 * ```
 */
export function configWarnings(config: Pick<VigilConfig, 'approvalPolicies'>): string[] {
  return config.approvalPolicies.flatMap((policy, i) =>
    policyRuleCount(policy) === 0
      ? [
          `approvalPolicies[${i}] (group "${policy.modelPackageGroup}") has no rules: the gate approves nothing under it and leaves every version pending; add requiredReports, modelCard, metrics or noWorseThanApproved`,
        ]
      : [],
  );
}
