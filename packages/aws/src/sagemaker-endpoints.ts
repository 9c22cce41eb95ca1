import type { EndpointController, EndpointDescription } from '@vigil/core';
import { normalizeEndpointStatus } from '@vigil/core/rollback';
import { SageMakerAdapter } from './sagemaker-client.ts';

/**
 * The EndpointController port over SageMaker: DescribeEndpoint, DescribeEndpointConfig,
 * DescribeModel, UpdateEndpoint (with RetainDeploymentConfig, so the endpoint keeps its
 * blue/green policy and alarms) and UpdateModelPackage (Rejected, with the reason).
 *
 * @example
 * ```ts
 * const controller = new SageMakerEndpointController();
 * if (await controller.configExists('churn-cfg-6')) await controller.switchConfig('churn-prod', 'churn-cfg-6');
 * ```
 */
export class SageMakerEndpointController extends SageMakerAdapter implements EndpointController {
  async describe(endpointName: string): Promise<EndpointDescription> {
    const { sdk, client } = await this.connection();
    const out = await client.send(new sdk.DescribeEndpointCommand({ EndpointName: endpointName }));
    const pending = out.PendingDeploymentSummary?.EndpointConfigName;
    return {
      name: out.EndpointName ?? endpointName,
      // An unknown future status is treated as "not in service": Vigil then alerts instead of acting.
      status: normalizeEndpointStatus(out.EndpointStatus) ?? 'OutOfService',
      configName: out.EndpointConfigName ?? '',
      ...(pending && pending !== out.EndpointConfigName ? { pendingConfigName: pending } : {}),
    };
  }

  async configExists(configName: string): Promise<boolean> {
    const { sdk, client } = await this.connection();
    try {
      await client.send(new sdk.DescribeEndpointConfigCommand({ EndpointConfigName: configName }));
      return true;
    } catch (error) {
      // SageMaker answers a missing config with ValidationException "Could not find endpoint configuration".
      const e = error as { name?: string; message?: string };
      if (e.name === 'ValidationException' && /could not find/i.test(e.message ?? '')) return false;
      throw error;
    }
  }

  async modelPackagesOf(configName: string): Promise<string[]> {
    return [...new Set(Object.values(await this.modelPackagesByVariant(configName)).flat())];
  }

  async modelPackagesByVariant(configName: string): Promise<Record<string, string[]>> {
    const { sdk, client } = await this.connection();
    const config = await client.send(
      new sdk.DescribeEndpointConfigCommand({ EndpointConfigName: configName }),
    );
    const byVariant: Record<string, string[]> = {};
    for (const variant of config.ProductionVariants ?? []) {
      if (!variant.ModelName || !variant.VariantName) continue;
      const model = await client.send(new sdk.DescribeModelCommand({ ModelName: variant.ModelName }));
      const packages: string[] = [];
      for (const container of [model.PrimaryContainer, ...(model.Containers ?? [])]) {
        if (container?.ModelPackageName && !packages.includes(container.ModelPackageName)) {
          packages.push(container.ModelPackageName);
        }
      }
      if (packages.length) byVariant[variant.VariantName] = packages;
    }
    return byVariant;
  }

  async switchConfig(endpointName: string, configName: string): Promise<void> {
    const { sdk, client } = await this.connection();
    await client.send(
      new sdk.UpdateEndpointCommand({
        EndpointName: endpointName,
        EndpointConfigName: configName,
        RetainDeploymentConfig: true,
      }),
    );
  }

  async rejectModelPackage(modelPackageArn: string, reason: string): Promise<void> {
    const { sdk, client } = await this.connection();
    await client.send(
      new sdk.UpdateModelPackageCommand({
        ModelPackageArn: modelPackageArn,
        ModelApprovalStatus: sdk.ModelApprovalStatus.REJECTED,
        ApprovalDescription: reason.length <= 1024 ? reason : `${reason.slice(0, 1021)}...`,
      }),
    );
  }
}
