import type { ModelRecord } from '@vigil/core';
import {
  batchRequests,
  decodeOutputs,
  type ModelFormat,
  mapWithConcurrency,
  SAGEMAKER_MAX_PAYLOAD_BYTES,
} from '@vigil/core/explain';

/** How a model invoker splits its records into requests. */
export interface BatchLimits {
  /** Largest request body; default SageMaker's 6 MB limit. */
  maxPayloadBytes?: number;
  /** Records per request at most; default 1,000. */
  maxRecordsPerRequest?: number;
  /** Requests in flight at once; default 4, so explanations leave capacity for live traffic. */
  concurrency?: number;
}

/**
 * Scores `records` through `send`, which posts one request body and answers the model's response
 * text: many records per request within the payload limit, a bounded number of requests in
 * flight, and the decoded outputs back in record order. What SageMakerInvoker and
 * httpModelInvoker share; only their transport differs.
 *
 * @example
 * ```ts
 * const outputs = await invokeInBatches(rows, format, { concurrency: 2 }, (body) => post(url, body));
 * ```
 */
export async function invokeInBatches(
  records: readonly ModelRecord[],
  format: ModelFormat,
  limits: BatchLimits,
  send: (body: string) => Promise<string>,
): Promise<number[][]> {
  const batches = batchRequests(records, format, {
    maxBytes: limits.maxPayloadBytes ?? SAGEMAKER_MAX_PAYLOAD_BYTES,
    maxRecords: limits.maxRecordsPerRequest ?? 1_000,
  });
  const answers = await mapWithConcurrency(batches, limits.concurrency ?? 4, async (batch) =>
    decodeOutputs(await send(batch.body), format, batch.end - batch.start),
  );
  return answers.flat();
}
