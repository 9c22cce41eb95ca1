import type { MonitoringExecutionDetail } from '../events/monitoring-execution.ts';
import type { EvaluationDetail, MetricData, ModelCardContent } from './content-schema.ts';
import { MAX_CARD_CONTENT_CHARACTERS } from './limits.ts';

/** metadata.source of the evaluation entries card-sync writes. */
export const MONITORING_SOURCE = 'vigil-monitoring';

const MAX_METRICS = 50;
const MAX_LISTED_VIOLATIONS = 5;

/**
 * The evaluation_details entry of one monitoring run: status and violations as the observation,
 * the run's identity in metadata, its headline metrics as numbers.
 *
 * @example
 * ```ts
 * const entry = monitoringEvaluation(detail); // { name: 'ModelQuality 2024-05-01T13Z', ... }
 * ```
 */
export function monitoringEvaluation(detail: MonitoringExecutionDetail): EvaluationDetail {
  const hour = detail.scheduledTime.slice(0, 13);
  const violations = detail.violations
    .slice(0, MAX_LISTED_VIOLATIONS)
    .map((v) => `${v.subject} (${v.checkType}): ${v.description}`);
  const more = detail.violationCount - violations.length;
  const observation = [
    `${detail.status}: ${detail.violationCount} violation(s) over ${detail.recordCount} record(s).`,
    ...violations,
    ...(more > 0 ? [`… and ${more} more in the report.`] : []),
    ...(detail.failureReason ? [`Failure: ${detail.failureReason}`] : []),
  ].join(' ');
  const metricData: MetricData[] = Object.entries(detail.metrics)
    .filter(([, v]) => Number.isFinite(v))
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, MAX_METRICS)
    .map(([name, value]) => ({ name: name.slice(0, 255), type: 'number', value }));
  return {
    name: `${detail.monitoringType} ${hour}Z`.slice(0, 63),
    evaluation_observation: observation.slice(0, 2096),
    metadata: {
      source: MONITORING_SOURCE,
      execution_key: executionKey(detail).slice(0, 1024),
      endpoint: detail.endpointName.slice(0, 1024),
      monitoring_schedule: detail.monitoringScheduleName.slice(0, 1024),
      monitoring_type: detail.monitoringType,
      status: detail.status,
      scheduled_time: detail.scheduledTime,
      window: `${detail.windowStart}/${detail.windowEnd}`.slice(0, 1024),
      violation_count: String(detail.violationCount),
      record_count: String(detail.recordCount),
      report_uri: detail.reportUri.slice(0, 1024),
    },
    ...(metricData.length
      ? { metric_groups: [{ name: detail.monitoringType, metric_data: metricData }] }
      : {}),
  };
}

/** Identifies a run: the same schedule, type and hour is the same run, however often it is delivered. */
export function executionKey(detail: MonitoringExecutionDetail): string {
  return `${detail.monitoringScheduleName}|${detail.monitoringType}|${detail.scheduledTime}`;
}

/** The card content after a run, and whether anything changed. */
export interface MonitoringAppendResult {
  content: ModelCardContent;
  changed: boolean;
  /** Monitoring entries dropped to stay within the bound (they remain in the run counters). */
  dropped: number;
}

/**
 * Adds a monitoring run to the card's evaluation_details. A run already present (same schedule,
 * type and hour) is replaced only if its entry differs, so a duplicate delivery changes nothing.
 * Only the newest `maxRuns` runs are kept as entries; every run is also counted per monitoring
 * type in `additional_information.custom_details` (`vigil_runs_<Type>`), so the history stays
 * readable and bounded while the totals are never lost. Older entries are also dropped when the
 * content would pass SageMaker's 100,000 characters.
 *
 * @example
 * ```ts
 * const { content, changed } = appendMonitoringRun(card.content, detail, 24);
 * if (changed) await cards.updateContent(card.name, content);
 * ```
 */
export function appendMonitoringRun(
  current: ModelCardContent,
  detail: MonitoringExecutionDetail,
  maxRuns: number,
): MonitoringAppendResult {
  const entry = monitoringEvaluation(detail);
  const evaluations = current.evaluation_details ?? [];
  const key = entry.metadata?.execution_key;
  const existing = evaluations.findIndex((e) => e.metadata?.execution_key === key);
  if (existing >= 0 && JSON.stringify(evaluations[existing]) === JSON.stringify(entry)) {
    return { content: current, changed: false, dropped: 0 };
  }
  const others = evaluations.filter((_, i) => i !== existing);
  let counters = current.additional_information?.custom_details ?? {};
  if (existing < 0) counters = countRun(counters, detail);

  const isMonitoring = (e: (typeof evaluations)[number]) => e.metadata?.source === MONITORING_SOURCE;
  const fixed = others.filter((e) => !isMonitoring(e));
  let runs = [...others.filter(isMonitoring), entry].sort((a, b) =>
    (a.metadata?.scheduled_time ?? '').localeCompare(b.metadata?.scheduled_time ?? ''),
  );
  let dropped = Math.max(0, runs.length - maxRuns);
  runs = runs.slice(dropped);
  const build = (): ModelCardContent => ({
    ...current,
    evaluation_details: [...fixed, ...runs],
    additional_information: { ...current.additional_information, custom_details: counters },
  });
  let content = build();
  while (JSON.stringify(content).length > MAX_CARD_CONTENT_CHARACTERS && runs.length > 1) {
    runs = runs.slice(1);
    dropped++;
    content = build();
  }
  return { content, changed: true, dropped };
}

function countRun(
  details: Record<string, string>,
  detail: MonitoringExecutionDetail,
): Record<string, string> {
  const key = `vigil_runs_${detail.monitoringType}`;
  const counts = parseCounter(details[key]);
  counts.total++;
  if (detail.status === 'CompletedWithViolations') counts.with_violations++;
  if (detail.status === 'Failed') counts.failed++;
  if (!counts.first || detail.scheduledTime < counts.first) counts.first = detail.scheduledTime;
  if (!counts.last || detail.scheduledTime > counts.last) counts.last = detail.scheduledTime;
  const text = `total=${counts.total}; with_violations=${counts.with_violations}; failed=${counts.failed}; first=${counts.first}; last=${counts.last}`;
  return { ...details, [key]: text.slice(0, 1024) };
}

function parseCounter(text: string | undefined) {
  const fields = Object.fromEntries(
    (text ?? '')
      .split(';')
      .map((part) => part.trim().split('='))
      .filter((kv) => kv.length === 2),
  ) as Record<string, string>;
  return {
    total: Number(fields.total ?? 0) || 0,
    with_violations: Number(fields.with_violations ?? 0) || 0,
    failed: Number(fields.failed ?? 0) || 0,
    first: fields.first ?? '',
    last: fields.last ?? '',
  };
}
