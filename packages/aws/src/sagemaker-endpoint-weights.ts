import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { EndpointWeights, VariantWeight } from '@vigil/core';
import { EndpointWeightsError } from '@vigil/core/bandit';
import { type SageMakerConnection, sageMakerConnection } from './sagemaker-client.ts';

/**
 * The EndpointWeights port over SageMaker: `DescribeEndpoint` for the production variants' current
 * weights (normalised to shares), `UpdateEndpointWeightsAndCapacities` to set new ones. Only the
 * weights change; instance counts stay as they are. The SDK loads on first use.
 *
 * @example
 * ```ts
 * const weights = new SageMakerEndpointWeights();
 * await weights.update('churn', [{ variant: 'A', weight: 0.7 }, { variant: 'B', weight: 0.3 }]);
 * ```
 */
export class SageMakerEndpointWeights implements EndpointWeights {
  /** The SDK and the client, made on first use: importing a handler loads and builds neither. */
  readonly #sdk: () => Promise<SageMakerConnection>;

  constructor(options: { client?: SageMakerClient } = {}) {
    this.#sdk = sageMakerConnection(options.client);
  }

  async current(endpointName: string): Promise<VariantWeight[]> {
    const { sdk, client } = await this.#sdk();
    const out = await client.send(new sdk.DescribeEndpointCommand({ EndpointName: endpointName }));
    const variants = (out.ProductionVariants ?? []).filter((v) => v.VariantName);
    const total = variants.reduce((s, v) => s + (v.CurrentWeight ?? 0), 0);
    if (variants.length === 0 || !(total > 0)) {
      throw new EndpointWeightsError(
        `Endpoint "${endpointName}" reports no production variant with a weight: is it InService with data capture and variants?`,
      );
    }
    return variants.map((v) => ({
      variant: v.VariantName as string,
      weight: (v.CurrentWeight ?? 0) / total,
    }));
  }

  async update(endpointName: string, weights: readonly VariantWeight[]): Promise<void> {
    const { sdk, client } = await this.#sdk();
    await client.send(
      new sdk.UpdateEndpointWeightsAndCapacitiesCommand({
        EndpointName: endpointName,
        DesiredWeightsAndCapacities: weights.map((w) => ({
          VariantName: w.variant,
          DesiredWeight: w.weight,
        })),
      }),
    );
  }
}
