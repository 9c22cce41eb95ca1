import {
  exitMessage,
  type MonitoringExecutionDetail,
  type MonitoringExecutionStatus,
  type SkippedInput,
} from '../../events/monitoring-execution.ts';
import {
  type MonitorRun,
  type MonitorRunPorts,
  type RunVerdict,
  runMonitor,
} from '../../events/run-monitor.ts';
import type { RunRecordStore } from '../../events/run-record.ts';
import type { SettledRun } from '../../events/settle-run.ts';
import { plainJson } from '../../json/plain-json.ts';
import type { ObjectStore } from '../../ports/object-store.ts';
import type { Profile } from '../../profile/profile.ts';
import { dataQualitySection } from '../../report/sections/data-quality-section.ts';
import type { TimeWindow } from '../../window/window.ts';
import type { StatisticsFile } from '../baseline-files.ts';
import type { FeatureDrift } from '../checks.ts';
import { DRIFT_REPORT_FILE, driftReportText } from '../drift/drift-report-file.ts';
import type { DriftReport } from '../drift/evaluate-drift.ts';
import type { DriftSettings } from '../drift/settings.ts';
import type { LoadedBaseline } from '../read-baseline.ts';
import { buildDataQualityReport, type DataQualityReport } from '../report.ts';
import type { DataQualityViolation } from '../violations.ts';

/**
 * Vigil's own file beside SageMaker's in the report folder: the run's notes (ragged rows,
 * non-finite values, columns inferred String and why, the output-first hint), non-finite counts
 * per feature and the row counts against the baseline's columns.
 */
export const NOTES_FILE = 'vigil_notes.json';

/** Ports a data-quality run reports through. */
export type DataQualityReportPorts = MonitorRunPorts;

/** Who and what a run is about. */
export interface DataQualityRunContext {
  endpoint: string;
  variant?: string;
  monitoringSchedule: string;
  /** `${prefix}/Endpoints/data-metrics`. */
  namespace: string;
  /** What the event and the metrics are stamped with; its hour names the report folder. */
  scheduledTime: Date;
  window: TimeWindow;
  /** Report folder: store and key prefix. */
  reports: { store: ObjectStore; key: string };
  publishMetrics: boolean;
  /** Vigil's drift methods and thresholds, and whether their verdicts count as violations. */
  drift?: DriftSettings;
  /** Vigil's store for run records: makes the run idempotent per window (see settleRun). */
  records?: RunRecordStore;
}

/** What a data-quality run did. */
export interface DataQualityRunSummary {
  status: MonitoringExecutionStatus;
  /** SageMaker's exit message, or the failure reason. */
  message: string;
  failureReason?: string;
  /** Where the report folder is (store location + key), when reports were written. */
  reportUri?: string;
  violations: DataQualityViolation[];
  drift: FeatureDrift[];
  /** Vigil's own drift verdicts (also drift_report.json); absent when the run failed. */
  driftReport?: DriftReport;
  /** What the user should know to trust the verdict (see `DataQualityReport.notes`); also in vigil_notes.json. */
  notes: string[];
  recordCount: number;
  skipped: SkippedInput[];
  metricsPublished: number;
  /** True when this window had already been settled: nothing was written or published again. */
  duplicate: boolean;
  detail: MonitoringExecutionDetail;
}

/** What a data-quality run checks: the window's merged profile and the baseline, or why there is none. */
export type DataQualityWindow =
  | { profile: Profile; baseline: LoadedBaseline }
  | { failureReason: string; recordCount?: number };

/**
 * Finishes a data-quality run through `runMonitor`: with a profile and a baseline, writes
 * statistics.json, constraint_violations.json, Vigil's drift_report.json and vigil_notes.json and
 * a copy of constraints.json to the report folder
 * (committed by its run record), publishes the metrics and emits "Vigil Monitoring Execution"
 * (Completed or CompletedWithViolations; Failed when a write or publication fails); with a
 * failure reason, only emits the event with status Failed. A window already settled is not
 * published again (`duplicate`). Returns the run's summary.
 *
 * @example
 * ```ts
 * const summary = await publishDataQualityRun(ports, context, { profile, baseline, skipped });
 * ```
 */
export async function publishDataQualityRun(
  ports: DataQualityReportPorts,
  context: DataQualityRunContext,
  outcome:
    | { profile: Profile; baseline: LoadedBaseline; skipped: SkippedInput[] }
    | { failureReason: string; skipped: SkippedInput[]; recordCount?: number },
): Promise<DataQualityRunSummary> {
  return runDataQuality(ports, context, async (run) => {
    run.tally.addAll(outcome.skipped);
    return outcome;
  });
}

/**
 * One data-quality run through `runMonitor`: `read` gets the window's merged profile and the
 * baseline (counting what it skips in the run's tally), which are then checked and reported.
 */
export async function runDataQuality(
  ports: DataQualityReportPorts,
  context: DataQualityRunContext,
  read: (run: MonitorRun) => Promise<DataQualityWindow>,
): Promise<DataQualityRunSummary> {
  let built: DataQualityReport | undefined;
  const settled = await runMonitor(ports, {
    monitor: 'data-quality',
    endpoint: context.endpoint,
    variant: context.variant,
    scheduleName: context.monitoringSchedule,
    scheduledTime: context.scheduledTime,
    window: context.window,
    output: context.reports,
    records: context.records,
    publishMetrics: context.publishMetrics,
    async compute(run) {
      const window = await read(run);
      const verdict = checkWindow(run, window, context);
      if (!verdict.failureReason) built = verdict.built;
      return verdict;
    },
  });
  return summaryOf(settled, built ?? { violations: [], drift: [], notes: [] });
}

// Checks the window's profile against the baseline: the report files, metrics and violations.
function checkWindow(
  run: MonitorRun,
  window: DataQualityWindow,
  context: DataQualityRunContext,
): RunVerdict & { built?: DataQualityReport } {
  if ('failureReason' in window) {
    run.recordCount = window.recordCount ?? 0;
    return { failureReason: window.failureReason, withoutReport: true };
  }
  const { profile, baseline } = window;
  run.recordCount = profile.itemCount;
  let built: DataQualityReport;
  try {
    built = buildDataQualityReport(
      profile,
      baseline,
      {
        namespace: context.namespace,
        endpoint: context.endpoint,
        monitoringSchedule: context.monitoringSchedule,
        timestamp: context.scheduledTime,
      },
      context.drift,
    );
  } catch (error) {
    // Whatever the check trips on, the run still ends Failed with its event.
    return {
      failureReason: `The window could not be checked against the baseline (${(error as Error).message}): check the baseline files`,
      withoutReport: true,
    };
  }
  const { short, long, trimmed } = built.raggedRows;
  // Rows that are all wider are not ragged: extra_column_check (and the notes) report them.
  run.tally.addAll([{ reason: 'column-count-mismatch', count: short + (trimmed ? long : 0) }]);
  const notes = {
    notes: built.notes,
    non_finite_counts: built.nonFinite,
    rows: { baseline_columns: built.raggedRows.width, short, long },
  };
  const files = [
    { name: 'statistics.json', body: built.statistics },
    { name: DRIFT_REPORT_FILE, body: driftReportText(built.driftReport) },
    { name: NOTES_FILE, body: JSON.stringify(notes, null, 2) },
  ];
  if (baseline.constraintsText !== undefined)
    files.push({ name: 'constraints.json', body: baseline.constraintsText });
  // The verdict last: a run that fails on an earlier file leaves no constraint_violations.json of
  // its own, so its folder never reads as a finished SageMaker report.
  files.push({ name: 'constraint_violations.json', body: built.constraintViolations });
  run.metrics = Object.fromEntries(built.drift.map((d) => [`feature_baseline_drift_${d.feature}`, d.value]));
  return {
    built,
    files,
    report: dataQualitySection({
      baseline: baseline.statistics,
      current: plainJson(built.statisticsDocument) as StatisticsFile,
      driftReport: built.driftReport,
      violations: built.violations,
    }),
    datums: built.metrics,
    violations: built.violations.map((v) => ({
      subject: v.feature_name,
      checkType: v.constraint_check_type,
      description: v.description,
    })),
  };
}

function summaryOf(
  settled: SettledRun,
  built: {
    violations: DataQualityViolation[];
    drift: FeatureDrift[];
    driftReport?: DriftReport;
    notes: string[];
  },
): DataQualityRunSummary {
  const { detail } = settled;
  const failed = detail.status === 'Failed';
  return {
    status: detail.status,
    message: failed ? (detail.failureReason ?? 'Failed') : exitMessage(detail.violationCount),
    failureReason: detail.failureReason,
    reportUri: failed || detail.reportUri === '' ? undefined : detail.reportUri,
    violations: settled.duplicate || failed ? [] : built.violations,
    drift: settled.duplicate || failed ? [] : built.drift,
    driftReport: settled.duplicate || failed ? undefined : built.driftReport,
    notes: settled.duplicate || failed ? [] : built.notes,
    recordCount: detail.recordCount,
    skipped: detail.skipped,
    metricsPublished: settled.metricsPublished,
    duplicate: settled.duplicate,
    detail,
  };
}
