import type { EventBridgeEnvelope } from '@vigil/core';

/**
 * An event as EventBridge delivers it to a target (the envelope Lambda handlers receive). The
 * local loop writes and dispatches exactly this shape, so handlers run unchanged.
 */
export interface BusEvent<TDetail = unknown> extends EventBridgeEnvelope<string, TDetail> {
  version: '0';
}

/** Account and region written into locally synthesized events. */
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'local';

/**
 * The bucket name of the home folder in local mode: what synthesized S3 events and the local
 * runtime call Vigil's bucket, so that `s3://vigil-local/<key>` is `<home>/<key>`.
 */
export const LOCAL_BUCKET = 'vigil-local';
