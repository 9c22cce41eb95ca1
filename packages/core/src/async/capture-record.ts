import { sha256Hex } from '../hashing/sha256.ts';
import { joinKey } from '../layout/keys.ts';
import { keySegment } from '../layout/names.ts';
import { hourPath } from '../window/window.ts';
import type { AsyncInferenceNotification } from './notification.ts';

/** A payload read from S3, with the content type it was sent or answered with. */
export interface AsyncPayload {
  bytes: Uint8Array;
  contentType?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The payload as data capture would carry it: CSV and JSON as text with their encoding, anything
 * else (or text that is not UTF-8) base64-encoded.
 */
function capturedPayload(payload: AsyncPayload, mode: 'INPUT' | 'OUTPUT') {
  const type = payload.contentType ?? 'application/octet-stream';
  const base = type.split(';')[0]?.trim().toLowerCase() ?? '';
  const encoding =
    base === 'text/csv' ? 'CSV' : base.endsWith('json') || base.endsWith('jsonlines') ? 'JSON' : 'BASE64';
  if (encoding !== 'BASE64') {
    try {
      return { observedContentType: type, mode, data: utf8.decode(payload.bytes).trim(), encoding };
    } catch {
      // Not UTF-8 after all: carried as bytes below.
    }
  }
  let binary = '';
  for (const byte of payload.bytes) binary += String.fromCharCode(byte);
  return { observedContentType: type, mode, data: btoa(binary), encoding: 'BASE64' };
}

/**
 * The data-capture line of one completed asynchronous inference: the request read from its
 * InputLocation and the response from its OutputLocation, joined by the notification's inference
 * id, in SageMaker's capture format, so that profiles and every monitor read it as they read real-time
 * capture. The inference time is when SageMaker received the request.
 *
 * @example
 * ```ts
 * const line = asyncCaptureLine(notification, { bytes: input, contentType: 'text/csv' }, { bytes: output });
 * ```
 */
export function asyncCaptureLine(
  notification: AsyncInferenceNotification,
  input: AsyncPayload,
  output: AsyncPayload,
): string {
  return JSON.stringify({
    captureData: {
      endpointInput: capturedPayload({ contentType: notification.inputContentType, ...input }, 'INPUT'),
      endpointOutput: capturedPayload({ contentType: notification.outputContentType, ...output }, 'OUTPUT'),
    },
    eventMetadata: {
      eventId: notification.inferenceId,
      inferenceId: notification.inferenceId,
      inferenceTime: `${notification.receivedTime.toISOString().slice(0, 19)}Z`,
    },
    eventVersion: '0',
  });
}

/** A file-name-safe name of an inference id: itself when plain, else its SHA-256. */
function idPart(inferenceId: string): string {
  return /^[A-Za-z0-9._-]{1,100}$/.test(inferenceId) ? inferenceId : sha256Hex(inferenceId).slice(0, 40);
}

/**
 * Where the capture line of one asynchronous inference goes: the hour folder of its received
 * time, `{capture}/{endpoint}/{variant}/yyyy/mm/dd/hh/{MM}-{SS}-{mmm}-{inference id}.jsonl` as
 * SageMaker names capture files. One file per inference, named by its id, so a notification
 * delivered twice writes the same file again instead of counting twice.
 *
 * @example
 * ```ts
 * asyncCaptureKey('capture', 'ep', 'AllTraffic', notification);
 * // 'capture/ep/AllTraffic/2022/01/25/22/46-00-455-11111111-2222-3333-4444-555555555555.jsonl'
 * ```
 */
export function asyncCaptureKey(
  capture: string,
  endpoint: string,
  variant: string,
  notification: Pick<AsyncInferenceNotification, 'inferenceId' | 'receivedTime'>,
): string {
  const iso = notification.receivedTime.toISOString();
  const name = `${iso.slice(14, 16)}-${iso.slice(17, 19)}-${iso.slice(20, 23)}-${idPart(notification.inferenceId)}.jsonl`;
  return joinKey(
    capture,
    keySegment(endpoint, 'endpoint'),
    keySegment(variant, 'variant'),
    hourPath(notification.receivedTime),
    name,
  );
}

/** Where failed asynchronous inferences are recorded in Vigil's store. */
export const ASYNC_ERRORS_PREFIX = 'async-errors';

/**
 * The key of the record of one failed asynchronous inference, in the hour folder of its received
 * time: `async-errors/{endpoint}/{variant}/yyyy/mm/dd/hh/{inference id}.json` (one per id, so a
 * repeated notification is counted once).
 *
 * @example
 * ```ts
 * asyncErrorKey('ep', 'AllTraffic', notification); // 'async-errors/ep/AllTraffic/2022/01/25/22/1111….json'
 * ```
 */
export function asyncErrorKey(
  endpoint: string,
  variant: string,
  notification: Pick<AsyncInferenceNotification, 'inferenceId' | 'receivedTime'>,
): string {
  return joinKey(
    ASYNC_ERRORS_PREFIX,
    keySegment(endpoint, 'endpoint'),
    keySegment(variant, 'variant'),
    hourPath(notification.receivedTime),
    `${idPart(notification.inferenceId)}.json`,
  );
}

/**
 * The record of a failed asynchronous inference: its id, times, reason and locations, never a payload.
 *
 * @example
 * ```ts
 * await store.put(asyncErrorKey(ep, variant, n), asyncErrorRecord(n), 'application/json');
 * ```
 */
export function asyncErrorRecord(notification: AsyncInferenceNotification): string {
  return `${JSON.stringify(
    {
      inferenceId: notification.inferenceId,
      endpointName: notification.endpointName,
      receivedTime: notification.receivedTime.toISOString(),
      eventTime: notification.eventTime.toISOString(),
      failureReason: notification.failureReason ?? null,
      inputLocation: notification.inputLocation,
      failureLocation: notification.failureLocation ?? null,
    },
    null,
    2,
  )}\n`;
}
