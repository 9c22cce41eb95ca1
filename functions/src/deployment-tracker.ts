import { SageMakerEndpointController } from '@vigil/aws';
import type { EndpointController } from '@vigil/core';
import {
  ENDPOINT_DEPLOYMENT_STATE_CHANGE_DETAIL_TYPE,
  ENDPOINT_STATE_CHANGE_DETAIL_TYPE,
  trackEndpointEvent,
} from '@vigil/core/rollback';
import { eventBridgeHandler } from './shared/events.ts';
import { lambdaHandler } from './shared/lambda-handler.ts';
import { loadRuntime, type Runtime } from './shared/runtime.ts';

/** What the function returns. */
export interface DeploymentTrackerResult {
  outcome: 'applied' | 'duplicate' | 'out-of-order' | 'ignored';
  endpoint: string;
  current?: string;
  previous?: string;
}

/** What the tracker resolves model packages with, and the runtime it runs in; `vigil dev` passes local ones. */
export interface DeploymentTrackerDependencies {
  endpoints: Pick<EndpointController, 'modelPackagesOf'>;
  loadRuntime: () => Promise<Pick<Runtime, 'config' | 'store' | 'clock' | 'log'>>;
}

/**
 * A deployment-tracker handler over the given endpoint controller and runtime: SageMaker in AWS
 * (`handler`), the local endpoints in `vigil dev`.
 *
 * @example
 * ```ts
 * const track = createDeploymentTrackerHandler({ endpoints: localEndpoints, loadRuntime: async () => runtime });
 * ```
 */
export function createDeploymentTrackerHandler(
  deps: DeploymentTrackerDependencies,
): (event: unknown) => Promise<DeploymentTrackerResult> {
  return eventBridgeHandler(
    {
      source: 'aws.sagemaker',
      detailType: [ENDPOINT_STATE_CHANGE_DETAIL_TYPE, ENDPOINT_DEPLOYMENT_STATE_CHANGE_DETAIL_TYPE],
    },
    async (envelope) => {
      const runtime = await deps.loadRuntime();
      runtime.log.appendKeys({ eventId: envelope.id });
      const endpoint = String((envelope.detail as { EndpointName?: unknown }).EndpointName ?? '');
      if (!runtime.config.endpoints.some((e) => e.name === endpoint)) {
        runtime.log.info('Endpoint not monitored by Vigil: ignored', { endpoint });
        return { outcome: 'ignored', endpoint };
      }
      const result = await trackEndpointEvent(
        { store: runtime.store, clock: runtime.clock, log: runtime.log, endpoints: deps.endpoints },
        envelope,
      );
      return {
        outcome: result.outcome,
        endpoint,
        current: result.record.current.configName,
        ...(result.record.previous ? { previous: result.record.previous.configName } : {}),
      };
    },
  );
}

/**
 * deployment-tracker: on "SageMaker Endpoint State Change" and "SageMaker Endpoint Deployment
 * State Change" (aws.sagemaker) keeps the record of each configured endpoint's current and
 * previous endpoint config, of a deployment in progress — what alarm-router rolls back to — and
 * the history of the configs (with their model packages) that served, which every monitoring run
 * is attributed from. Events of endpoints Vigil does not monitor are ignored.
 */
export const handler = lambdaHandler(
  createDeploymentTrackerHandler({
    endpoints: new SageMakerEndpointController(),
    loadRuntime,
  }),
);
