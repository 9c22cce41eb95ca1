import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { ModelInvoker, ModelRecord } from '@vigil/core';
import {
  batchRequests,
  decodeOutputs,
  type ModelFormat,
  ModelInvocationError,
  mapWithConcurrency,
  SAGEMAKER_MAX_PAYLOAD_BYTES,
} from '@vigil/core/explain';
import { awsClientConfig } from './client-config.ts';

export interface SageMakerInvokerOptions {
  endpointName: string;
  /** Request and response formats (Clarify's predictor settings); see `modelFormatFor`. */
  format: ModelFormat;
  client?: SageMakerRuntimeClient;
  /** Production variant or model (multi-model endpoints) to call. */
  targetVariant?: string;
  targetModel?: string;
  /** Largest request body; default SageMaker's 6 MB limit. */
  maxPayloadBytes?: number;
  /** Records per request at most; default 1,000. */
  maxRecordsPerRequest?: number;
  /** Requests in flight at once; default 4, so explanations leave capacity for live traffic. */
  concurrency?: number;
}

/**
 * A ModelInvoker over a SageMaker endpoint (SageMaker Runtime InvokeEndpoint): many records per
 * request within the 6 MB payload limit, a bounded number of requests in flight, and retries with
 * exponential backoff and jitter on throttling and 5xx answers.
 *
 * @example
 * ```ts
 * const invoker = new SageMakerInvoker({ endpointName: 'churn', format: modelFormatFor(config.predictor) });
 * const outputs = await invoker.invoke(rows); // [[0.91], [0.12], ...]
 * ```
 */
export class SageMakerInvoker implements ModelInvoker {
  readonly #options: SageMakerInvokerOptions;
  readonly #client: SageMakerRuntimeClient;

  constructor(options: SageMakerInvokerOptions) {
    this.#options = options;
    this.#client = options.client ?? new SageMakerRuntimeClient(awsClientConfig());
  }

  async invoke(records: readonly ModelRecord[]): Promise<number[][]> {
    const { format } = this.#options;
    const batches = batchRequests(records, format, {
      maxBytes: this.#options.maxPayloadBytes ?? SAGEMAKER_MAX_PAYLOAD_BYTES,
      maxRecords: this.#options.maxRecordsPerRequest ?? 1_000,
    });
    const answers = await mapWithConcurrency(batches, this.#options.concurrency ?? 4, async (batch) => {
      const body = await this.#send(batch.body);
      return decodeOutputs(body, format, batch.end - batch.start);
    });
    return answers.flat();
  }

  async #send(body: string): Promise<string> {
    const { endpointName, format } = this.#options;
    try {
      const response = await this.#client.send(
        new InvokeEndpointCommand({
          EndpointName: endpointName,
          ContentType: format.contentType,
          Accept: format.acceptType,
          Body: new TextEncoder().encode(body),
          TargetVariant: this.#options.targetVariant,
          TargetModel: this.#options.targetModel,
        }),
      );
      return new TextDecoder().decode(response.Body);
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      throw new ModelInvocationError(
        `InvokeEndpoint on ${endpointName} failed (${(error as Error).name}): check that the endpoint is InService and that the role may call sagemaker:InvokeEndpoint`,
        { cause: error, status },
      );
    }
  }
}
