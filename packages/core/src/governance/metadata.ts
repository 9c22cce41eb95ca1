/** CustomerMetadataProperties keys the gate writes. */
export const METADATA_KEYS = {
  decisionId: 'vigil:decision-id',
  decision: 'vigil:decision',
  decisionSha256: 'vigil:decision-sha256',
  outcome: 'vigil:outcome',
  auditSequence: 'vigil:audit-sequence',
  /** Set when Vigil restored a status after refusing a change by someone not among the approvers. */
  refusal: 'vigil:refusal',
} as const;

const MAX_VALUE = 256;

/**
 * A value SageMaker accepts in CustomerMetadataProperties: letters, digits, spaces and
 * `_ . : / = + - @` only, 1–256 characters. Other characters become `_`.
 *
 * @example
 * ```ts
 * metadataValue('s3://bucket/governance/decisions/churn/v3/001.json'); // unchanged
 * ```
 */
export function metadataValue(value: string): string {
  const cleaned = value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_');
  return (cleaned.length ? cleaned : '_').slice(0, MAX_VALUE);
}
