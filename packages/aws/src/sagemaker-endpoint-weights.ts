import type { EndpointWeights, VariantWeight } from '@vigil/core';
import { EndpointWeightsError } from '@vigil/core/bandit';
import { SageMakerAdapter } from './sagemaker-client.ts';

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
export class SageMakerEndpointWeights extends SageMakerAdapter implements EndpointWeights {
  async current(endpointName: string): Promise<VariantWeight[]> {
    const { sdk, client } = await this.connection();
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
    const { sdk, client } = await this.connection();
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
