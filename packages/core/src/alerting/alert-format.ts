import type { Alert, AlertSignal } from '../ports/notifier.ts';

const OPERATOR_SYMBOL: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

/** States in which a signal's value is beyond its threshold. */
const BREACHING_STATES = new Set(['ALARM', 'CompletedWithViolations', 'Failed']);

/**
 * A number as people read it in an alert: up to 4 significant decimals, no float noise.
 *
 * @example
 * ```ts
 * formatNumber(0.30000000000000004); // '0.3'
 * ```
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 2 : abs >= 1 ? 3 : 4;
  return String(Number(value.toFixed(digits)));
}

/**
 * "What crossed which threshold" for one signal, e.g. `feature_baseline_drift_age = 0.31 > 0.1 (baseline 0.05)`.
 *
 * @example
 * ```ts
 * signalLine({ source: 'a', metric: 'recall', value: 0.41, threshold: 0.62, comparison: 'LessThanThreshold', state: 'ALARM', summary: '' });
 * // 'recall = 0.41 < 0.62'
 * ```
 */
export function signalLine(signal: AlertSignal): string {
  const parts = [signal.metric];
  if (signal.value !== undefined) parts.push(`= ${formatNumber(signal.value)}`);
  if (signal.threshold !== undefined) {
    const symbol = (signal.comparison && OPERATOR_SYMBOL[signal.comparison]) ?? 'vs';
    parts.push(
      `${BREACHING_STATES.has(signal.state) ? symbol : `not ${symbol}`} ${formatNumber(signal.threshold)}`,
    );
  }
  if (signal.baseline !== undefined) parts.push(`(baseline ${formatNumber(signal.baseline)})`);
  return parts.join(' ');
}

/**
 * The window of an alert's signals, `start → end`, or undefined when none has one.
 *
 * @example
 * ```ts
 * alertWindow(alert); // '2024-05-01T12:00:00.000Z → 2024-05-01T13:00:00.000Z'
 * ```
 */
export function alertWindow(alert: Alert): string | undefined {
  const windows = alert.signals.map((s) => s.window).filter((w) => w !== undefined);
  if (!windows.length) return undefined;
  const start = windows.map((w) => w.start).sort()[0];
  const end = windows
    .map((w) => w.end)
    .sort()
    .at(-1);
  return `${start} → ${end}`;
}
