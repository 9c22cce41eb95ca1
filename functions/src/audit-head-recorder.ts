import { S3ObjectStore } from '@vigil/aws';
import { ConfigError, EventShapeError, type ObjectStore } from '@vigil/core';
import {
  AUDIT_HEAD_DETAIL_TYPE,
  type AuditHeadEventDetail,
  headOf,
  publishedHeadKey,
} from '@vigil/core/audit';
import { eventBridgeHandler } from './shared/events.ts';
import { logger } from './shared/runtime.ts';

/** What the function returns. */
export interface AuditHeadRecorderResult {
  key: string;
  /** False when the same head was recorded before (a retried event). */
  created: boolean;
}

/**
 * audit-head-recorder: on "Vigil Audit Head" (vigil) keeps the head in the heads bucket, create-only
 * at `heads/<log prefix>/<sequence>-<hash>.json`. It is the only writer of that bucket and the
 * functions that append to the audit log cannot touch it, so a head once published survives
 * whatever happens to the audit bucket: `vigil audit verify --heads s3://<bucket>` checks the log
 * against it.
 *
 * @example
 * ```ts
 * const record = createAuditHeadRecorderHandler(() => new LocalObjectStore('/tmp/heads'));
 * await record(auditHeadEvent);
 * ```
 */
export function createAuditHeadRecorderHandler(
  heads: () => ObjectStore,
): (event: unknown) => Promise<AuditHeadRecorderResult> {
  return eventBridgeHandler({ source: 'vigil', detailType: AUDIT_HEAD_DETAIL_TYPE }, async (envelope) => {
    const head = headOf(envelope.detail) as (AuditHeadEventDetail & { prefix?: string }) | undefined;
    if (!head?.prefix) {
      throw new EventShapeError(
        'The "Vigil Audit Head" event lacks sequence, hash or prefix: it was not published by Vigil\'s audit log',
      );
    }
    const key = publishedHeadKey(head.prefix, head);
    const body = JSON.stringify({ ...head, eventId: envelope.id, eventTime: envelope.time });
    const created = await heads().putIfAbsent(key, body, 'application/json');
    logger.info('Audit head recorded', { sequence: head.sequence, prefix: head.prefix, created });
    return { key, created };
  });
}

let store: ObjectStore | undefined;

/** The Lambda: the heads bucket from VIGIL_AUDIT_HEADS_BUCKET. */
export const handler = createAuditHeadRecorderHandler(() => {
  const bucket = process.env.VIGIL_AUDIT_HEADS_BUCKET;
  if (!bucket) {
    throw new ConfigError(
      'VIGIL_AUDIT_HEADS_BUCKET is not set: deploy the function with the Vigil infrastructure (sst deploy)',
      {
        path: 'VIGIL_AUDIT_HEADS_BUCKET',
      },
    );
  }
  store ??= new S3ObjectStore({ bucket });
  return store;
});
