import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import { joinKey } from '../layout/keys.ts';
import { keySegment } from '../layout/names.ts';
import type { EndpointStatus } from '../ports/endpoint-controller.ts';
import type { ObjectStore } from '../ports/object-store.ts';

/** One endpoint config as the record knows it. */
export interface ConfigRef {
  configName: string;
  /** When it started serving, ISO UTC. */
  since: string;
  /** Its production variants, when the endpoint event named them. */
  variants?: string[];
  /** The model package versions its variants serve, when the tracker could resolve them. */
  modelPackageArns?: string[];
  /** The same per production variant (variant name → packages), when the controller tells them apart. */
  variantPackages?: Record<string, string[]>;
}

/**
 * What Vigil knows of an endpoint's deployments: the config serving now, the one before it
 * (the rollback target), a deployment in progress, and the configs Vigil rolled back away from
 * (never a rollback target again).
 */
export interface EndpointRecord {
  endpoint: string;
  status: EndpointStatus;
  current: ConfigRef;
  previous?: ConfigRef;
  deployment?: { targetConfigName: string; fromConfigName: string; startedAt: string };
  rolledBackFrom: string[];
  /** Set while Vigil's own rollback to this config is under way; cleared when it serves. */
  rollingBackTo?: string;
  /** Time of the newest event applied; older events are out of order and ignored. */
  lastEventAt: string;
  /** Ids of the last events applied, to drop duplicates. */
  recentEventIds: string[];
  /**
   * Every config that served, oldest first, each until the next one's `since`: what monitoring
   * runs are attributed from. Records written before it existed lack it.
   */
  history?: ConfigRef[];
}

/** Where records live in Vigil's store. */
export const ENDPOINT_RECORD_PREFIX = 'state/endpoints';

/**
 * The key of an endpoint's record.
 *
 * @example
 * ```ts
 * endpointRecordKey('churn-prod'); // 'state/endpoints/churn-prod.json'
 * ```
 */
export function endpointRecordKey(endpoint: string): string {
  return joinKey(ENDPOINT_RECORD_PREFIX, `${keySegment(endpoint, 'endpoint')}.json`);
}

/**
 * Reads an endpoint's record; undefined when Vigil has seen no event of it yet.
 *
 * @example
 * ```ts
 * const record = await readEndpointRecord(store, 'churn-prod');
 * console.log(record?.previous?.configName);
 * ```
 */
export async function readEndpointRecord(
  store: ObjectStore,
  endpoint: string,
): Promise<EndpointRecord | undefined> {
  try {
    return JSON.parse(
      new TextDecoder().decode(await store.get(endpointRecordKey(endpoint))),
    ) as EndpointRecord;
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
}

/**
 * Writes an endpoint's record.
 *
 * @example
 * ```ts
 * await writeEndpointRecord(store, { ...record, status: 'InService' });
 * ```
 */
export async function writeEndpointRecord(store: ObjectStore, record: EndpointRecord): Promise<void> {
  await store.put(
    endpointRecordKey(record.endpoint),
    `${JSON.stringify(record, null, 2)}\n`,
    'application/json',
  );
}
