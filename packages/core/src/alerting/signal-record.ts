import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import { joinKey } from '../layout/keys.ts';
import { keySegment } from '../layout/names.ts';
import type { AlertSeverity, AlertSignal } from '../ports/notifier.ts';
import type { ObjectStore } from '../ports/object-store.ts';

/** The last known state of one signal (an alarm, or a monitor's runs) of an endpoint. */
export interface SignalRecord {
  signal: AlertSignal;
  /** Whether this signal currently counts as a problem (ALARM, a failed or violating run). */
  firing: boolean;
  severity: AlertSeverity;
  /** When the state changed; events older than this are out of order. */
  changedAt: string;
  eventId: string;
  /** Whether the signal fired before this event: a retry of an unsettled event decides from it. */
  priorFiring: boolean;
  /** False until the event's decision (incident, claims, pending delivery) is stored. */
  settled: boolean;
}

/** Where signal records live: `alerting/signals/<endpoint>/<source>.json`. */
export const SIGNAL_PREFIX = 'alerting/signals';

/**
 * The key of one signal's record.
 *
 * @example
 * ```ts
 * signalKey('churn-prod', 'vigil-churn-prod-data-quality-violations');
 * ```
 */
export function signalKey(endpoint: string, source: string): string {
  return joinKey(SIGNAL_PREFIX, keySegment(endpoint, 'endpoint'), `${encodeURIComponent(source)}.json`);
}

/**
 * Reads one signal's record; undefined when never seen.
 *
 * @example
 * ```ts
 * const last = await readSignal(store, 'churn-prod', alarmName);
 * ```
 */
export async function readSignal(
  store: ObjectStore,
  endpoint: string,
  source: string,
): Promise<SignalRecord | undefined> {
  return readJson<SignalRecord>(store, signalKey(endpoint, source));
}

/**
 * Every signal record of an endpoint.
 *
 * @example
 * ```ts
 * const firing = (await readSignals(store, 'churn-prod')).filter((s) => s.firing);
 * ```
 */
export async function readSignals(store: ObjectStore, endpoint: string): Promise<SignalRecord[]> {
  const records: SignalRecord[] = [];
  for await (const info of store.list(`${joinKey(SIGNAL_PREFIX, endpoint)}/`)) {
    const record = await readJson<SignalRecord>(store, info.key);
    if (record) records.push(record);
  }
  return records;
}

/**
 * Writes one signal's record.
 *
 * @example
 * ```ts
 * await writeSignal(store, 'churn-prod', record);
 * ```
 */
export async function writeSignal(store: ObjectStore, endpoint: string, record: SignalRecord): Promise<void> {
  await store.put(signalKey(endpoint, record.signal.source), JSON.stringify(record), 'application/json');
}

/**
 * Reads a JSON object; undefined when absent.
 *
 * @example
 * ```ts
 * const incident = await readJson<IncidentRecord>(store, incidentKey('churn-prod'));
 * ```
 */
export async function readJson<T>(store: ObjectStore, key: string): Promise<T | undefined> {
  try {
    return JSON.parse(new TextDecoder().decode(await store.get(key))) as T;
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
}
