import { indexSettledRun } from '../dashboard/index-settled-run.ts';
import { type MonitorFolder, metricsNamespace, monitorSpec, monitorTitle } from '../monitors/names.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import type { StoreLocation } from '../ports/object-store.ts';
import { REPORT_FILE, renderRunReport } from '../report/run-report.ts';
import type { MonitorReport } from '../report/sections/monitor-report.ts';
import type { TimeWindow } from '../window/window.ts';
import type { MonitoringExecutionDetail, ViolationSummary } from './monitoring-execution.ts';
import { MAX_EVENT_VIOLATIONS } from './publish-execution.ts';
import { folderKey, type RunRecordStore } from './run-record.ts';
import { type SettledRun, type SettleRunPorts, settleRun } from './settle-run.ts';
import { SkippedInputTally } from './skipped-input-tally.ts';

/** The ports every monitor run reports through: metrics, events, the clock and the log. */
export type MonitorRunPorts = SettleRunPorts;

/**
 * Who a run is about, which window it covers and where it reports: the options every monitor
 * shares, whether a scheduled handler resolved them (`scheduledRunTarget`) or the CLI did.
 */
export interface RunTarget {
  endpoint: string;
  variant?: string;
  /** The MonitoringSchedule metric dimension; default `<endpoint>-<monitor folder>`. */
  scheduleName?: string;
  /** What the event (and, for most monitors, the metrics) is stamped with: the scheduled hour. */
  scheduledTime: Date;
  /** The analysed window (`analysisWindow`); default the instant `scheduledTime`, for a run on given files. */
  window?: TimeWindow;
  /** The report folder: `{reports}/{endpoint}/{monitor}/yyyy/mm/dd/hh/`, or the CLI's --out. */
  output: StoreLocation;
  /** Vigil's store for run records: makes the run idempotent per window (see `settleRun`). */
  records?: RunRecordStore;
  /** `config.metricsNamespacePrefix`; default SageMaker's `aws/sagemaker`. */
  namespacePrefix?: string;
  /** False: the metrics are computed for the event and files, but not published. Default true. */
  publishMetrics?: boolean;
  /** The model package version that served the whole window, when the caller knows it. */
  modelPackageArn?: string;
}

/**
 * One run as its monitor's computation sees it: who and what it is about, the tally to count
 * skipped input in, and the two event fields a computation fills as it goes (kept when a later
 * step fails).
 */
export interface MonitorRun {
  readonly endpoint: string;
  readonly variant?: string;
  readonly scheduleName: string;
  readonly scheduledTime: Date;
  readonly window: TimeWindow;
  /** The metric namespace of the monitor under the target's prefix. */
  readonly namespace: string;
  readonly tally: SkippedInputTally;
  readonly clock: Clock;
  readonly log: Log;
  /** The records the run analysed (the event's `recordCount`). */
  recordCount: number;
  /** Headline values by name (the event's `metrics`), for cards and alerts. */
  metrics: Record<string, number>;
}

/** A report file, written into the report folder. */
export interface ReportFile {
  name: string;
  body: string;
  /** Default `application/json`. */
  contentType?: string;
}

/** What a computation found. Completed, or CompletedWithViolations, unless it names a failure. */
export interface RunVerdict {
  files?: readonly ReportFile[];
  /** Metric data to publish (left unpublished when the target says `publishMetrics: false`). */
  datums?: readonly MetricDatum[];
  /** Every violation, summarized; the event carries the first `MAX_EVENT_VIOLATIONS`. */
  violations?: readonly ViolationSummary[];
  /** The run is Failed with this reason; its files, metrics and violations still go out. */
  failureReason?: string;
  /** With a failure: the event names no report folder (`reportUri` ''), as data quality's always have. */
  withoutReport?: boolean;
  /** The monitor's part of report.html (tables, charts, violations in words); see `renderRunReport`. */
  report?: MonitorReport;
}

/**
 * A monitor's part of a run: which monitor (its entry in the monitor table), the target, and the
 * computation, which reads its inputs for the window, counts what it skips in `run.tally` and
 * returns files, metrics and violations. `runMonitor` does everything else.
 */
export interface RunDefinition extends RunTarget {
  monitor: MonitorFolder;
  compute(run: MonitorRun): Promise<RunVerdict>;
}

/**
 * Runs one monitor execution: builds the run's "Vigil Monitoring Execution" detail (the one place
 * it is built), computes the report location once, gives the computation its window and a
 * skipped-input tally, turns a computation that throws into a Failed run with the error's message
 * (writing and publishing nothing of it: no half report), and ends the run through `settleRun`
 * (claimed once per window, report files, metrics, event), then appends it to the run index the
 * dashboard reads (`indexSettledRun`). Returns how the run was settled.
 *
 * @example
 * ```ts
 * const { detail } = await runMonitor(ports, {
 *   monitor: 'bias-drift', endpoint: 'credit', scheduledTime: window.hour, window,
 *   output: { store, key: reportPrefix('reports', 'credit', 'bias-drift', window.hour) },
 *   records: { store },
 *   compute: async (run) => {
 *     run.recordCount = rows.length;
 *     return { files: [{ name: 'analysis.json', body }], datums, violations };
 *   },
 * });
 * ```
 */
export async function runMonitor(ports: MonitorRunPorts, definition: RunDefinition): Promise<SettledRun> {
  const { monitor, endpoint, scheduledTime, output } = definition;
  const label = `${monitorTitle(monitor)} monitor`;
  const run: MonitorRun = {
    endpoint,
    variant: definition.variant,
    scheduleName: definition.scheduleName ?? `${endpoint}-${monitor}`,
    scheduledTime,
    window: definition.window ?? { start: scheduledTime, end: scheduledTime },
    namespace: metricsNamespace(definition.namespacePrefix, monitor),
    tally: new SkippedInputTally(),
    clock: ports.clock,
    log: ports.log,
    recordCount: 0,
    metrics: {},
  };
  let verdict: RunVerdict;
  try {
    verdict = await definition.compute(run);
  } catch (error) {
    // A run that broke off writes and publishes nothing: no half report.
    verdict = { failureReason: (error as Error).message };
    ports.log.error(`${label} failed`, {
      endpoint,
      error: (error as Error).name,
      reason: (error as Error).message,
    });
  }
  const violations = verdict.violations ?? [];
  const failed = verdict.failureReason !== undefined;
  const detail: MonitoringExecutionDetail = {
    endpointName: endpoint,
    variantName: run.variant,
    monitoringScheduleName: run.scheduleName,
    monitoringType: monitorSpec(monitor).type,
    status: failed ? 'Failed' : violations.length > 0 ? 'CompletedWithViolations' : 'Completed',
    scheduledTime: scheduledTime.toISOString(),
    windowStart: run.window.start.toISOString(),
    windowEnd: run.window.end.toISOString(),
    reportUri: failed && verdict.withoutReport ? '' : reportFolderUri(output),
    violationCount: violations.length,
    violations: violations.slice(0, MAX_EVENT_VIOLATIONS),
    metrics: run.metrics,
    skipped: run.tally.toSkipped(),
    recordCount: run.recordCount,
    ...(definition.modelPackageArn ? { modelPackageArn: definition.modelPackageArn } : {}),
    ...(failed ? { failureReason: verdict.failureReason } : {}),
  };
  const files = withReportPage(verdict, detail, ports.log);
  const settled = await settleRun(
    ports,
    { store: output.store, folder: folderKey(output.key) },
    {
      detail,
      files,
      metrics: definition.publishMetrics === false ? [] : verdict.datums,
    },
    label,
    definition.records,
  );
  // The dashboard's view of the run, next to its record in Vigil's store.
  // It sees the files as written, report.html included, so its run rows can link the page.
  await indexSettledRun(definition.records, settled, { ...verdict, files }, ports.log);
  return settled;
}

/**
 * The run's files with report.html added (every run that writes files gets one), before a
 * closing constraint_violations.json so that file stays the last one written. A page that cannot
 * be rendered is left out with a warning: it is a view of the files, never a reason to fail the run.
 */
function withReportPage(
  verdict: RunVerdict,
  detail: MonitoringExecutionDetail,
  log: Log,
): ReportFile[] | undefined {
  const files = verdict.files;
  if (!files || files.length === 0) return files ? [...files] : undefined;
  let body: string;
  try {
    body = renderRunReport({ detail, report: verdict.report, files: files.map((f) => f.name) });
  } catch (error) {
    log.warn('report.html not rendered', { endpoint: detail.endpointName, reason: (error as Error).message });
    return [...files];
  }
  const page = { name: REPORT_FILE, body, contentType: 'text/html; charset=utf-8' };
  const last = files[files.length - 1] as ReportFile;
  return last.name === 'constraint_violations.json' ? [...files.slice(0, -1), page, last] : [...files, page];
}

/**
 * The URI of a report folder, as events, run records and the CLI name it: the store's location,
 * then the folder key ending in `/`.
 *
 * @example
 * ```ts
 * reportFolderUri({ store: s3Store, key: 'reports/ep/data-quality/2024/05/01/13' });
 * // 's3://vigil-bucket/reports/ep/data-quality/2024/05/01/13/'
 * ```
 */
export function reportFolderUri(folder: StoreLocation): string {
  return `${folder.store.location.replace(/\/+$/, '')}/${folderKey(folder.key.replace(/^\/+/, ''))}`;
}
