import { ConfigError, ObjectNotFoundError } from '../errors/index.ts';
import type { ObjectStore } from '../ports/object-store.ts';

/** Where a deployment keeps its audit log and the published heads (the two object-locked buckets). */
export interface AuditLocation {
  auditBucket: string;
  auditHeadsBucket: string;
}

/** The key in Vigil's bucket where the infrastructure writes the audit location at deploy time. */
export const AUDIT_LOCATION_KEY = 'config/audit-location.json';

/**
 * The audit location a deployment wrote into Vigil's bucket; undefined when there is none (local
 * mode, or a deployment from before the audit buckets).
 *
 * @example
 * ```ts
 * const where = await readAuditLocation(store); // { auditBucket: 'vigil-auditlog-…', auditHeadsBucket: 'vigil-auditheads-…' }
 * ```
 */
export async function readAuditLocation(store: ObjectStore): Promise<AuditLocation | undefined> {
  let text: string;
  try {
    text = new TextDecoder().decode(await store.get(AUDIT_LOCATION_KEY));
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
  let parsed: Partial<AuditLocation> | undefined;
  try {
    parsed = JSON.parse(text) as Partial<AuditLocation>;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed?.auditBucket !== 'string' || typeof parsed.auditHeadsBucket !== 'string') {
    throw new ConfigError(
      `${store.location}/${AUDIT_LOCATION_KEY} does not name auditBucket and auditHeadsBucket: deploy again (sst deploy writes it)`,
      { path: AUDIT_LOCATION_KEY },
    );
  }
  return { auditBucket: parsed.auditBucket, auditHeadsBucket: parsed.auditHeadsBucket };
}
