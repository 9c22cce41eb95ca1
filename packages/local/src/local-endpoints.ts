import {
  type EndpointController,
  type EndpointDescription,
  type EndpointStatus,
  InputError,
  type ModelRegistry,
  ObjectNotFoundError,
  type ObjectStore,
} from '@vigil/core';
import { ENDPOINT_STATE_CHANGE_DETAIL_TYPE } from '@vigil/core/rollback';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './bus-event.ts';

/** A local endpoint: what it serves and the configs that exist, as SageMaker would know them. */
export interface LocalEndpoint {
  name: string;
  status: EndpointStatus;
  configName: string;
  pendingConfigName?: string;
  /** Every config that exists, with the model package ARNs its variants serve. */
  configs: Record<string, { modelPackages: string[] }>;
  /** Model packages rejected through this controller, with the reason. */
  rejected: { modelPackageArn: string; reason: string }[];
}

/** Where local endpoints live in the home store. */
export const LOCAL_ENDPOINT_PREFIX = 'local/endpoints';

/**
 * The EndpointController of local mode: endpoints are JSON files under `local/endpoints/` in the
 * home store. `deploy` plays a deployment and returns the "SageMaker Endpoint State Change"
 * event SageMaker would send (feed it to `trackEndpointEvent`); `switchConfig` is a rollback that
 * completes at once. Rejections go to the local model registry when one is given.
 *
 * @example
 * ```ts
 * const endpoints = new LocalEndpointController(home, { registry });
 * const event = await endpoints.deploy('churn-prod', 'churn-cfg-7', [v7Arn], clock.now());
 * await trackEndpointEvent({ store: home, clock, log }, event);
 * ```
 */
export class LocalEndpointController implements EndpointController {
  private readonly store: ObjectStore;
  private readonly registry: ModelRegistry | undefined;

  constructor(store: ObjectStore, options: { registry?: ModelRegistry } = {}) {
    this.store = store;
    this.registry = options.registry;
  }

  async describe(endpointName: string): Promise<EndpointDescription> {
    const endpoint = await this.read(endpointName);
    return {
      name: endpoint.name,
      status: endpoint.status,
      configName: endpoint.configName,
      ...(endpoint.pendingConfigName ? { pendingConfigName: endpoint.pendingConfigName } : {}),
    };
  }

  async configExists(configName: string): Promise<boolean> {
    for await (const endpoint of this.all()) if (configName in endpoint.configs) return true;
    return false;
  }

  async modelPackagesOf(configName: string): Promise<string[]> {
    for await (const endpoint of this.all()) {
      const config = endpoint.configs[configName];
      if (config) return [...config.modelPackages];
    }
    return [];
  }

  async switchConfig(endpointName: string, configName: string): Promise<void> {
    const endpoint = await this.read(endpointName);
    if (!(configName in endpoint.configs)) {
      throw new InputError(
        `Endpoint config "${configName}" does not exist for local endpoint ${endpointName}: deploy it first`,
      );
    }
    const { pendingConfigName: _, ...rest } = endpoint;
    await this.write({ ...rest, status: 'InService', configName });
  }

  async rejectModelPackage(modelPackageArn: string, reason: string): Promise<void> {
    if (this.registry) {
      await this.registry.updateApproval({
        arn: modelPackageArn,
        approvalStatus: 'Rejected',
        approvalDescription: reason.slice(0, 1024),
        customerMetadata: {},
      });
    }
    for await (const endpoint of this.all()) {
      const serves = Object.values(endpoint.configs).some((c) => c.modelPackages.includes(modelPackageArn));
      if (serves)
        await this.write({ ...endpoint, rejected: [...endpoint.rejected, { modelPackageArn, reason }] });
    }
  }

  /**
   * Deploys `configName` (creating the endpoint if needed) and returns the "SageMaker Endpoint
   * State Change" event of it reaching InService.
   */
  async deploy(endpointName: string, configName: string, modelPackages: string[], at: Date) {
    const existing = await this.find(endpointName);
    const endpoint: LocalEndpoint = {
      name: endpointName,
      status: 'InService',
      configName,
      configs: { ...(existing?.configs ?? {}), [configName]: { modelPackages } },
      rejected: existing?.rejected ?? [],
    };
    await this.write(endpoint);
    return endpointStateEvent(endpoint, at);
  }

  /** The endpoint as stored; throws `InputError` when there is none. */
  async read(endpointName: string): Promise<LocalEndpoint> {
    const endpoint = await this.find(endpointName);
    if (!endpoint) {
      throw new InputError(
        `No local endpoint "${endpointName}" under ${LOCAL_ENDPOINT_PREFIX}/: deploy it locally first (the demo does)`,
      );
    }
    return endpoint;
  }

  private async find(endpointName: string): Promise<LocalEndpoint | undefined> {
    try {
      const bytes = await this.store.get(`${LOCAL_ENDPOINT_PREFIX}/${endpointName}.json`);
      return JSON.parse(new TextDecoder().decode(bytes)) as LocalEndpoint;
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return undefined;
      throw error;
    }
  }

  private async write(endpoint: LocalEndpoint): Promise<void> {
    await this.store.put(
      `${LOCAL_ENDPOINT_PREFIX}/${endpoint.name}.json`,
      `${JSON.stringify(endpoint, null, 2)}\n`,
      'application/json',
    );
  }

  private async *all(): AsyncIterable<LocalEndpoint> {
    for await (const info of this.store.list(`${LOCAL_ENDPOINT_PREFIX}/`)) {
      if (!info.key.endsWith('.json')) continue;
      yield JSON.parse(new TextDecoder().decode(await this.store.get(info.key))) as LocalEndpoint;
    }
  }
}

/**
 * The "SageMaker Endpoint State Change" event of a local endpoint, in the documented shape
 * (UPPER_SNAKE status, epoch-millisecond times).
 *
 * @example
 * ```ts
 * await bus.put([endpointStateEvent(await endpoints.read('churn-prod'), clock.now())]);
 * ```
 */
export function endpointStateEvent(endpoint: LocalEndpoint, at: Date) {
  const arn = `arn:aws:sagemaker:${LOCAL_REGION}:${LOCAL_ACCOUNT}:endpoint/${endpoint.name.toLowerCase()}`;
  return {
    version: '0' as const,
    id: `local-endpoint-${endpoint.name}-${at.getTime().toString(16)}`,
    'detail-type': ENDPOINT_STATE_CHANGE_DETAIL_TYPE,
    source: 'aws.sagemaker',
    account: LOCAL_ACCOUNT,
    time: `${at.toISOString().slice(0, 19)}Z`,
    region: LOCAL_REGION,
    resources: [arn],
    detail: {
      EndpointName: endpoint.name,
      EndpointArn: arn,
      EndpointConfigName: endpoint.configName,
      ProductionVariants: [{ VariantName: 'AllTraffic', DesiredWeight: 1, DesiredInstanceCount: 1 }],
      EndpointStatus: endpoint.status.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
      CreationTime: at.getTime(),
      LastModifiedTime: at.getTime(),
      Tags: {},
    },
  };
}
