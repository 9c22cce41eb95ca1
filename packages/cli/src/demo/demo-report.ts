import { hourOf, type MonitoringExecutionDetail, type ObjectStore, reportPrefix } from '@vigil/core';
import {
  escapeHtml,
  renderDataQualityReport,
  type StatisticsFile,
  type ViolationsFile,
} from '@vigil/core/report';
import { DEMO } from './scenario.ts';

/** What the demo found, printed and written into its report. */
export interface DemoFindings {
  home: string;
  decisions: { version: string; note: string; decision: string }[];
  runs: MonitoringExecutionDetail[];
  estimates: { hour: number; estimated: number; realized: number }[];
  auditRecords: number;
  auditOk: boolean;
  endpointConfig: string;
  outbox: number;
  reportPath: string;
}

const decoder = new TextDecoder();

/**
 * Writes `report.html` in the demo's home: the data-quality report of the most drifted hour (a
 * chart per drifted feature, baseline against current) followed by every monitor run, the
 * estimate-versus-realized table, the approval decisions and the audit state.
 */
export async function writeDemoReport(
  store: ObjectStore,
  findings: DemoFindings,
  window: { start: Date; end: Date },
): Promise<void> {
  const dataQuality = findings.runs.filter((r) => r.monitoringType === 'DataQuality');
  const worst = [...dataQuality].sort((a, b) => b.violationCount - a.violationCount)[0];
  const folder = worst
    ? reportPrefix('reports', DEMO.endpoint, 'data-quality', hourOf(new Date(worst.scheduledTime)))
    : undefined;
  const read = async <T>(key: string, fallback: T): Promise<T> =>
    JSON.parse(
      decoder.decode(await store.get(key).catch(() => new TextEncoder().encode(JSON.stringify(fallback)))),
    ) as T;
  const baseline = await read<StatisticsFile>('baselines/data-quality/statistics.json', { features: [] });
  const current = folder ? await read<StatisticsFile>(`${folder}statistics.json`, baseline) : baseline;
  const violations = folder
    ? await read<ViolationsFile>(`${folder}constraint_violations.json`, { violations: [] })
    : { violations: [] };
  const html = renderDataQualityReport({
    title: `Vigil demo — ${DEMO.endpoint}`,
    endpoint: DEMO.endpoint,
    window: worst ? { start: new Date(worst.windowStart), end: new Date(worst.windowEnd) } : window,
    baseline,
    current,
    violations,
    sections: [
      { heading: 'Every monitoring run', html: runsTable(findings.runs) },
      {
        heading: 'Model quality: estimated before labels, realized after',
        html: estimatesTable(findings.estimates),
      },
      { heading: 'Approval decisions', html: decisionsList(findings.decisions) },
      {
        heading: 'Guardrails and audit',
        html: `<p>Endpoint ${escapeHtml(DEMO.endpoint)} now serves <b>${escapeHtml(findings.endpointConfig)}</b>. Audit log: ${findings.auditRecords} records, hash chain ${findings.auditOk ? 'intact' : '<b>broken</b>'}. Alerts are in <code>outbox/</code>.</p>`,
      },
    ],
  });
  await store.put('report.html', html, 'text/html');
}

function runsTable(runs: readonly MonitoringExecutionDetail[]): string {
  const rows = runs.map((r) => {
    const detail =
      r.status === 'Failed' ? (r.failureReason ?? '') : r.violations.map((v) => v.subject).join(', ');
    return `<tr><td>${escapeHtml(r.scheduledTime)}</td><td>${escapeHtml(r.monitoringType)}</td><td>${escapeHtml(r.status)}</td><td>${r.recordCount}</td><td>${r.violationCount}</td><td>${escapeHtml(detail)}</td></tr>`;
  });
  return `<table><thead><tr><th>Scheduled</th><th>Monitor</th><th>Status</th><th>Records</th><th>Violations</th><th>What</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function estimatesTable(estimates: DemoFindings['estimates']): string {
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : 'n/a');
  const rows = estimates.map(
    (e) =>
      `<tr><td>${String(e.hour).padStart(2, '0')}:00</td><td>${fmt(e.estimated)}</td><td>${fmt(e.realized)}</td></tr>`,
  );
  return `<table><thead><tr><th>Capture hour</th><th>Estimated accuracy (no labels)</th><th>Realized accuracy</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function decisionsList(decisions: DemoFindings['decisions']): string {
  return `<ul>${decisions.map((d) => `<li><b>${escapeHtml(d.version)}</b> (${escapeHtml(d.note)}): ${escapeHtml(d.decision)}</li>`).join('')}</ul>`;
}
