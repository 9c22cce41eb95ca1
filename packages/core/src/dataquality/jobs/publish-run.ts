import {
  exitMessage,
  type MonitoringExecutionDetail,
  type MonitoringExecutionStatus,
  type SkippedInput,
} from '../../events/monitoring-execution.ts';
import { eventViolations, publishExecution } from '../../events/publish-execution.ts';
import { joinKey } from '../../layout/keys.ts';
import type { Clock } from '../../ports/clock.ts';
import type { EventPublisher } from '../../ports/event-publisher.ts';
import type { Log } from '../../ports/log.ts';
import type { MetricSink } from '../../ports/metric-sink.ts';
import type { ObjectStore } from '../../ports/object-store.ts';
import type { Profile } from '../../profile/profile.ts';
import type { TimeWindow } from '../../window/window.ts';
import type { FeatureDrift } from '../checks.ts';
import { DRIFT_REPORT_FILE, driftReportText } from '../drift/drift-report-file.ts';
import type { DriftReport } from '../drift/evaluate-drift.ts';
import type { DriftSettings } from '../drift/settings.ts';
import type { DataQualityMetricTarget } from '../metrics.ts';
import type { LoadedBaseline } from '../read-baseline.ts';
import { buildDataQualityReport } from '../report.ts';
import type { DataQualityViolation } from '../violations.ts';

/**
 * Vigil's own file beside SageMaker's in the report folder: the run's notes (ragged rows,
 * non-finite values, columns inferred String and why, the output-first hint), non-finite counts
 * per feature and the row counts against the baseline's columns.
 */
export const NOTES_FILE = 'vigil_notes.json';

/** Ports a data-quality run reports through. */
export interface DataQualityReportPorts {
  metrics: MetricSink;
  events: EventPublisher;
  clock: Clock;
  log: Log;
}

/** Who and what a run is about. */
export interface DataQualityRunContext {
  endpoint: string;
  variant?: string;
  monitoringSchedule: string;
  /** `${prefix}/Endpoints/data-metrics`. */
  namespace: string;
  scheduledTime: Date;
  window: TimeWindow;
  /** Report folder: store and key prefix. */
  reports: { store: ObjectStore; key: string };
  publishMetrics: boolean;
  /** Vigil's drift methods and thresholds, and whether their verdicts count as violations. */
  drift?: DriftSettings;
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
  /** Vigil's drift verdicts, when the run got that far. */
  driftReport?: DriftReport;
  /** What the user should know to trust the verdict (see `DataQualityReport.notes`); also in vigil_notes.json. */
  notes: string[];
  recordCount: number;
  skipped: SkippedInput[];
  metricsPublished: number;
  detail: MonitoringExecutionDetail;
}

/**
 * Finishes a data-quality run: with a profile and a baseline, writes statistics.json,
 * constraint_violations.json, Vigil's drift_report.json and a copy of constraints.json to the
 * report folder, publishes the
 * metrics and emits "Vigil Monitoring Execution" (Completed or CompletedWithViolations); with a
 * failure reason, only emits the event with status Failed. Returns the run's summary.
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
  const base = {
    endpointName: context.endpoint,
    variantName: context.variant,
    monitoringScheduleName: context.monitoringSchedule,
    monitoringType: 'DataQuality' as const,
    scheduledTime: context.scheduledTime.toISOString(),
    windowStart: context.window.start.toISOString(),
    windowEnd: context.window.end.toISOString(),
  };
  if ('failureReason' in outcome) {
    const detail: MonitoringExecutionDetail = {
      ...base,
      status: 'Failed',
      reportUri: '',
      violationCount: 0,
      violations: [],
      metrics: {},
      skipped: outcome.skipped,
      recordCount: outcome.recordCount ?? 0,
      failureReason: outcome.failureReason,
    };
    await publishExecution(ports.events, detail, ports.clock.now());
    ports.log.warn('Data-quality run failed', { endpoint: context.endpoint, reason: outcome.failureReason });
    return {
      status: 'Failed',
      message: outcome.failureReason,
      failureReason: outcome.failureReason,
      violations: [],
      drift: [],
      notes: [],
      recordCount: detail.recordCount,
      skipped: outcome.skipped,
      metricsPublished: 0,
      detail,
    };
  }
  const { profile, baseline } = outcome;
  const target: DataQualityMetricTarget = {
    namespace: context.namespace,
    endpoint: context.endpoint,
    monitoringSchedule: context.monitoringSchedule,
    timestamp: context.scheduledTime,
  };
  const report = buildDataQualityReport(profile, baseline, target, context.drift);
  const { short, long, trimmed } = report.raggedRows;
  // Rows that are all wider are not ragged: extra_column_check (and the notes) report them.
  const skipped = withCount(outcome.skipped, 'column-count-mismatch', short + (trimmed ? long : 0));
  const { store, key } = context.reports;
  await store.put(joinKey(key, 'statistics.json'), report.statistics, 'application/json');
  await store.put(
    joinKey(key, 'constraint_violations.json'),
    report.constraintViolations,
    'application/json',
  );
  await store.put(joinKey(key, DRIFT_REPORT_FILE), driftReportText(report.driftReport), 'application/json');
  await store.put(
    joinKey(key, NOTES_FILE),
    JSON.stringify(
      {
        notes: report.notes,
        non_finite_counts: report.nonFinite,
        rows: { baseline_columns: report.raggedRows.width, short, long },
      },
      null,
      2,
    ),
    'application/json',
  );
  if (baseline.constraintsText !== undefined) {
    await store.put(joinKey(key, 'constraints.json'), baseline.constraintsText, 'application/json');
  }
  const metrics = context.publishMetrics ? report.metrics : [];
  if (metrics.length > 0) await ports.metrics.publish(metrics);
  const status: MonitoringExecutionStatus =
    report.violations.length > 0 ? 'CompletedWithViolations' : 'Completed';
  const reportUri = `${store.location.replace(/\/$/, '')}/${joinKey(key)}/`;
  const detail: MonitoringExecutionDetail = {
    ...base,
    status,
    reportUri,
    violationCount: report.violations.length,
    violations: eventViolations(report.violations, (v) => ({
      subject: v.feature_name,
      checkType: v.constraint_check_type,
      description: v.description,
    })),
    metrics: Object.fromEntries(report.drift.map((d) => [`feature_baseline_drift_${d.feature}`, d.value])),
    skipped,
    recordCount: profile.itemCount,
  };
  await publishExecution(ports.events, detail, ports.clock.now());
  ports.log.info('Data-quality run completed', {
    endpoint: context.endpoint,
    status,
    violations: report.violations.length,
    rows: profile.itemCount,
    metrics: metrics.length,
  });
  return {
    status,
    message: exitMessage(report.violations.length),
    reportUri,
    violations: report.violations,
    drift: report.drift,
    driftReport: report.driftReport,
    notes: report.notes,
    recordCount: profile.itemCount,
    skipped,
    metricsPublished: metrics.length,
    detail,
  };
}

/** `skipped` with `count` more under `reason` (one entry per reason). */
function withCount(skipped: readonly SkippedInput[], reason: string, count: number): SkippedInput[] {
  if (count === 0) return [...skipped];
  if (!skipped.some((s) => s.reason === reason)) return [...skipped, { reason, count }];
  return skipped.map((s) => (s.reason === reason ? { ...s, count: s.count + count } : s));
}
