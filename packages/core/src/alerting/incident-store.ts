import { ObjectNotFoundError, PreconditionFailedError } from '../errors/index.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { type IncidentRecord, incidentKey, mergeIncidentChange } from './incident.ts';

/** An endpoint's incident as read, with the version tag a conditional write names. */
export interface IncidentRead {
  incident: IncidentRecord | undefined;
  /** Undefined when no incident was stored: the next write must create it. */
  etag: string | undefined;
}

/** How often a write retries after losing to concurrent writers before giving up. */
const MAX_ATTEMPTS = 20;

/**
 * Reads an endpoint's incident and its version tag.
 *
 * @example
 * ```ts
 * const read = await readIncident(store, 'churn-prod');
 * ```
 */
export async function readIncident(store: ObjectStore, endpoint: string): Promise<IncidentRead> {
  try {
    const { body, etag } = await store.getVersioned(incidentKey(endpoint));
    return { incident: JSON.parse(new TextDecoder().decode(body)) as IncidentRecord, etag };
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return { incident: undefined, etag: undefined };
    throw error;
  }
}

/**
 * Writes `next` only if the incident is still the one `read` saw (create-only when there was none,
 * compare-and-swap otherwise). False when another event changed it first: the caller reads again
 * and decides on what that event did, which is how two alarms at once join one incident.
 *
 * @example
 * ```ts
 * if (!(await writeIncidentIfUnchanged(store, read, opened))) continue; // decide again
 * ```
 */
export async function writeIncidentIfUnchanged(
  store: ObjectStore,
  read: IncidentRead,
  next: IncidentRecord,
): Promise<boolean> {
  const key = incidentKey(next.endpoint);
  const body = serialize(next);
  if (read.etag === undefined) return store.putIfAbsent(key, body, 'application/json');
  try {
    await store.putIfMatch(key, body, read.etag, 'application/json');
    return true;
  } catch (error) {
    if (error instanceof PreconditionFailedError) return false;
    throw error;
  }
}

/**
 * Stores this event's change of the incident (`before` → `next`) without losing what concurrent
 * events wrote meanwhile: read, merge (`mergeIncidentChange`), compare-and-swap, again on conflict.
 * Returns the incident as stored.
 *
 * @example
 * ```ts
 * const stored = await saveIncidentChange(store, incident, recordMessage(incident, 'firing', id, now));
 * ```
 */
export async function saveIncidentChange(
  store: ObjectStore,
  before: IncidentRecord | undefined,
  next: IncidentRecord,
): Promise<IncidentRecord> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const read = await readIncident(store, next.endpoint);
    const merged = mergeIncidentChange(before, next, read.incident);
    if (await writeIncidentIfUnchanged(store, read, merged)) return merged;
  }
  throw new PreconditionFailedError(incidentKey(next.endpoint), {
    cause: new Error(
      `${MAX_ATTEMPTS} concurrent writers in a row changed the incident; the event is retried`,
    ),
  });
}

function serialize(incident: IncidentRecord): string {
  return `${JSON.stringify(incident, null, 2)}\n`;
}
