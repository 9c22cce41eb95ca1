import { escapeHtml } from '../escape/html.ts';
import { fileLinks } from './file-links.ts';
import { type PlainViolation, violationsText } from './violations-text.ts';

/** One part of a report page: a heading and its HTML (already escaped by whoever built it). */
export interface ReportSection {
  heading: string;
  html: string;
}

/** What a report page shows. */
export interface ReportPage {
  title: string;
  /** Facts under the title (`label: value`), e.g. endpoint, window, status; values are escaped. */
  facts: readonly (readonly [string, string])[];
  /** When the run failed: why, shown first. */
  failureReason?: string;
  violations: readonly PlainViolation[];
  sections: readonly ReportSection[];
  /** The files beside the page, linked relatively; omitted: no Files section. */
  files?: readonly string[];
}

/**
 * A whole, self-contained HTML page: inline CSS, inline SVG, no script and nothing fetched, so it
 * opens from a folder, an S3 download or an e-mail attachment alike. Title and facts, the failure
 * if any, the violations in plain words, the sections, and links to the files beside it.
 *
 * @example
 * ```ts
 * renderPage({ title: 'Data quality — churn', facts: [['Status', 'Completed']], violations: [], sections: [] });
 * ```
 */
export function renderPage(page: ReportPage): string {
  const facts = page.facts
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  const failure = page.failureReason
    ? `<p class="failure" role="alert"><b>The run failed:</b> ${escapeHtml(page.failureReason)}</p>`
    : '';
  const sections = page.sections.map((s) => `<section><h2>${escapeHtml(s.heading)}</h2>${s.html}</section>`);
  const files = page.files ? `<section><h2>Files in this folder</h2>${fileLinks(page.files)}</section>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(page.title)}</title><style>${CSS}</style></head>
<body><main>
<h1>${escapeHtml(page.title)}</h1>
<dl class="facts">${facts}</dl>
${failure}<section><h2>Violations</h2>${violationsText(page.violations)}</section>
${sections.join('\n')}
${files}
<footer>Written by Vigil. Self-contained: no script, nothing loaded from elsewhere.</footer>
</main></body></html>
`;
}

const CSS = [
  'body{font:14px/1.45 system-ui,sans-serif;color:#111;background:#fff;margin:0}',
  'main{max-width:1000px;margin:2em auto;padding:0 1em}',
  'h1{font-size:22px;margin:.2em 0 .4em}h2{font-size:17px;margin:1.6em 0 .5em;border-bottom:1px solid #e5e7eb}',
  'h3{font-size:15px;margin:1.2em 0 .3em}',
  '.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}.facts dt{color:#374151;font-weight:600}.facts dd{margin:0}',
  'table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #d1d5db;padding:4px 8px;text-align:left;vertical-align:top}',
  'th{background:#f3f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums}table.features td:nth-child(5){white-space:nowrap}',
  'tr.bad td{background:#fef2f2}tr.bad td:nth-child(5){color:#991b1b;font-weight:600}tr.good td:nth-child(5){color:#166534}tr.skip td{color:#4b5563}tr.warn td{background:#fffbeb}tr.warn td:nth-child(5){color:#92400e;font-weight:600}',
  '.violations li{margin:.2em 0}.ok-line{color:#166534}.failure{background:#fef2f2;border:1px solid #fca5a5;padding:8px}',
  '.muted{color:#4b5563}.chart{max-width:100%;height:auto;display:block;margin:.4em 0}',
  'figure{margin:1em 0}figcaption{color:#374151;font-size:13px}',
  'code{font-size:12px}a{color:#1d4ed8}footer{margin-top:3em;color:#4b5563;font-size:12px}',
].join('');
