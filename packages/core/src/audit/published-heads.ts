import { joinKey } from '../layout/keys.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { AuditHead, AuditHeadEventDetail } from './head.ts';

/** Where the heads bucket keeps what the head recorder received: `heads/<log prefix>/…`. */
export const PUBLISHED_HEADS_PREFIX = 'heads';

/**
 * The key one published head is kept at: `heads/<prefix>/<sequence, 12 digits>-<hash>.json`.
 * Sequence and hash are both in the key, so a head published twice lands on the same key, and
 * a reused number (same sequence, another hash) lands beside it instead of replacing it.
 *
 * @example
 * ```ts
 * publishedHeadKey('audit', { sequence: 7, hash }); // 'heads/audit/000000000007-<hash>.json'
 * ```
 */
export function publishedHeadKey(prefix: string, head: AuditHead): string {
  return joinKey(
    PUBLISHED_HEADS_PREFIX,
    prefix,
    `${String(head.sequence).padStart(12, '0')}-${head.hash}.json`,
  );
}

/**
 * Every head kept in a heads store for the log at `prefix`, oldest first. Objects that do not
 * parse as heads are skipped: they are not evidence either way.
 *
 * @example
 * ```ts
 * const heads = await readPublishedHeads(headsStore, 'audit');
 * const result = await verifyAuditLog(auditStore, 'audit', { publishedHeads: heads });
 * ```
 */
export async function readPublishedHeads(store: ObjectStore, prefix: string): Promise<AuditHead[]> {
  const heads: AuditHead[] = [];
  for await (const info of store.list(`${joinKey(PUBLISHED_HEADS_PREFIX, prefix)}/`)) {
    const head = parsePublishedHead(new TextDecoder().decode(await store.get(info.key)));
    if (head) heads.push(head);
  }
  return heads.sort((a, b) => a.sequence - b.sequence);
}

/**
 * The head in a "Vigil Audit Head" detail (or a stored copy of one); undefined when it is not one.
 *
 * @example
 * ```ts
 * parsePublishedHead('{"sequence":3,"hash":"ab…","log":"s3://b/audit","prefix":"audit"}')?.sequence; // 3
 * ```
 */
export function parsePublishedHead(text: string): (AuditHead & Partial<AuditHeadEventDetail>) | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return headOf(value);
}

/**
 * The head in an already parsed detail; undefined when it is not one.
 *
 * @example
 * ```ts
 * headOf(event.detail);
 * ```
 */
export function headOf(value: unknown): (AuditHead & Partial<AuditHeadEventDetail>) | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const d = value as Record<string, unknown>;
  if (typeof d.sequence !== 'number' || !Number.isInteger(d.sequence) || d.sequence < 1) return undefined;
  if (typeof d.hash !== 'string' || !/^[0-9a-f]{64}$/.test(d.hash)) return undefined;
  return {
    sequence: d.sequence,
    hash: d.hash,
    ...(typeof d.at === 'string' ? { at: d.at } : {}),
    ...(typeof d.log === 'string' ? { log: d.log } : {}),
    ...(typeof d.prefix === 'string' ? { prefix: d.prefix } : {}),
  };
}
