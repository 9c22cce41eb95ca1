import * as z from 'zod';

/**
 * How the audit log is kept in AWS: its own bucket with S3 Object Lock, every record version
 * retained `retentionDays` in `lockMode`. GOVERNANCE lets an account administrator with
 * s3:BypassGovernanceRetention remove a version (the functions never have it); COMPLIANCE lets
 * nobody, not even the root user, until the period ends. Local mode ignores it.
 */
export const auditConfig = z
  .object({
    /** Days each audit record version is locked; the EU AI Act asks for at least six months of logs. */
    retentionDays: z.number().int().min(1).max(36_500).default(400),
    lockMode: z.enum(['GOVERNANCE', 'COMPLIANCE']).default('GOVERNANCE'),
  })
  .strict();

export type AuditConfig = z.infer<typeof auditConfig>;
