export { sha256Hex } from '../hashing/sha256.ts';
export { canonicalJson } from './canonical-json.ts';
export { type ChecklistEvidence, type ChecklistItem, complianceChecklist } from './checklist.ts';
export {
  BUNDLE_EVIDENCE_FOLDER,
  BUNDLE_REPORTS_FOLDER,
  type CitedReports,
  copyCitedFiles,
  copyCitedReports,
} from './cited-reports.ts';
export {
  type ComplianceBundle,
  type ComplianceBundlePorts,
  exportComplianceBundle,
  renderComplianceBundleMarkdown,
  type VersionDossier,
} from './compliance-bundle.ts';
export { AuditAppendConflictError, AuditLogCorruptError } from './errors.ts';
export {
  AUDIT_HEAD_DETAIL_TYPE,
  AUDIT_HEAD_NAME,
  type AuditHead,
  type AuditHeadEventDetail,
  advanceHead,
  auditHeadKey,
  type HeadRead,
  readStoredHead,
  type StoredAuditHead,
} from './head.ts';
export { auditRecordKey, DEFAULT_AUDIT_PREFIX, GENESIS_HASH, sequenceFromKey } from './keys.ts';
export { AUDIT_LOCATION_KEY, type AuditLocation, readAuditLocation } from './location.ts';
export { ObjectStoreAuditLog, type ObjectStoreAuditLogOptions } from './object-store-audit-log.ts';
export { isPublishedHeadSource, type PublishedHeadSource } from './published-head-source.ts';
export {
  headOf,
  PUBLISHED_HEADS_PREFIX,
  parsePublishedHead,
  publishedHeadKey,
  readPublishedHeads,
} from './published-heads.ts';
export { readAuditLog, readAuditObjects, type StoredAuditObject } from './read.ts';
export { auditRecordHash } from './record-hash.ts';
export { auditRecordsAbout } from './records-about.ts';
export {
  type AuditProblem,
  type AuditProblemKind,
  type AuditVerification,
  type VerifyAuditLogOptions,
  verifyAuditLog,
} from './verify.ts';
