import type { RunRecordStore } from '../events/run-record.ts';
import type { SettledRun } from '../events/settle-run.ts';
import type { Log } from '../ports/log.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import { updateRunIndex } from './update-run-index.ts';

/**
 * The last step of a run: its summary goes into the run index the dashboard reads. Only a run
 * that was settled now (not a duplicate of a settled window) and that has Vigil's store for
 * records is indexed. Best effort: an index that cannot be written is logged, never turns a
 * settled run into a failure (its record and report are the truth; the index is a view of them).
 *
 * @example
 * ```ts
 * const settled = await settleRun(ports, report, outcome, label, records);
 * await indexSettledRun(records, settled, outcome, ports.log);
 * ```
 */
export async function indexSettledRun(
  records: RunRecordStore | undefined,
  settled: SettledRun,
  run: { files?: readonly { name: string; body: string }[]; datums?: readonly MetricDatum[] },
  log: Log,
): Promise<void> {
  if (!records || settled.duplicate) return;
  try {
    await updateRunIndex(records, settled.detail, run.files, run.datums);
  } catch (error) {
    log.warn('Run index not updated', {
      endpoint: settled.detail.endpointName,
      monitoringType: settled.detail.monitoringType,
      reason: (error as Error).message,
    });
  }
}
