export { sha256Hex } from '../hashing/sha256.ts';
export { canonicalJson } from './canonical-json.ts';
export { type ChecklistEvidence, type ChecklistItem, complianceChecklist } from './checklist.ts';
export { BUNDLE_REPORTS_FOLDER, type CitedReports, copyCitedReports } from './cited-reports.ts';
export {
  type ComplianceBundle,
  type ComplianceBundlePorts,
  exportComplianceBundle,
  renderComplianceBundleMarkdown,
  type VersionDossier,
} from './compliance-bundle.ts';
export { AuditAppendConflictError, AuditLogCorruptError } from './errors.ts';
export { auditRecordKey, DEFAULT_AUDIT_PREFIX, GENESIS_HASH, sequenceFromKey } from './keys.ts';
export { ObjectStoreAuditLog, type ObjectStoreAuditLogOptions } from './object-store-audit-log.ts';
export { readAuditLog, readAuditObjects, type StoredAuditObject } from './read.ts';
export { auditRecordHash } from './record-hash.ts';
export {
  type AuditProblem,
  type AuditProblemKind,
  type AuditVerification,
  type VerifyAuditLogOptions,
  verifyAuditLog,
} from './verify.ts';
