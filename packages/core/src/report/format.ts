/**
 * A number as a report shows it: four significant digits, exponent form for very large or small
 * magnitudes, `n/a` for a value that was not computed.
 *
 * @example
 * ```ts
 * formatNumber(0.123456); // '0.1235'
 * formatNumber(null); // 'n/a'
 * ```
 */
export function formatNumber(value: number | null | undefined): string {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-4) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/**
 * A share (0–1) as a percentage with one decimal.
 *
 * @example
 * ```ts
 * formatPercent(0.1234); // '12.3%'
 * ```
 */
export function formatPercent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
