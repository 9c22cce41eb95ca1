import type { CaptureRecord } from '../capture/types.ts';

/**
 * Where the extract of one capture object is written, beside its profile (see `profileKeyFor`).
 * Derived from the object key alone, so a retried event overwrites the same extract.
 *
 * @example
 * ```ts
 * extractKeyFor('capture/ep/AllTraffic/2024/05/01/13/05-01-123-uuid.jsonl');
 * // 'extracts/capture/ep/AllTraffic/2024/05/01/13/05-01-123-uuid.jsonl.extract.jsonl'
 * ```
 */
export function extractKeyFor(captureKey: string): string {
  return `extracts/${captureKey}.extract.jsonl`;
}

/** The capture key an extract key was derived from, or undefined for a key of another shape. */
export function captureKeyOfExtract(extractKey: string): string | undefined {
  if (!extractKey.startsWith('extracts/') || !extractKey.endsWith('.extract.jsonl')) return undefined;
  return extractKey.slice('extracts/'.length, -'.extract.jsonl'.length);
}

/**
 * The key that joins sub-record `row` of a captured request to its ground-truth label.
 *
 * - The base id is the capture's `inferenceId` when present, else its `eventId` — as SageMaker's
 *   merge job joins.
 * - A single-record request is keyed by the base id alone.
 * - Sub-record i (0-based) of a multi-record request is keyed `<base id>#<i>`. Its label is either a
 *   line whose `eventMetadata.eventId` is `<base id>#<i>`, or line i of a multi-line label whose
 *   eventId is the base id (`"data":"1\n0"` labels sub-records 0 and 1).
 * - A batch transform row that carries its own id (`SageMakerInferenceId`) is keyed by that id.
 *
 * @example
 * ```ts
 * predictionKey({ eventId: 'e', inferenceId: '95', inputs: [[1], [2]], … }, 1); // '95#1'
 * ```
 */
export function predictionKey(record: CaptureRecord, row: number): string {
  const own = record.rowIds?.[row];
  if (own !== undefined) return own;
  const base = record.inferenceId ?? record.eventId;
  return record.inputs.length === 1 ? base : `${base}#${row}`;
}
