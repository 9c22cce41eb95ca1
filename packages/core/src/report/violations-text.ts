import { escapeHtml } from '../escape/html.ts';

/** One violation said in plain words: what it is about, and what happened. */
export interface PlainViolation {
  subject: string;
  /** A sentence, e.g. `mean moved from 0.01 to 0.52; wasserstein 0.5 > 0.1`. */
  words: string;
  /** `drift`: a drift verdict the run's settings do not count as a violation. Default `violation`. */
  kind?: 'violation' | 'drift';
}

/**
 * The run's violations as a list of plain sentences (`subject: words`), or a line saying there
 * were none; then any drift verdicts not counted as violations, as a second list.
 *
 * @example
 * ```ts
 * violationsText([{ subject: 'f1', words: 'mean moved from 0.01 to 0.52; wasserstein 0.5 > 0.1' }]);
 * // '<ul class="violations"><li><b>f1</b>: mean moved from 0.01 to 0.52; wasserstein 0.5 &gt; 0.1</li></ul>'
 * ```
 */
export function violationsText(violations: readonly PlainViolation[]): string {
  const list = (items: readonly PlainViolation[]) =>
    `<ul class="violations">${items.map((v) => `<li><b>${escapeHtml(v.subject)}</b>: ${escapeHtml(v.words)}</li>`).join('')}</ul>`;
  const counted = violations.filter((v) => v.kind !== 'drift');
  const drift = violations.filter((v) => v.kind === 'drift');
  return [
    counted.length > 0 ? list(counted) : '<p class="ok-line">No violations: every check passed.</p>',
    drift.length > 0 ? `<p>Drift that the run's settings do not count as a violation:</p>${list(drift)}` : '',
  ].join('');
}
