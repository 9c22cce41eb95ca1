import { PreconditionFailedError } from '../errors/precondition-failed-error.ts';
import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import type { MonitoringExecutionDetail } from '../events/monitoring-execution.ts';
import type { RunRecordStore } from '../events/run-record.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import { appendRunSummary, runIndexKey } from './run-index.ts';
import { summarizeRun } from './run-summary.ts';

/** How often a write that lost a race with another run's append is tried again. */
const MAX_APPEND_ATTEMPTS = 25;

/**
 * Appends a settled run to its endpoint's and monitor's run index in Vigil's store, with a
 * compare-and-swap write (`putIfMatch`, S3's `If-Match`; `putIfAbsent` for the first line) so two
 * runs settling at once never drop each other's line. Returns the index key.
 *
 * @example
 * ```ts
 * await updateRunIndex({ store }, settled.detail, verdict.files);
 * ```
 */
export async function updateRunIndex(
  records: RunRecordStore,
  detail: MonitoringExecutionDetail,
  files: readonly { name: string; body: string }[] = [],
  datums: readonly MetricDatum[] = [],
): Promise<string> {
  const key = runIndexKey(detail.endpointName, detail.monitoringType, records.prefix);
  const summary = summarizeRun(detail, files, datums);
  for (let attempt = 1; ; attempt++) {
    let current: { body: Uint8Array; etag: string } | undefined;
    try {
      current = await records.store.getVersioned(key);
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
    }
    try {
      if (current === undefined) {
        const created = await records.store.putIfAbsent(
          key,
          appendRunSummary(undefined, summary),
          'application/x-ndjson',
        );
        if (created) return key;
      } else {
        const text = new TextDecoder().decode(current.body);
        await records.store.putIfMatch(
          key,
          appendRunSummary(text, summary),
          current.etag,
          'application/x-ndjson',
        );
        return key;
      }
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
    if (attempt >= MAX_APPEND_ATTEMPTS) throw new PreconditionFailedError(key);
  }
}
