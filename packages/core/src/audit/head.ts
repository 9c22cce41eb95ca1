import { ObjectNotFoundError, PreconditionFailedError } from '../errors/index.ts';
import { joinKey } from '../layout/keys.ts';
import type { ObjectStore } from '../ports/object-store.ts';

/** The newest record of a log as its writer announced it: what truncation is detected against. */
export interface AuditHead {
  sequence: number;
  hash: string;
  /** When the record was appended. */
  at?: string;
}

/** `{prefix}/head.json` as stored; logs written before heads carried hashes hold only `sequence`. */
export interface StoredAuditHead {
  sequence: number;
  hash?: string;
  at?: string;
}

/** The file beside the records that names the newest one. */
export const AUDIT_HEAD_NAME = 'head.json';

/** The detail-type of the event every append publishes (`detail`: `AuditHeadEventDetail`). */
export const AUDIT_HEAD_DETAIL_TYPE = 'Vigil Audit Head';

/** The detail of a "Vigil Audit Head" event. */
export interface AuditHeadEventDetail extends AuditHead {
  /** Where the log is: `s3://bucket/audit` or `/home/me/.vigil/audit`. */
  log: string;
  prefix: string;
}

/**
 * The key of a log's head file.
 *
 * @example
 * ```ts
 * auditHeadKey('audit'); // 'audit/head.json'
 * ```
 */
export function auditHeadKey(prefix: string): string {
  return joinKey(prefix, AUDIT_HEAD_NAME);
}

/** What reading head.json found. */
export type HeadRead =
  | { state: 'absent' }
  | { state: 'unreadable'; reason: string; etag: string }
  | { state: 'present'; head: StoredAuditHead; etag: string };

/**
 * Reads `{prefix}/head.json` with its version tag.
 *
 * @example
 * ```ts
 * const read = await readStoredHead(store, 'audit');
 * if (read.state === 'present') console.log(read.head.sequence);
 * ```
 */
export async function readStoredHead(store: ObjectStore, prefix: string): Promise<HeadRead> {
  let body: Uint8Array;
  let etag: string;
  try {
    ({ body, etag } = await store.getVersioned(auditHeadKey(prefix)));
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return { state: 'absent' };
    throw error;
  }
  try {
    const parsed = JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>;
    const { sequence, hash, at } = parsed;
    if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1) {
      return { state: 'unreadable', reason: 'it has no positive integer "sequence"', etag };
    }
    if (hash !== undefined && (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash))) {
      return { state: 'unreadable', reason: '"hash" is not a SHA-256 hex digest', etag };
    }
    return {
      state: 'present',
      head: { sequence, ...(hash ? { hash } : {}), ...(typeof at === 'string' ? { at } : {}) },
      etag,
    };
  } catch (error) {
    return { state: 'unreadable', reason: (error as Error).message, etag };
  }
}

/**
 * Moves head.json forward to `head`, never back: a compare-and-swap that gives up as soon as
 * the stored head is already at or past `head` (a concurrent append got further). A head without
 * a hash (written by an older Vigil) is only a hint and is replaced.
 *
 * @example
 * ```ts
 * await advanceHead(store, 'audit', { sequence: record.sequence, hash: record.hash, at: record.at });
 * ```
 */
export async function advanceHead(store: ObjectStore, prefix: string, head: AuditHead): Promise<void> {
  const key = auditHeadKey(prefix);
  const body = JSON.stringify(head);
  for (let attempt = 0; attempt < 50; attempt++) {
    const read = await readStoredHead(store, prefix);
    if (read.state === 'absent') {
      if (await store.putIfAbsent(key, body, 'application/json')) return;
      continue;
    }
    if (read.state === 'present' && read.head.hash && read.head.sequence >= head.sequence) return;
    try {
      await store.putIfMatch(key, body, read.etag, 'application/json');
      return;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }
  throw new PreconditionFailedError(key, {
    cause: new Error('50 concurrent appends in a row moved the head; the record is stored, the head lags'),
  });
}
