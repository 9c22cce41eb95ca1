import { joinKey } from '../layout/keys.ts';

/** Where the audit log lives in Vigil's store unless configured otherwise. */
export const DEFAULT_AUDIT_PREFIX = 'audit';

/** Hash that the first record points back to. */
export const GENESIS_HASH = '0'.repeat(64);

// Twelve digits keep lexicographic order equal to numeric order for any realistic log length.
const SEQUENCE_DIGITS = 12;

/**
 * The key of record `sequence`: `{prefix}/000000000007.json`.
 *
 * @example
 * ```ts
 * auditRecordKey('audit', 7); // 'audit/000000000007.json'
 * ```
 */
export function auditRecordKey(prefix: string, sequence: number): string {
  return joinKey(prefix, `${String(sequence).padStart(SEQUENCE_DIGITS, '0')}.json`);
}

/** The sequence number a record key claims, or undefined when the key is not a record key. */
export function sequenceFromKey(prefix: string, key: string): number | undefined {
  const folder = `${joinKey(prefix)}/`;
  if (!key.startsWith(folder)) return undefined;
  const match = /^(\d{12})\.json$/.exec(key.slice(folder.length));
  return match ? Number(match[1]) : undefined;
}
