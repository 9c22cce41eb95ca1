import { sha256Hex } from '../hashing/sha256.ts';
import type { AuditRecord } from '../ports/audit-log.ts';
import { canonicalJson } from './canonical-json.ts';

/**
 * The hash a record must carry: SHA-256 of the canonical JSON of every field except `hash`
 * itself, so changing any field, including `previousHash` or `sequence`, changes it.
 *
 * @example
 * ```ts
 * const ok = record.hash === auditRecordHash(record);
 * ```
 */
export function auditRecordHash(record: Omit<AuditRecord, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...rest } = record;
  return sha256Hex(canonicalJson(rest));
}
