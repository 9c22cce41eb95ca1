import type { ApprovalPolicyConfig } from '../config/approval.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { ModelApprovalStatus, ModelPackage } from '../ports/model-registry.ts';
import { mayDecideByHand } from './approvers.ts';
import { ApprovalRefusedError } from './errors.ts';

/**
 * Lets a person's approval or rejection by hand go ahead only when the group's policy names them
 * among its approvers (or names none). A refusal is appended to the audit log, with the principal,
 * before `ApprovalRefusedError` says who may decide instead; nothing in the registry changes.
 *
 * @example
 * ```ts
 * await authorizeManualDecision({ audit }, policies, pkg, { principal: 'alice', status: 'Approved', source: 'vigil-cli --as' });
 * await registry.updateApproval({ arn: pkg.arn, approvalStatus: 'Approved', ... });
 * ```
 */
export async function authorizeManualDecision(
  ports: { audit: AuditLog },
  policies: readonly ApprovalPolicyConfig[],
  pkg: Pick<ModelPackage, 'arn' | 'groupName' | 'version' | 'approvalStatus'>,
  attempt: { principal: string; status: ModelApprovalStatus; source: string },
): Promise<void> {
  const policy = policies.find((p) => p.modelPackageGroup === pkg.groupName);
  const check = mayDecideByHand(policy, [attempt.principal]);
  if (check.allowed) return;
  const record = await ports.audit.append({
    kind: 'approval.refused',
    actor: attempt.principal,
    subject: pkg.arn,
    summary: `${pkg.groupName} v${pkg.version}: ${attempt.principal} tried to set ${attempt.status}; refused (${check.reason}); it stays ${pkg.approvalStatus}`,
    details: {
      modelPackageGroup: pkg.groupName,
      modelPackageVersion: pkg.version,
      attemptedStatus: attempt.status,
      currentStatus: pkg.approvalStatus,
      principal: attempt.principal,
      principalSource: attempt.source,
      reason: check.reason,
    },
  });
  throw new ApprovalRefusedError(
    `${check.reason}: ${pkg.groupName} v${pkg.version} stays ${pkg.approvalStatus} (refusal recorded as audit record #${record.sequence}). Ask an approver, or add yourself to approvalPolicies[].approvers for "${pkg.groupName}".`,
  );
}
