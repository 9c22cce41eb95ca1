import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { MonitoringExecutionDetail, MonitoringExecutionStatus } from './monitoring-execution.ts';

/** Where run records live in Vigil's store: `runs/<endpoint>/<monitoringType>/<window>.json`. */
export const RUN_RECORDS_PREFIX = 'runs';

/**
 * What a monitor run of one (endpoint, monitor, window) did, kept in Vigil's store (not in the
 * report folder, which holds SageMaker's files only). Written last, it is the report's completion
 * marker: the report at `detail.reportUri` is complete only when the record's status is Completed
 * or CompletedWithViolations; it says `InProgress` while the files are written.
 * `metricsPublished` and `eventPublished` make a retry of the same window skip what already happened.
 */
export interface RunRecord {
  version: 1;
  status: MonitoringExecutionStatus | 'InProgress';
  endpointName: string;
  monitoringType: MonitoringExecutionDetail['monitoringType'];
  windowStart: string;
  windowEnd: string;
  /** Report files written, by name. */
  files: string[];
  metricsPublished: boolean;
  eventPublished: boolean;
  /** When the attempt that wrote the record claimed the window (ISO-8601); see `claimRun`. */
  claimedAt?: string;
  detail: MonitoringExecutionDetail;
}

/** A report folder in a store. */
export interface ReportFolder {
  store: ObjectStore;
  /** Key prefix of the folder; '' or ending in '/'. */
  folder: string;
}

/** The store (and key prefix in it) that holds run records: Vigil's own store. */
export interface RunRecordStore {
  store: ObjectStore;
  /** Key prefix under which `runs/` lies; default ''. */
  prefix?: string;
  /**
   * A backfill re-runs windows that were settled before: their report and run record are replaced
   * (by compare-and-swap, so a concurrent attempt still loses cleanly), but metrics and the event
   * that already went out for the window are not sent twice (CloudWatch cannot take a data point
   * back; a second event would add a second model-card entry). Default false: a settled window is
   * a duplicate and nothing happens again.
   */
  replaceSettled?: boolean;
  /**
   * The variant, for the runs of an endpoint monitored per variant: each variant's window is
   * claimed on its own, `runs/<endpoint>/<monitoringType>/<variant>/<window>.json`.
   */
  variant?: string;
}

/** Identifies a run: endpoint, monitor and window. */
export type RunIdentity = Pick<
  MonitoringExecutionDetail,
  'endpointName' | 'monitoringType' | 'windowStart' | 'windowEnd'
>;

/**
 * The key of a run's record: one per (endpoint, monitor, window), and per variant for an endpoint
 * monitored per variant (`variant`, from the `RunRecordStore`).
 *
 * @example
 * ```ts
 * runRecordKey({ endpointName: 'churn', monitoringType: 'DataQuality',
 *   windowStart: '2024-05-01T12:00:00.000Z', windowEnd: '2024-05-01T13:00:00.000Z' });
 * // 'runs/churn/DataQuality/20240501T120000.000Z_20240501T130000.000Z.json'
 * ```
 */
export function runRecordKey(run: RunIdentity, prefix = '', variant?: string): string {
  const compact = (iso: string) => iso.replace(/[-:]/g, '');
  const folder = prefix === '' ? RUN_RECORDS_PREFIX : `${folderKey(prefix)}${RUN_RECORDS_PREFIX}`;
  const variantFolder = variant === undefined ? '' : `${encodeURIComponent(variant)}/`;
  return `${folder}/${encodeURIComponent(run.endpointName)}/${run.monitoringType}/${variantFolder}${compact(run.windowStart)}_${compact(run.windowEnd)}.json`;
}

/**
 * A folder key ending in '/' (or '') so that names can be appended.
 *
 * @example
 * ```ts
 * folderKey('reports/ep/data-quality/2024/05/01/13'); // 'reports/ep/data-quality/2024/05/01/13/'
 * ```
 */
export function folderKey(key: string): string {
  return key === '' || key.endsWith('/') ? key : `${key}/`;
}

/**
 * The record of a run, or undefined when none was written (or it is unreadable, which counts as
 * no record: the run is simply done again). A failed read throws.
 *
 * @example
 * ```ts
 * const record = await readRunRecord({ store }, detail);
 * record?.status; // 'Completed'
 * ```
 */
export async function readRunRecord(
  records: RunRecordStore,
  run: RunIdentity,
): Promise<RunRecord | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await records.store.get(runRecordKey(run, records.prefix, records.variant));
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
  return parseRunRecord(bytes);
}

/**
 * A stored run record, or undefined when the bytes are not one (an unreadable record is as good as
 * none: the window runs again).
 *
 * @example
 * ```ts
 * const record = parseRunRecord(await store.get(runRecordKey(detail)));
 * ```
 */
export function parseRunRecord(bytes: Uint8Array): RunRecord | undefined {
  try {
    const record = JSON.parse(new TextDecoder().decode(bytes)) as RunRecord;
    return record?.version === 1 && typeof record.status === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when `record` is a finished, announced run of the same endpoint, monitor and window as
 * `detail`: a retry or a duplicate schedule, which must not publish or announce again.
 *
 * @example
 * ```ts
 * if (isSettledRun(await readRunRecord(report), detail)) return; // already done
 * ```
 */
export function isSettledRun(record: RunRecord | undefined, detail: RunIdentity): boolean {
  return (
    record !== undefined &&
    sameWindow(record, detail) &&
    record.eventPublished &&
    (record.status === 'Completed' || record.status === 'CompletedWithViolations')
  );
}

/**
 * True when `record` is of the same endpoint, monitor and window as `detail`.
 *
 * @example
 * ```ts
 * sameWindow(record, detail) && record.metricsPublished; // metrics of this window are out already
 * ```
 */
export function sameWindow(record: RunIdentity, detail: RunIdentity): boolean {
  return (
    record.endpointName === detail.endpointName &&
    record.monitoringType === detail.monitoringType &&
    record.windowStart === detail.windowStart &&
    record.windowEnd === detail.windowEnd
  );
}

/**
 * Writes the record of a run.
 *
 * @example
 * ```ts
 * await writeRunRecord({ store }, { ...record, status: 'Completed' });
 * ```
 */
export async function writeRunRecord(records: RunRecordStore, record: RunRecord): Promise<void> {
  await records.store.put(
    runRecordKey(record, records.prefix, records.variant),
    `${JSON.stringify(record, null, 2)}\n`,
    'application/json',
  );
}
