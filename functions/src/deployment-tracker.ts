import {
  ENDPOINT_DEPLOYMENT_STATE_CHANGE_DETAIL_TYPE,
  ENDPOINT_STATE_CHANGE_DETAIL_TYPE,
  trackEndpointEvent,
} from '@vigil/core/rollback';
import { assertEventBridge } from './shared/events.ts';
import { loadRuntime } from './shared/runtime.ts';

/** What the function returns. */
export interface DeploymentTrackerResult {
  outcome: 'applied' | 'duplicate' | 'out-of-order' | 'ignored';
  endpoint: string;
  current?: string;
  previous?: string;
}

/**
 * deployment-tracker: on "SageMaker Endpoint State Change" and "SageMaker Endpoint Deployment
 * State Change" (aws.sagemaker) keeps the record of each configured endpoint's current and
 * previous endpoint config and of a deployment in progress — what alarm-router rolls back to.
 * Events of endpoints Vigil does not monitor are ignored.
 */
export const handler = async (event: unknown): Promise<DeploymentTrackerResult> => {
  const envelope = assertEventBridge(event, {
    source: 'aws.sagemaker',
    detailType: [ENDPOINT_STATE_CHANGE_DETAIL_TYPE, ENDPOINT_DEPLOYMENT_STATE_CHANGE_DETAIL_TYPE],
  });
  const runtime = await loadRuntime();
  runtime.log.appendKeys({ eventId: envelope.id });
  const endpoint = String((envelope.detail as { EndpointName?: unknown }).EndpointName ?? '');
  if (!runtime.config.endpoints.some((e) => e.name === endpoint)) {
    runtime.log.info('Endpoint not monitored by Vigil: ignored', { endpoint });
    return { outcome: 'ignored', endpoint };
  }
  const result = await trackEndpointEvent(
    { store: runtime.store, clock: runtime.clock, log: runtime.log },
    envelope,
  );
  return {
    outcome: result.outcome,
    endpoint,
    current: result.record.current.configName,
    ...(result.record.previous ? { previous: result.record.previous.configName } : {}),
  };
};
