import { escapeHtml } from '../escape/html.ts';
import { formatNumber } from './format.ts';

/**
 * How a row of the table came out. `drift`: Vigil's drift verdict crossed its threshold, but the
 * run's settings do not count drift as a violation (see drift settings).
 */
export type Verdict = 'ok' | 'drift' | 'violation' | 'not checked';

/** One row of a report's table: a feature (or metric) with how it was judged. */
export interface FeatureRow {
  /** The feature, metric or label the row is about (user data: escaped when shown). */
  name: string;
  /** The method or check, e.g. `wasserstein`, `LessThanThreshold`, `nDCG`. */
  method: string;
  value: number | null;
  /** The limit the value is held to, as shown (e.g. `0.1` or `< 0.8`); empty when there is none. */
  threshold: string;
  verdict: Verdict;
  /** Why not checked, or a note on the verdict. */
  note?: string;
}

/**
 * The table of every feature (or metric) of a run: name, method, value, threshold and verdict,
 * violations marked. The first column's heading names what the rows are.
 *
 * @example
 * ```ts
 * featureTable([{ name: 'age', method: 'psi', value: 0.31, threshold: '0.2', verdict: 'violation' }]);
 * ```
 */
export function featureTable(rows: readonly FeatureRow[], subject = 'Feature'): string {
  if (rows.length === 0) return '<p class="muted">Nothing was checked.</p>';
  const body = rows
    .map((row) => {
      return `<tr class="${ROW_CLASS[row.verdict]}" data-name="${escapeHtml(row.name)}" data-verdict="${row.verdict}"><td>${escapeHtml(row.name)}</td><td><code>${escapeHtml(row.method)}</code></td><td class="num">${escapeHtml(formatNumber(row.value))}</td><td class="num">${escapeHtml(row.threshold)}</td><td>${VERDICT_TEXT[row.verdict]}</td><td>${escapeHtml(row.note ?? '')}</td></tr>`;
    })
    .join('');
  return `<table class="features"><thead><tr><th scope="col">${escapeHtml(subject)}</th><th scope="col">Method</th><th scope="col">Value</th><th scope="col">Threshold</th><th scope="col">Verdict</th><th scope="col">Note</th></tr></thead><tbody>${body}</tbody></table>`;
}

const VERDICT_TEXT: Record<Verdict, string> = {
  ok: '✓ ok',
  drift: '⚠ drift',
  violation: '✗ violation',
  'not checked': '– not checked',
};

const ROW_CLASS: Record<Verdict, string> = {
  ok: 'good',
  drift: 'warn',
  violation: 'bad',
  'not checked': 'skip',
};
