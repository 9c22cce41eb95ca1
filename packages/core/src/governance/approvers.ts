import type { ApprovalPolicyConfig } from '../config/approval.ts';

/** Whether a person may approve or reject by hand, and why (for the audit log). */
export interface ApproverCheck {
  allowed: boolean;
  reason: string;
}

/**
 * Every name a principal goes by: itself and, for an STS assumed-role session
 * (`arn:aws:sts::111122223333:assumed-role/Approvers/alice`), the IAM role it assumed
 * (`arn:aws:iam::111122223333:role/Approvers`; a role path is not in the session ARN, so name
 * pathed roles with a wildcard: `arn:aws:iam::111122223333:role/*Approvers`).
 *
 * @example
 * ```ts
 * principalNames('arn:aws:sts::1:assumed-role/Approvers/alice');
 * // ['arn:aws:sts::1:assumed-role/Approvers/alice', 'arn:aws:iam::1:role/Approvers']
 * ```
 */
export function principalNames(principal: string): string[] {
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
  return session ? [principal, `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`] : [principal];
}

/**
 * Whether `name` matches an approver pattern: equal, or `*` standing for any run of characters.
 *
 * @example
 * ```ts
 * approverMatches('arn:aws:iam::*:role/ModelApprovers', 'arn:aws:iam::111122223333:role/ModelApprovers'); // true
 * ```
 */
export function approverMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(name);
}

/**
 * Whether the policy lets these principals (every name the registry reports for the person)
 * approve or reject a version of its group by hand.
 *
 * @example
 * ```ts
 * mayDecideByHand(policy, ['alice']); // { allowed: false, reason: 'alice is not an approver of group "churn" (approvers: bob)' }
 * ```
 */
export function mayDecideByHand(
  policy: Pick<ApprovalPolicyConfig, 'modelPackageGroup' | 'approvers'> | undefined,
  principals: readonly string[],
): ApproverCheck {
  const approvers = policy?.approvers;
  if (!policy || approvers === undefined) {
    return {
      allowed: true,
      reason: 'the group’s policy names no approvers: the registry’s own permissions decide',
    };
  }
  const group = policy.modelPackageGroup;
  const list = approvers.length ? approvers.join(', ') : 'none';
  if (principals.length === 0) {
    return {
      allowed: false,
      reason: `the registry did not say who made the change, so it cannot be checked against the approvers of group "${group}" (approvers: ${list})`,
    };
  }
  const names = principals.flatMap(principalNames);
  const match = approvers.find((pattern) => names.some((name) => approverMatches(pattern, name)));
  return match
    ? { allowed: true, reason: `${principals[0]} is an approver of group "${group}" (matches ${match})` }
    : {
        allowed: false,
        reason: `${principals.join(' / ')} is not an approver of group "${group}" (approvers: ${list})`,
      };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
