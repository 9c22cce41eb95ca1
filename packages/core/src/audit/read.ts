import type { AuditRecord } from '../ports/audit-log.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { sequenceFromKey } from './keys.ts';

const decoder = new TextDecoder();

/** One stored object of the log: its key, the sequence its key claims, and the record if it parses. */
export interface StoredAuditObject {
  key: string;
  keySequence: number;
  record?: AuditRecord;
  parseError?: string;
}

/**
 * Every record object under `prefix`, in key (= sequence) order, parsed but not verified.
 *
 * @example
 * ```ts
 * for (const item of await readAuditObjects(store, 'audit')) console.log(item.key, item.record?.kind);
 * ```
 */
export async function readAuditObjects(store: ObjectStore, prefix: string): Promise<StoredAuditObject[]> {
  const items: StoredAuditObject[] = [];
  for await (const info of store.list(`${prefix.replace(/\/+$/, '')}/`)) {
    const keySequence = sequenceFromKey(prefix, info.key);
    if (keySequence === undefined) continue;
    items.push(await readOne(store, info.key, keySequence));
  }
  return items.sort((a, b) => a.keySequence - b.keySequence);
}

/**
 * The records of the log that parse, in order. For reading history; use `verifyAuditLog` to
 * know whether they can be trusted.
 *
 * @example
 * ```ts
 * const decisions = (await readAuditLog(store, 'audit')).filter((r) => r.kind === 'approval.decided');
 * ```
 */
export async function readAuditLog(store: ObjectStore, prefix: string): Promise<AuditRecord[]> {
  return (await readAuditObjects(store, prefix)).flatMap((item) => (item.record ? [item.record] : []));
}

export async function readOne(
  store: ObjectStore,
  key: string,
  keySequence: number,
): Promise<StoredAuditObject> {
  try {
    const parsed = JSON.parse(decoder.decode(await store.get(key))) as unknown;
    if (!isAuditRecord(parsed)) {
      return { key, keySequence, parseError: 'not an audit record (fields missing or of the wrong type)' };
    }
    return { key, keySequence, record: parsed };
  } catch (error) {
    return { key, keySequence, parseError: (error as Error).message };
  }
}

function isAuditRecord(value: unknown): value is AuditRecord {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.sequence === 'number' &&
    typeof r.at === 'string' &&
    typeof r.previousHash === 'string' &&
    typeof r.hash === 'string' &&
    typeof r.kind === 'string' &&
    typeof r.actor === 'string' &&
    typeof r.subject === 'string' &&
    typeof r.summary === 'string' &&
    r.details !== null &&
    typeof r.details === 'object'
  );
}
