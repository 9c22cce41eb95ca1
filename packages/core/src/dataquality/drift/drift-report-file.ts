import type { DriftReport } from './evaluate-drift.ts';

/** File name of Vigil's drift verdicts in a run's report folder, beside SageMaker's files. */
export const DRIFT_REPORT_FILE = 'drift_report.json';

/**
 * drift_report.json's text: `{"features": {"<name>": {type, method, value, threshold, drift, …}},
 * "drifted_features": [...]}`, two-space indented.
 *
 * @example
 * ```ts
 * await store.put(joinKey(folder, DRIFT_REPORT_FILE), driftReportText(report), 'application/json');
 * ```
 */
export function driftReportText(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
