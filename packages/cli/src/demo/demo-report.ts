import { hourOf, type MonitoringExecutionDetail, type ObjectStore, reportPrefix } from '@vigil/core';
import {
  DRIFT_REPORT_FILE,
  type DriftReport,
  parseStatisticsFile,
  type StatisticsFile,
} from '@vigil/core/dataquality';
import { parseJson } from '@vigil/core/json';
import {
  dataQualitySection,
  escapeHtml,
  type MonitorReport,
  REPORT_FILE,
  type ReportSection,
  renderPage,
  trendChart,
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
 * Writes `report.html` in the demo's home, with the same renderer as every run's own report: the
 * data-quality tables and shared-bin charts of the most drifted hour, then every monitor run
 * (each linking to its own report.html), the estimate-versus-realized table, the approval
 * decisions and the audit state.
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
  const worstReport = folder ? await readDataQuality(store, folder) : undefined;
  const shown = worst ? { start: new Date(worst.windowStart), end: new Date(worst.windowEnd) } : window;
  const sections: ReportSection[] = [
    ...(worstReport?.sections ?? []).map((s) => ({
      heading: `Most drifted hour — ${s.heading.toLowerCase()}`,
      html: s.html,
    })),
    { heading: 'Drift hour by hour', html: await driftTrend(store, dataQuality) },
    {
      heading: 'Every monitoring run',
      html: runsTable(findings.runs, store.location),
    },
    {
      heading: 'Model quality: estimated before labels, realized after',
      html: estimatesChart(findings.estimates) + estimatesTable(findings.estimates),
    },
    { heading: 'Approval decisions', html: decisionsList(findings.decisions) },
    {
      heading: 'Guardrails and audit',
      html: `<p>Endpoint ${escapeHtml(DEMO.endpoint)} now serves <b>${escapeHtml(findings.endpointConfig)}</b>. Audit log: ${findings.auditRecords} records, hash chain ${findings.auditOk ? 'intact' : '<b>broken</b>'}. Alerts are in <code>outbox/</code>.</p>`,
    },
  ];
  const html = renderPage({
    title: `Vigil demo — ${DEMO.endpoint}`,
    facts: [
      ['Endpoint', DEMO.endpoint],
      ['Most drifted hour', `${shown.start.toISOString()} → ${shown.end.toISOString()}`],
      ['Runs', String(findings.runs.length)],
      ...(folder ? ([["That hour's report", `${folder}${REPORT_FILE}`]] as [string, string][]) : []),
    ],
    violations: worstReport?.violations ?? [],
    sections,
  });
  await store.put('report.html', html, 'text/html; charset=utf-8');
}

// The data-quality report of one run folder, from the files the run wrote there.
async function readDataQuality(store: ObjectStore, folder: string): Promise<MonitorReport | undefined> {
  const text = (key: string) =>
    store.get(key).then(
      (bytes) => decoder.decode(bytes),
      () => undefined,
    );
  const [baselineText, currentText, driftText, violationsText] = await Promise.all([
    text('baselines/data-quality/statistics.json'),
    text(`${folder}statistics.json`),
    text(`${folder}${DRIFT_REPORT_FILE}`),
    text(`${folder}constraint_violations.json`),
  ]);
  if (!currentText) return undefined;
  const statistics = (t: string): StatisticsFile => {
    try {
      return parseStatisticsFile(t);
    } catch {
      return parseJson(t) as unknown as StatisticsFile;
    }
  };
  const violations = violationsText
    ? ((parseJson(violationsText) as unknown as { violations?: DataQualityViolationLike[] }).violations ?? [])
    : [];
  return dataQualitySection({
    baseline: baselineText ? statistics(baselineText) : undefined,
    current: statistics(currentText),
    driftReport: driftText ? (parseJson(driftText) as unknown as DriftReport) : undefined,
    violations,
  });
}

// Each feature's drift value (drift_report.json) in every data-quality run, hour by hour.
async function driftTrend(store: ObjectStore, runs: readonly MonitoringExecutionDetail[]): Promise<string> {
  const ordered = [...runs].sort((a, b) => a.windowStart.localeCompare(b.windowStart));
  const reports = await Promise.all(
    ordered.map((r) =>
      store
        .get(
          `${reportPrefix('reports', DEMO.endpoint, 'data-quality', hourOf(new Date(r.scheduledTime)))}${DRIFT_REPORT_FILE}`,
        )
        .then(
          (bytes) => parseJson(decoder.decode(bytes)) as unknown as DriftReport,
          () => undefined,
        ),
    ),
  );
  const features = [...new Set(reports.flatMap((r) => Object.keys(r?.features ?? {})))];
  if (features.length === 0) return '<p class="muted">No drift report was written.</p>';
  const thresholds = new Set(
    reports.flatMap((r) => Object.values(r?.features ?? {}).map((f) => f.threshold)),
  );
  const threshold = thresholds.size === 1 ? ([...thresholds][0] as number) : undefined;
  return trendChart({
    labels: ordered.map((r) => `${r.windowStart.slice(11, 16)}`),
    series: features.map((name) => ({
      name,
      values: reports.map((r) => r?.features[name]?.value ?? null),
    })),
    threshold: threshold === undefined ? undefined : { value: threshold, label: `threshold ${threshold}` },
    label: 'Drift value of each feature, hour by hour',
    xTitle: 'capture hour (UTC)',
    yTitle: 'drift value (drift_report.json)',
  });
}

function estimatesChart(estimates: DemoFindings['estimates']): string {
  if (estimates.length === 0) return '';
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  return trendChart({
    labels: estimates.map((e) => `${String(e.hour).padStart(2, '0')}:00`),
    series: [
      { name: 'estimated', values: estimates.map((e) => finite(e.estimated)) },
      { name: 'realized', values: estimates.map((e) => finite(e.realized)) },
    ],
    label: 'Accuracy estimated before labels and realized after, hour by hour',
    xTitle: 'capture hour',
    yTitle: 'accuracy',
  });
}

interface DataQualityViolationLike {
  feature_name: string;
  constraint_check_type: string;
  description: string;
}

// Every run, each with a relative link to its own report.html when it wrote one.
function runsTable(runs: readonly MonitoringExecutionDetail[], home: string): string {
  const prefix = `${home.replace(/\/+$/, '')}/`;
  const rows = runs.map((r) => {
    const detail =
      r.status === 'Failed' ? (r.failureReason ?? '') : r.violations.map((v) => v.subject).join(', ');
    // A run that wrote no report (a failure before its files) has no folder to link.
    const uri = r.reportUri ?? '';
    const folder = uri.startsWith(prefix) ? uri.slice(prefix.length) : '';
    const link =
      folder && r.status !== 'Failed'
        ? `<a href="${escapeHtml(folder.split('/').map(encodeURIComponent).join('/'))}${REPORT_FILE}">report</a>`
        : '';
    return `<tr><td>${escapeHtml(r.scheduledTime)}</td><td>${escapeHtml(r.monitoringType)}</td><td>${escapeHtml(r.status)}</td><td class="num">${r.recordCount}</td><td class="num">${r.violationCount}</td><td>${escapeHtml(detail)}</td><td>${link}</td></tr>`;
  });
  return `<table><thead><tr><th scope="col">Scheduled</th><th scope="col">Monitor</th><th scope="col">Status</th><th scope="col">Records</th><th scope="col">Violations</th><th scope="col">What</th><th scope="col">Report</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function estimatesTable(estimates: DemoFindings['estimates']): string {
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : 'n/a');
  const rows = estimates.map(
    (e) =>
      `<tr><td>${String(e.hour).padStart(2, '0')}:00</td><td class="num">${fmt(e.estimated)}</td><td class="num">${fmt(e.realized)}</td></tr>`,
  );
  return `<table><thead><tr><th scope="col">Capture hour</th><th scope="col">Estimated accuracy (no labels)</th><th scope="col">Realized accuracy</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function decisionsList(decisions: DemoFindings['decisions']): string {
  return `<ul>${decisions.map((d) => `<li><b>${escapeHtml(d.version)}</b> (${escapeHtml(d.note)}): ${escapeHtml(d.decision)}</li>`).join('')}</ul>`;
}
