import type { AuditRecord } from '../ports/audit-log.ts';

/**
 * The audit records about one model package: those whose subject it is, and the rollbacks that
 * rejected it (their subject is the endpoint; `details.rejectedModelPackages` names the package).
 * Without the latter a version's history would end at its approval although it is Rejected.
 *
 * @example
 * ```ts
 * const history = auditRecordsAbout(await readAuditLog(store, 'audit'), arn);
 * ```
 */
export function auditRecordsAbout(records: readonly AuditRecord[], packageArn: string): AuditRecord[] {
  return records.filter((r) => {
    if (r.subject === packageArn) return true;
    const rejected = (r.details as { rejectedModelPackages?: unknown } | undefined)?.rejectedModelPackages;
    return Array.isArray(rejected) && rejected.includes(packageArn);
  });
}
