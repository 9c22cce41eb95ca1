/** SageMaker's EndpointStatus, in the API's spelling (events say `IN_SERVICE`, normalised). */
export type EndpointStatus =
  | 'OutOfService'
  | 'Creating'
  | 'Updating'
  | 'SystemUpdating'
  | 'RollingBack'
  | 'InService'
  | 'Deleting'
  | 'Failed'
  | 'UpdateRollbackFailed';

/** What Vigil needs to know about a live endpoint before it acts on it. */
export interface EndpointDescription {
  name: string;
  status: EndpointStatus;
  /** The config serving traffic now. */
  configName: string;
  /** The config a deployment in progress is moving to. */
  pendingConfigName?: string;
}

/**
 * Describes endpoints and rolls them back: SageMaker in AWS, a JSON record in local mode.
 *
 * @example
 * ```ts
 * const endpoint = await controller.describe('churn-prod');
 * if (endpoint.status === 'InService' && (await controller.configExists('churn-cfg-6'))) {
 *   await controller.switchConfig('churn-prod', 'churn-cfg-6');
 * }
 * ```
 */
export interface EndpointController {
  describe(endpointName: string): Promise<EndpointDescription>;
  /** False when the config was deleted (DescribeEndpointConfig fails with a validation error). */
  configExists(configName: string): Promise<boolean>;
  /** The model package ARNs the config's variants serve (through their models); empty when none. */
  modelPackagesOf(configName: string): Promise<string[]>;
  /**
   * The same per production variant (variant name → packages), so that the run of one variant of an
   * A/B endpoint is credited to that variant's version only. Optional: without it a run names every
   * package of the config.
   */
  modelPackagesByVariant?(configName: string): Promise<Record<string, string[]>>;
  /** Points the endpoint at another config, reusing its last deployment config. */
  switchConfig(endpointName: string, configName: string): Promise<void>;
  /** Marks a model package version Rejected, with the reason as its approval description. */
  rejectModelPackage(modelPackageArn: string, reason: string): Promise<void>;
}
