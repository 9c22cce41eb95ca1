import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { ModelInvoker, ModelRecord } from '@vigil/core';
import { type ModelFormat, ModelInvocationError } from '@vigil/core/explain';
import { type BatchLimits, invokeInBatches } from './batched-invocation.ts';
import { awsClientConfig } from './client-config.ts';

export interface SageMakerInvokerOptions extends BatchLimits {
  endpointName: string;
  /** Request and response formats (Clarify's predictor settings); see `modelFormatFor`. */
  format: ModelFormat;
  client?: SageMakerRuntimeClient;
  /** Production variant or model (multi-model endpoints) to call. */
  targetVariant?: string;
  targetModel?: string;
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

  invoke(records: readonly ModelRecord[]): Promise<number[][]> {
    return invokeInBatches(records, this.#options.format, this.#options, (body) => this.#send(body));
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
