import { escapeHtml } from '../escape/html.ts';
import type { FeatureStatistics, StatisticsFile, ViolationsFile } from './statistics-shape.ts';
import { categoricalChart, numericChart } from './svg-chart.ts';

/** What a data-quality HTML report shows. */
export interface DataQualityReportInput {
  title: string;
  endpoint: string;
  window: { start: Date; end: Date };
  baseline: StatisticsFile;
  current: StatisticsFile;
  violations: ViolationsFile;
  /** Extra sections (already HTML), e.g. model quality or alerts, appended in order. */
  sections?: { heading: string; html: string }[];
}

/**
 * A self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched) with the run's
 * violations and, per drifted feature, a chart of the baseline against the current distribution.
 *
 * @example
 * ```ts
 * await writeFile('report.html', renderDataQualityReport({ title, endpoint, window, baseline, current, violations }));
 * ```
 */
export function renderDataQualityReport(input: DataQualityReportInput): string {
  const drifted = [...new Set(input.violations.violations.map((v) => v.feature_name))];
  const rows = input.violations.violations
    .map(
      (v) =>
        `<tr><td>${escapeHtml(v.feature_name)}</td><td><code>${escapeHtml(v.constraint_check_type)}</code></td><td>${escapeHtml(v.description)}</td></tr>`,
    )
    .join('');
  const charts = drifted.map((name) => featureSection(name, input.baseline, input.current)).join('');
  const extra = (input.sections ?? []).map((s) => `<h2>${escapeHtml(s.heading)}</h2>${s.html}`).join('');
  const count = input.current.dataset?.item_count ?? 0;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title><style>${CSS}</style></head><body>
<h1>${escapeHtml(input.title)}</h1>
<p>Endpoint <b>${escapeHtml(input.endpoint)}</b> · window ${input.window.start.toISOString()} → ${input.window.end.toISOString()} · ${count} records · <b>${input.violations.violations.length}</b> violations on ${drifted.length} features</p>
<h2>Violations</h2>
${rows ? `<table><thead><tr><th>Feature</th><th>Check</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>None: the window matches the baseline.</p>'}
<h2>Drifted features</h2>${charts || '<p>No feature drifted.</p>'}
${extra}
<footer>Written by Vigil. The run's SageMaker-compatible statistics.json and constraint_violations.json are in its report folder.</footer>
</body></html>`;
}

function featureSection(name: string, baseline: StatisticsFile, current: StatisticsFile): string {
  const b = baseline.features.find((f) => f.name === name);
  const c = current.features.find((f) => f.name === name);
  const chart = b && c ? chartFor(b, c) : '<p>(feature missing on one side: nothing to chart)</p>';
  return `<section><h3>${escapeHtml(name)}</h3>${chart}${summary(b, 'baseline')}${summary(c, 'current')}</section>`;
}

function chartFor(b: FeatureStatistics, c: FeatureStatistics): string {
  const bk = b.numerical_statistics?.distribution?.kll?.buckets;
  const ck = c.numerical_statistics?.distribution?.kll?.buckets;
  if (bk && ck) return numericChart(bk, ck);
  const bc = b.string_statistics?.distribution?.categorical?.buckets;
  const cc = c.string_statistics?.distribution?.categorical?.buckets;
  if (bc && cc) return categoricalChart(bc, cc);
  return '<p>(no comparable distribution: the types differ)</p>';
}

function summary(f: FeatureStatistics | undefined, label: string): string {
  if (!f) return `<p class="muted">${label}: absent</p>`;
  const n = f.numerical_statistics;
  if (n) {
    return `<p class="muted">${label}: ${escapeHtml(String(f.inferred_type))}, mean ${round(n.mean)}, std ${round(n.std_dev)}, min ${round(n.min)}, max ${round(n.max)}, missing ${escapeHtml(String(n.common.num_missing))}</p>`;
  }
  const s = f.string_statistics;
  return `<p class="muted">${label}: ${escapeHtml(String(f.inferred_type))}, distinct ≈ ${round(s?.distinct_count ?? 0)}, missing ${escapeHtml(String(s?.common.num_missing ?? 0))}</p>`;
}

const round = (n: number) => String(Math.round(n * 1000) / 1000);

const CSS =
  'body{font:14px/1.45 system-ui,sans-serif;max-width:980px;margin:2em auto;color:#111;padding:0 1em}' +
  'table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}' +
  'th{background:#f3f4f6}section{margin:1.5em 0;page-break-inside:avoid}.muted{color:#555;margin:.2em 0}' +
  'footer{margin-top:3em;color:#666;font-size:12px}code{font-size:12px}';
