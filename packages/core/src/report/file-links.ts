import { escapeHtml } from '../escape/html.ts';

/** What each file of a report folder is, for its link. */
const FILE_DESCRIPTIONS: Record<string, string> = {
  'statistics.json': 'SageMaker statistics of the window',
  'constraint_violations.json': 'SageMaker constraint violations',
  'constraints.json': 'the baseline constraints the window was checked against',
  'drift_report.json': "Vigil's per-feature drift verdicts",
  'vigil_notes.json': "Vigil's notes on the input (ragged rows, non-finite values)",
  'analysis.json': 'Clarify analysis of the window',
  'estimated_quality.json': 'quality estimated before labels',
  'comparison.json': 'variant comparison',
};

/**
 * Relative links to the files written beside the report, in the order given: the href is the
 * file's name (URI-encoded, then escaped), so the page works wherever the folder is opened.
 *
 * @example
 * ```ts
 * fileLinks(['statistics.json', 'constraint_violations.json']);
 * // '<ul class="files"><li><a href="statistics.json">statistics.json</a> — SageMaker statistics of the window</li>…'
 * ```
 */
export function fileLinks(names: readonly string[]): string {
  if (names.length === 0) return '<p class="muted">No files were written.</p>';
  return `<ul class="files">${names
    .map((name) => {
      const about = FILE_DESCRIPTIONS[name];
      return `<li><a href="${escapeHtml(encodeURIComponent(name))}">${escapeHtml(name)}</a>${about ? ` — ${escapeHtml(about)}` : ''}</li>`;
    })
    .join('')}</ul>`;
}
