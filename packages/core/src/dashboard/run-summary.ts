import type { MonitoringExecutionDetail, MonitoringExecutionStatus } from '../events/monitoring-execution.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';

/** A threshold a metric is checked against, and which side of it is a violation. */
export interface MetricThreshold {
  value: number;
  /** SageMaker's comparison: the metric violates when it is greater (or less) than `value`. */
  comparison: 'GreaterThanThreshold' | 'LessThanThreshold';
}

/** A performance estimate made without labels, with its band (e.g. CBPE's ±3σ). */
export interface MetricEstimate {
  estimated: number;
  lower: number;
  upper: number;
}

/** At most this many violations of a run are kept in its summary (the report has them all). */
export const MAX_SUMMARY_VIOLATIONS = 20;

/**
 * What the dashboard needs of one settled run, small enough to keep thousands of them in one
 * index file: status, counts, headline metrics, the thresholds and estimates its report files
 * state, and where the report is.
 */
export interface RunSummary {
  scheduledTime: string;
  windowStart: string;
  windowEnd: string;
  status: MonitoringExecutionStatus;
  variantName?: string;
  recordCount: number;
  violationCount: number;
  /** Subjects of the first violations (`wind`, `precision`, `AD (season=winter)`). */
  violations: { subject: string; checkType: string }[];
  reportUri: string;
  metrics: Record<string, number>;
  thresholds?: Record<string, MetricThreshold>;
  estimates?: Record<string, MetricEstimate>;
  /** Metrics the report flagged as drifted without making them violations (Vigil's drift methods). */
  flagged?: string[];
  modelPackageArn?: string;
  failureReason?: string;
  /** True when the run wrote a `report.html` into its report folder (the page to link to). */
  reportHtml?: boolean;
}

/**
 * The summary of a run from its event detail, the report files it wrote and the metric data it
 * computed. Thresholds come from the files that state them (data quality's `drift_report.json`
 * and `constraints.json`), estimates from `estimated_quality.json`, global feature attributions
 * (`feature_<name>`, per label) from the metric data; a file that does not parse adds nothing.
 *
 * @example
 * ```ts
 * const summary = summarizeRun(detail, [{ name: 'drift_report.json', body }]);
 * summary.thresholds?.vigil_drift_score_wind; // { value: 0.1, comparison: 'GreaterThanThreshold' }
 * ```
 */
export function summarizeRun(
  detail: MonitoringExecutionDetail,
  files: readonly { name: string; body: string }[] = [],
  datums: readonly MetricDatum[] = [],
): RunSummary {
  const metrics: Record<string, number> = {};
  for (const [name, value] of Object.entries(detail.metrics ?? {}))
    if (Number.isFinite(value)) metrics[name] = value;
  // Attributions are published as metrics only (the event carries nDCG and the expected value).
  for (const datum of datums)
    if (datum.dimensions.ValueType === 'GlobalShapValues' && Number.isFinite(datum.value))
      metrics[datum.dimensions.Label ? `${datum.dimensions.Label}.${datum.name}` : datum.name] = datum.value;
  const thresholds: Record<string, MetricThreshold> = {};
  const estimates: Record<string, MetricEstimate> = {};
  const flagged: string[] = [];
  const byName = new Map(files.map((file) => [file.name, file.body]));

  const drift = parseObject(byName.get('drift_report.json'));
  const features = asObject(drift?.features);
  for (const [feature, entry] of Object.entries(features ?? {})) {
    const value = asObject(entry);
    if (typeof value?.value !== 'number' || typeof value.threshold !== 'number') continue;
    metrics[`vigil_drift_score_${feature}`] = value.value;
    thresholds[`vigil_drift_score_${feature}`] = {
      value: value.threshold,
      comparison: 'GreaterThanThreshold',
    };
    if (value.drift === true) flagged.push(`vigil_drift_score_${feature}`);
  }
  const constraints = parseObject(byName.get('constraints.json'));
  const comparison = asObject(
    asObject(constraints?.monitoring_config)?.distribution_constraints,
  )?.comparison_threshold;
  if (typeof comparison === 'number') {
    for (const name of Object.keys(metrics))
      if (name.startsWith('feature_baseline_drift_'))
        thresholds[name] = { value: comparison, comparison: 'GreaterThanThreshold' };
  }
  const estimated = asObject(parseObject(byName.get('estimated_quality.json'))?.metrics);
  for (const [name, entry] of Object.entries(estimated ?? {})) {
    const value = asObject(entry);
    if (
      typeof value?.estimated === 'number' &&
      typeof value.lower === 'number' &&
      typeof value.upper === 'number'
    )
      estimates[name] = { estimated: value.estimated, lower: value.lower, upper: value.upper };
  }

  return {
    scheduledTime: detail.scheduledTime,
    windowStart: detail.windowStart,
    windowEnd: detail.windowEnd,
    status: detail.status,
    ...(detail.variantName ? { variantName: detail.variantName } : {}),
    recordCount: detail.recordCount ?? 0,
    violationCount: detail.violationCount,
    violations: (detail.violations ?? [])
      .slice(0, MAX_SUMMARY_VIOLATIONS)
      .map(({ subject, checkType }) => ({ subject, checkType })),
    reportUri: detail.reportUri,
    metrics,
    ...(Object.keys(thresholds).length ? { thresholds } : {}),
    ...(Object.keys(estimates).length ? { estimates } : {}),
    ...(flagged.length ? { flagged } : {}),
    ...(detail.modelPackageArn ? { modelPackageArn: detail.modelPackageArn } : {}),
    ...(detail.failureReason ? { failureReason: detail.failureReason } : {}),
    ...(byName.has('report.html') ? { reportHtml: true } : {}),
  };
}

function parseObject(body: string | undefined): Record<string, unknown> | undefined {
  if (body === undefined) return undefined;
  try {
    return asObject(JSON.parse(body));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
