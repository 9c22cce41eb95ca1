import { RunInProgressError } from '../errors/run-in-progress-error.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { Log } from '../ports/log.ts';
import type { MetricDatum, MetricSink } from '../ports/metric-sink.ts';
import { claimRun } from './claim-run.ts';
import type { MonitoringExecutionDetail } from './monitoring-execution.ts';
import { publishExecution } from './publish-execution.ts';
import {
  folderKey,
  isSettledRun,
  type ReportFolder,
  type RunRecord,
  type RunRecordStore,
  sameWindow,
  writeRunRecord,
} from './run-record.ts';

/** The ports that settle a run. */
export interface SettleRunPorts {
  metrics: MetricSink;
  events: EventPublisher;
  clock: Clock;
  log: Log;
}

/** What a run computed: its event detail (status settled), report files and metrics. */
export interface RunOutcome {
  detail: MonitoringExecutionDetail;
  /** Report files by name, written into the report folder. */
  files?: readonly { name: string; body: string; contentType?: string }[];
  metrics?: readonly MetricDatum[];
}

/** How a run ended. */
export interface SettledRun {
  /** The detail that was announced (Failed with the reason when a step failed). */
  detail: MonitoringExecutionDetail;
  /** Keys written in the report folder. */
  written: string[];
  /** Metrics this call published (0 when a previous attempt of the window already had). */
  metricsPublished: number;
  /** True when the window had already been settled: nothing was written, published or announced. */
  duplicate: boolean;
}

/**
 * Ends a monitor run in exactly one of Completed, CompletedWithViolations or Failed, with its
 * "Vigil Monitoring Execution" event, whatever fails underneath, and at most once per
 * (endpoint, monitor, window) when `records` (Vigil's store) is given:
 *
 * 1. The window is claimed with a conditional write of an `InProgress` run record (`claimRun`): a
 *    window already settled and announced makes this a duplicate, and nothing happens again (a
 *    Lambda retry, a duplicate schedule); another attempt's fresh claim throws
 *    `RunInProgressError`, so two concurrent attempts never both publish (the loser retries later).
 * 2. The report files are written, then the record is committed
 *    with the final status: it is the report's completion marker, so a half-written report never
 *    looks complete (S3 and the local store both write each object whole).
 * 3. Metrics are published unless an earlier attempt of the window recorded them (a Failed outcome
 *    may still carry metrics, e.g. the bias metrics of a run whose baseline was unreadable).
 * 4. The event is published and recorded (not again when a backfill, `records.replaceSettled`,
 *    re-ran a window that was settled and announced: its report and record are replaced, no more). A failure in 2 or 3 turns the run Failed with the
 *    reason; a failure to publish the event itself is thrown (the caller's retry converges, as
 *    1 and 3 keep it from publishing twice).
 *
 * @example
 * ```ts
 * const { detail } = await settleRun(ports, { store, folder: 'reports/ep/data-quality/2024/05/01/13/' },
 *   { detail, files: [{ name: 'constraint_violations.json', body }], metrics }, 'Data-quality monitor');
 * ```
 */
export async function settleRun(
  ports: SettleRunPorts,
  report: ReportFolder,
  outcome: RunOutcome,
  monitor: string,
  records?: RunRecordStore,
): Promise<SettledRun> {
  const files = outcome.files ?? [];
  const metrics = outcome.metrics ?? [];
  let detail = outcome.detail;
  const folder = folderKey(report.folder);
  const written: string[] = [];
  let metricsPublished = 0;
  let record: RunRecord | undefined;
  // A step of settling failed: nothing further is written or published, the run is Failed.
  let broken = false;
  const fail = (step: string, error: unknown): void => {
    broken = true;
    const reason = `${step}: ${(error as Error).message}`;
    detail = {
      ...detail,
      status: 'Failed',
      failureReason: detail.failureReason ? `${detail.failureReason}; ${reason}` : reason,
    };
    ports.log.error(`${monitor} failed`, {
      endpoint: detail.endpointName,
      error: (error as Error).name,
      reason,
    });
  };

  const base = {
    version: 1 as const,
    endpointName: detail.endpointName,
    monitoringType: detail.monitoringType,
    windowStart: detail.windowStart,
    windowEnd: detail.windowEnd,
    claimedAt: ports.clock.now().toISOString(),
  };
  let prior: RunRecord | undefined;
  if (records) {
    const claim: RunRecord = {
      ...base,
      status: 'InProgress',
      files: [],
      metricsPublished: false,
      eventPublished: false,
      detail,
    };
    try {
      const { settled, prior: before } = await claimRun(records, claim, ports.clock.now());
      if (settled) {
        ports.log.info(`${monitor}: window already settled, nothing published again`, {
          endpoint: detail.endpointName,
          status: settled.status,
        });
        return { detail: settled.detail, written: [], metricsPublished: 0, duplicate: true };
      }
      prior = before;
    } catch (error) {
      // Another attempt is settling this window right now: it announces the run; this one retries.
      if (error instanceof RunInProgressError) throw error;
      fail(`The run record in ${records.store.location} could not be read or claimed`, error);
    }
  }
  const metricsAlready = prior !== undefined && sameWindow(prior, detail) && prior.metricsPublished;

  if (!broken && (detail.status !== 'Failed' || files.length > 0)) {
    try {
      record = {
        ...base,
        status: 'InProgress',
        files: [],
        metricsPublished: metricsAlready,
        eventPublished: false,
        detail,
      };
      if (records) await writeRunRecord(records, record);
      // Side by side but the last (constraint_violations.json, the verdict): it is written only
      // once every other file is, so a folder that has it is complete.
      const put = (file: (typeof files)[number]) =>
        report.store.put(`${folder}${file.name}`, file.body, file.contentType ?? 'application/json');
      const firsts = await Promise.allSettled(files.slice(0, -1).map(put));
      // `written` lists what is there, in the files' order.
      firsts.forEach((outcome, i) => {
        if (outcome.status === 'fulfilled')
          written.push(`${folder}${(files[i] as (typeof files)[number]).name}`);
      });
      const failed = firsts.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      const last = files[files.length - 1];
      if (last) {
        await put(last);
        written.push(`${folder}${last.name}`);
      }
      record = { ...record, status: detail.status, files: files.map((f) => f.name), detail };
      if (records) await writeRunRecord(records, record);
    } catch (error) {
      fail(`The report could not be written to ${report.store.location}/${folder}`, error);
    }
  }
  if (!broken && metrics.length > 0 && !metricsAlready) {
    try {
      await ports.metrics.publish(metrics);
      metricsPublished = metrics.length;
    } catch (error) {
      fail('The metrics could not be published', error);
    }
  }
  const metricsDone = metricsAlready || metricsPublished > 0;
  // Best effort: a store that cannot take the record now does not stop the event.
  const remember = async (eventPublished: boolean): Promise<void> => {
    if (!records) return;
    try {
      record = {
        ...base,
        status: detail.status,
        files: record?.files ?? [],
        metricsPublished: metricsDone,
        eventPublished,
        detail,
      };
      await writeRunRecord(records, record);
    } catch (error) {
      ports.log.warn(`${monitor}: run record not written`, {
        endpoint: detail.endpointName,
        reason: (error as Error).message,
      });
    }
  };
  // A backfill that replaced a settled window announces nothing again: the window's event went out.
  const announced = records?.replaceSettled === true && isSettledRun(prior, detail);
  if (metricsPublished > 0 || broken) await remember(announced);
  if (!announced) await publishExecution(ports.events, detail, ports.clock.now());
  await remember(true);
  ports.log.info(`${monitor} finished`, {
    endpoint: detail.endpointName,
    status: detail.status,
    violations: detail.violationCount,
    records: detail.recordCount,
  });
  return { detail, written, metricsPublished, duplicate: false };
}
