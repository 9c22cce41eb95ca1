import type { Clock } from '../ports/clock.ts';
import type { EndpointController } from '../ports/endpoint-controller.ts';
import type { Log } from '../ports/log.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { type EndpointObservation, parseEndpointEvent } from './endpoint-events.ts';
import {
  type ConfigRef,
  type EndpointRecord,
  readEndpointRecord,
  writeEndpointRecord,
} from './endpoint-record.ts';
import { servedHistory } from './served-by.ts';

/** How many event ids a record remembers to drop duplicates. */
const REMEMBERED_EVENTS = 20;
/** How many served configs a record keeps for attribution; deployments are rare, so this is years. */
const REMEMBERED_CONFIGS = 500;

/** What tracking one event did. */
export type TrackOutcome =
  | { outcome: 'applied'; record: EndpointRecord; configChanged: boolean }
  | { outcome: 'duplicate' | 'out-of-order'; record: EndpointRecord };

/**
 * Applies one observation to an endpoint's record (pure): a new serving config moves the
 * current one to `previous`; a pending deployment is remembered until the endpoint is in
 * service again. Duplicates (same event id) and events older than the newest applied one change
 * nothing, so SageMaker's repeated and late events are harmless.
 *
 * @example
 * ```ts
 * const result = applyEndpointObservation(record, parseEndpointEvent(event));
 * ```
 */
export function applyEndpointObservation(
  record: EndpointRecord | undefined,
  seen: EndpointObservation,
): TrackOutcome {
  if (record?.recentEventIds.includes(seen.eventId)) return { outcome: 'duplicate', record };
  if (record && seen.at.getTime() < Date.parse(record.lastEventAt))
    return { outcome: 'out-of-order', record };
  const at = seen.at.toISOString();
  const serving: ConfigRef = {
    configName: seen.configName,
    since: at,
    ...(seen.variants ? { variants: seen.variants } : {}),
  };
  const base: EndpointRecord = record ?? {
    endpoint: seen.endpoint,
    status: seen.status,
    current: serving,
    rolledBackFrom: [],
    lastEventAt: at,
    recentEventIds: [],
    history: [serving],
  };
  // While Vigil's rollback runs, SageMaker still reports the old config as serving: the record
  // already says where the endpoint is going, so only the end of the rollback changes it.
  const rollingBack =
    base.rollingBackTo !== undefined && (seen.status === 'Updating' || seen.status === 'SystemUpdating');
  const configChanged = !rollingBack && base.current.configName !== seen.configName;
  const next: EndpointRecord = {
    ...base,
    status: seen.status,
    ...(configChanged
      ? {
          current: serving,
          previous: base.current,
          history: [...servedHistory(base), serving].slice(-REMEMBERED_CONFIGS),
        }
      : {}),
    lastEventAt: at,
    recentEventIds: [...base.recentEventIds, seen.eventId].slice(-REMEMBERED_EVENTS),
  };
  if (!rollingBack) delete next.rollingBackTo;
  // The pending config of Vigil's own update is the rollback, not a deployment.
  if (seen.pendingConfigName && !rollingBack) {
    next.deployment =
      base.deployment?.targetConfigName === seen.pendingConfigName
        ? base.deployment
        : { targetConfigName: seen.pendingConfigName, fromConfigName: seen.configName, startedAt: at };
  } else if (
    seen.status === 'InService' ||
    seen.status === 'Failed' ||
    seen.status === 'UpdateRollbackFailed'
  ) {
    delete next.deployment;
  }
  return { outcome: 'applied', record: next, configChanged };
}

/**
 * The deployment-tracker job: keeps the record of an endpoint's current and previous config
 * from "SageMaker Endpoint State Change" and "SageMaker Endpoint Deployment State Change" events.
 * Throws `EventShapeError` for any other event.
 *
 * @example
 * ```ts
 * const result = await trackEndpointEvent({ store, clock, log }, event);
 * log.info('endpoint tracked', { outcome: result.outcome });
 * ```
 */
export async function trackEndpointEvent(
  ports: {
    store: ObjectStore;
    clock: Clock;
    log: Log;
    /** Resolves the model packages a config serves, so runs can be attributed to versions. */
    endpoints?: Pick<EndpointController, 'modelPackagesOf' | 'modelPackagesByVariant'>;
  },
  event: unknown,
): Promise<TrackOutcome> {
  const seen = parseEndpointEvent(event);
  const result = applyEndpointObservation(await readEndpointRecord(ports.store, seen.endpoint), seen);
  if (result.outcome === 'applied') {
    await resolvePackages(ports, result.record);
    await writeEndpointRecord(ports.store, result.record);
  }
  ports.log.info('endpoint event tracked', {
    endpoint: seen.endpoint,
    status: seen.status,
    outcome: result.outcome,
    current: result.record.current.configName,
    previous: result.record.previous?.configName,
    deploymentTo: result.record.deployment?.targetConfigName,
  });
  return result;
}

/** Fills in the model packages of the serving config (once per config); best effort, as attribution can do without. */
async function resolvePackages(
  ports: { endpoints?: Pick<EndpointController, 'modelPackagesOf' | 'modelPackagesByVariant'>; log: Log },
  record: EndpointRecord,
): Promise<void> {
  const last = record.history?.at(-1);
  if (!ports.endpoints || !last || last.modelPackageArns || last.configName !== record.current.configName)
    return;
  try {
    const byVariant = await ports.endpoints.modelPackagesByVariant?.(last.configName);
    const arns = byVariant
      ? [...new Set(Object.values(byVariant).flat())]
      : await ports.endpoints.modelPackagesOf(last.configName);
    if (arns.length === 0) return;
    // Only an A/B config needs the split: with one variant the flat list is exact.
    const variantPackages =
      byVariant && Object.keys(byVariant).length > 1 ? { variantPackages: byVariant } : {};
    Object.assign(last, { modelPackageArns: arns }, variantPackages);
    record.current = { ...record.current, modelPackageArns: arns, ...variantPackages };
  } catch (error) {
    ports.log.warn('model packages of the endpoint config unknown; runs will name the config only', {
      endpoint: record.endpoint,
      config: last.configName,
      error: (error as Error).message,
    });
  }
}
