import type { ModelRecord } from '../ports/model-invoker.ts';
import { encodeRecord, joinRecordTexts, type ModelFormat } from './model-codec.ts';

/** One request body and the records it carries (records[start, end)). */
export interface RequestBatch {
  start: number;
  end: number;
  body: string;
}

/** SageMaker Runtime's InvokeEndpoint payload limit. */
export const SAGEMAKER_MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * Splits records into request bodies of at most `maxBytes` (UTF-8) and `maxRecords` records each,
 * so many records travel per request within the endpoint's payload limit. A single record larger
 * than the limit still gets its own request (the endpoint will refuse it and say so).
 *
 * @example
 * ```ts
 * batchRequests(rows, { contentType: 'text/csv', acceptType: 'text/csv' }, { maxBytes: 6 * 1024 * 1024 });
 * // [{ start: 0, end: 5000, body: '…' }, { start: 5000, end: 8000, body: '…' }]
 * ```
 */
export function batchRequests(
  records: readonly ModelRecord[],
  format: ModelFormat,
  limits: { maxBytes?: number; maxRecords?: number } = {},
): RequestBatch[] {
  const maxBytes = limits.maxBytes ?? SAGEMAKER_MAX_PAYLOAD_BYTES;
  const maxRecords = limits.maxRecords ?? 10_000;
  const envelope = utf8Length(joinRecordTexts([], format));
  const batches: RequestBatch[] = [];
  let texts: string[] = [];
  let start = 0;
  let bytes = envelope;
  for (let i = 0; i < records.length; i++) {
    const text = encodeRecord(records[i]!, format);
    // Each record after the first adds a separator (newline or comma).
    const size = utf8Length(text) + (texts.length > 0 ? 1 : 0);
    if (texts.length > 0 && (bytes + size > maxBytes || texts.length >= maxRecords)) {
      batches.push({ start, end: i, body: joinRecordTexts(texts, format) });
      texts = [];
      start = i;
      bytes = envelope;
      bytes += size - 1;
    } else {
      bytes += size;
    }
    texts.push(text);
  }
  if (texts.length > 0) batches.push({ start, end: records.length, body: joinRecordTexts(texts, format) });
  return batches;
}

// UTF-8 byte length without allocating: ASCII text (the usual case) is one byte per code unit.
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Runs `task` over `items` with at most `limit` in flight, keeping results in input order.
 *
 * @example
 * ```ts
 * const outputs = await mapWithConcurrency(batches, 4, (batch) => send(batch));
 * ```
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
