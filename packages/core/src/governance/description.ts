import type { RuleResult } from './policy.ts';

/** UpdateModelPackage.ApprovalDescription: at most this many characters. */
export const MAX_APPROVAL_DESCRIPTION = 1024;

/** What the gate does with a version. */
export type GateOutcome = 'approve' | 'reject' | 'leave-pending';

const VERB: Record<GateOutcome, string> = {
  approve: 'APPROVED',
  reject: 'REJECTED',
  'leave-pending': 'LEFT PENDING for a person',
};

/**
 * The ApprovalDescription of a decision: the outcome, then every rule with PASS/FAIL and what
 * was found, failures first. It always fits SageMaker's 1024 characters: when the findings do
 * not fit they are shortened, then dropped, but every rule and its result stays named (down to
 * a count of the remaining passing rules if even the names do not fit); the full record is
 * linked from CustomerMetadataProperties.
 *
 * @example
 * ```ts
 * approvalDescription('reject', [{ rule: 'auc >= 0.8', passed: false, detail: 'auc = 0.72' }], 'churn-v3-1');
 * // 'Vigil approval gate: REJECTED, 1 of 1 rules failed (decision churn-v3-1). FAIL auc >= 0.8: auc = 0.72.'
 * ```
 */
export function approvalDescription(
  outcome: GateOutcome,
  rules: readonly RuleResult[],
  decisionId: string,
): string {
  const failed = rules.filter((r) => !r.passed).length;
  const head =
    rules.length === 0
      ? `Vigil approval gate: ${VERB[outcome]}, the policy has no rules (decision ${decisionId}).`
      : `Vigil approval gate: ${VERB[outcome]}, ${failed} of ${rules.length} rules failed (decision ${decisionId}).`;
  const ordered = [...rules.filter((r) => !r.passed), ...rules.filter((r) => r.passed)];
  const label = (r: RuleResult) => `${r.passed ? 'PASS' : 'FAIL'} ${r.rule}`;
  const attempts = [
    (r: RuleResult) => `${label(r)}: ${r.detail}`,
    (r: RuleResult) => `${label(r)}: ${r.detail.length > 60 ? `${r.detail.slice(0, 59)}…` : r.detail}`,
    label,
  ];
  for (const format of attempts) {
    const text = `${head} ${ordered.map(format).join('; ')}.`;
    if (text.length <= MAX_APPROVAL_DESCRIPTION) return rules.length ? text : head;
  }
  // Even the rule names do not fit: keep as many as fit (failures first) and count the rest.
  let text = head;
  for (let i = 0; i < ordered.length; i++) {
    const rest = ordered.length - i - 1;
    const next = `${text}${i === 0 ? ' ' : '; '}${label(ordered[i]!)}`;
    const tail = rest > 0 ? `; and ${rest} more rules, see the decision record.` : '.';
    if (`${next}${tail}`.length > MAX_APPROVAL_DESCRIPTION) {
      return `${text}; and ${ordered.length - i} more rules, see the decision record.`.slice(
        0,
        MAX_APPROVAL_DESCRIPTION,
      );
    }
    text = next;
  }
  return `${text}.`;
}
