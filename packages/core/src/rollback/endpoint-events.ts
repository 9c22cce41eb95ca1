import { parseEventTime } from '../alerting/cloudwatch-time.ts';
import { EventShapeError } from '../errors/vigil-error.ts';
import type { EndpointStatus } from '../ports/endpoint-controller.ts';

export const ENDPOINT_STATE_CHANGE_DETAIL_TYPE = 'SageMaker Endpoint State Change';
export const ENDPOINT_DEPLOYMENT_STATE_CHANGE_DETAIL_TYPE = 'SageMaker Endpoint Deployment State Change';

/** What one SageMaker endpoint event says, normalised. */
export interface EndpointObservation {
  eventId: string;
  endpoint: string;
  status: EndpointStatus;
  /** The config serving now. */
  configName: string;
  /** The target of a deployment in progress (PendingDeploymentSummary), if any. */
  pendingConfigName?: string;
  /** The variant names of ProductionVariants, when the event names them. */
  variants?: string[];
  /** The ordering time: the event time, else LastModifiedTime. */
  at: Date;
}

const STATUSES: EndpointStatus[] = [
  'OutOfService',
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'InService',
  'Deleting',
  'Failed',
  'UpdateRollbackFailed',
];

/**
 * SageMaker's EndpointStatus in the API's spelling: events write `IN_SERVICE`, the API `InService`.
 * Undefined for a value SageMaker does not define.
 *
 * @example
 * ```ts
 * normalizeEndpointStatus('UPDATE_ROLLBACK_FAILED'); // 'UpdateRollbackFailed'
 * ```
 */
export function normalizeEndpointStatus(value: unknown): EndpointStatus | undefined {
  if (typeof value !== 'string') return undefined;
  const flat = value.replace(/_/g, '').toLowerCase();
  return STATUSES.find((s) => s.toLowerCase() === flat);
}

/**
 * Reads a "SageMaker Endpoint State Change" or "SageMaker Endpoint Deployment State Change"
 * event. Throws `EventShapeError` for any other event or a detail without EndpointName,
 * EndpointConfigName and a known EndpointStatus.
 *
 * @example
 * ```ts
 * const seen = parseEndpointEvent(event);
 * console.log(seen.endpoint, seen.status, seen.configName, seen.pendingConfigName);
 * ```
 */
export function parseEndpointEvent(event: unknown): EndpointObservation {
  const e = event as
    | {
        id?: unknown;
        source?: unknown;
        'detail-type'?: unknown;
        time?: unknown;
        detail?: Record<string, unknown>;
      }
    | undefined;
  const type = e?.['detail-type'];
  if (
    e?.source !== 'aws.sagemaker' ||
    (type !== ENDPOINT_STATE_CHANGE_DETAIL_TYPE && type !== ENDPOINT_DEPLOYMENT_STATE_CHANGE_DETAIL_TYPE)
  ) {
    throw new EventShapeError(
      `Expected "${ENDPOINT_STATE_CHANGE_DETAIL_TYPE}" or "${ENDPOINT_DEPLOYMENT_STATE_CHANGE_DETAIL_TYPE}" from aws.sagemaker: check the EventBridge rule`,
    );
  }
  const d = e.detail ?? {};
  const status = normalizeEndpointStatus(d.EndpointStatus);
  if (typeof d.EndpointName !== 'string' || typeof d.EndpointConfigName !== 'string' || !status) {
    throw new EventShapeError(
      'The endpoint event lacks detail.EndpointName, detail.EndpointConfigName or a known detail.EndpointStatus',
    );
  }
  const pending = (d.PendingDeploymentSummary as { EndpointConfigName?: unknown } | undefined)
    ?.EndpointConfigName;
  const at = parseEventTime(e.time) ?? parseEventTime(d.LastModifiedTime) ?? new Date(0);
  const variants = Array.isArray(d.ProductionVariants)
    ? (d.ProductionVariants as { VariantName?: unknown }[]).flatMap((v) =>
        typeof v?.VariantName === 'string' ? [v.VariantName] : [],
      )
    : [];
  return {
    eventId: typeof e.id === 'string' ? e.id : `${d.EndpointName}@${at.toISOString()}`,
    endpoint: d.EndpointName,
    status,
    configName: d.EndpointConfigName,
    ...(typeof pending === 'string' && pending !== d.EndpointConfigName
      ? { pendingConfigName: pending }
      : {}),
    ...(variants.length ? { variants } : {}),
    at,
  };
}
