import type { MonitoringExecutionDetail } from '../events/monitoring-execution.ts';
import { formatNumber } from './format.ts';
import { renderPage } from './page-shell.ts';
import type { MonitorReport } from './sections/monitor-report.ts';

/** The report page's file name, written beside a run's JSON files. */
export const REPORT_FILE = 'report.html';

/** What a run's report page is made from. */
export interface RunReportInput {
  /** The run's "Vigil Monitoring Execution" detail: who, which window, status, counts. */
  detail: MonitoringExecutionDetail;
  /** The monitor's sections and violations in plain words; absent when the run computed nothing. */
  report?: MonitorReport;
  /** Names of the files written beside the page (linked relatively). */
  files: readonly string[];
}

/**
 * The self-contained report.html of one monitor run: endpoint, variant, window, status and counts,
 * the failure reason if any, the violations in plain words (the monitor's own, else the event's
 * descriptions), the monitor's sections (tables and charts) and links to the files beside it.
 * Pure: data in, HTML out.
 *
 * @example
 * ```ts
 * files.push({ name: REPORT_FILE, body: renderRunReport({ detail, report, files: files.map((f) => f.name) }) });
 * ```
 */
export function renderRunReport(input: RunReportInput): string {
  const d = input.detail;
  const facts: [string, string][] = [
    ['Endpoint', d.endpointName],
    ...(d.variantName ? ([['Variant', d.variantName]] as [string, string][]) : []),
    ['Monitor', d.monitoringType],
    ['Schedule', d.monitoringScheduleName],
    ['Window', `${d.windowStart} → ${d.windowEnd}`],
    ['Status', d.status],
    ['Records', String(d.recordCount)],
    ['Violations', String(d.violationCount)],
  ];
  const skipped = d.skipped.reduce((n, s) => n + s.count, 0);
  if (skipped > 0)
    facts.push(['Skipped input', d.skipped.map((s) => `${s.reason} ${formatNumber(s.count)}`).join(', ')]);
  if (d.modelPackageArn) facts.push(['Model version', d.modelPackageArn]);
  const violations =
    input.report?.violations ??
    d.violations.map((v) => ({ subject: v.subject, words: `${v.checkType}: ${v.description}` }));
  return renderPage({
    title: `${d.monitoringType} — ${d.endpointName}${d.variantName ? ` / ${d.variantName}` : ''} — ${d.windowStart}`,
    facts,
    failureReason: d.failureReason,
    violations,
    sections: input.report?.sections ?? [],
    files: input.files,
  });
}
