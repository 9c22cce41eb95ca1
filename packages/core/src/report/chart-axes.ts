import { escapeHtml } from '../escape/html.ts';
import { formatNumber } from './format.ts';

/** The drawing area of a chart inside its SVG, in pixels. */
export interface PlotArea {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The plot area every report chart uses: room on the left and below for ticks and axis titles. */
export const PLOT: PlotArea = { width: 640, height: 260, left: 64, right: 16, top: 28, bottom: 56 };

/** Colours of the two series, told apart by more than hue (the current bars are also outlined). */
export const SERIES_COLORS = { baseline: '#64748b', current: '#dc2626' } as const;

/**
 * The axes of a chart as SVG: both axis lines, the y ticks with their values and grid lines, the
 * x ticks given (position and text), and an axis title under the x axis and along the y axis.
 *
 * @example
 * ```ts
 * axes({ yTicks: [0, 0.5], y: (v) => 200 - v * 100, xTicks: [{ at: 64, text: '0' }], xTitle: 'age', yTitle: 'share' });
 * ```
 */
export function axes(options: {
  yTicks: readonly number[];
  y: (value: number) => number;
  yFormat?: (value: number) => string;
  xTicks: readonly { at: number; text: string }[];
  xTitle: string;
  yTitle: string;
  area?: PlotArea;
}): string {
  const a = options.area ?? PLOT;
  const baseY = a.height - a.bottom;
  const format = options.yFormat ?? formatNumber;
  const yParts = options.yTicks.map((t) => {
    const at = fmt(options.y(t));
    return `<line x1="${a.left}" y1="${at}" x2="${a.width - a.right}" y2="${at}" stroke="#e5e7eb"/><text class="y-tick" x="${a.left - 6}" y="${at}" dy="4" font-size="11" text-anchor="end">${escapeHtml(format(t))}</text>`;
  });
  const xParts = options.xTicks.map(
    (t) =>
      `<line x1="${fmt(t.at)}" y1="${baseY}" x2="${fmt(t.at)}" y2="${baseY + 5}" stroke="#111"/><text class="x-tick" x="${fmt(t.at)}" y="${baseY + 18}" font-size="11" text-anchor="middle">${escapeHtml(t.text)}</text>`,
  );
  const middleX = (a.left + a.width - a.right) / 2;
  const middleY = (a.top + baseY) / 2;
  return [
    ...yParts,
    `<line x1="${a.left}" y1="${baseY}" x2="${a.width - a.right}" y2="${baseY}" stroke="#111"/>`,
    `<line x1="${a.left}" y1="${a.top}" x2="${a.left}" y2="${baseY}" stroke="#111"/>`,
    ...xParts,
    `<text class="x-title" x="${fmt(middleX)}" y="${a.height - 8}" font-size="12" text-anchor="middle">${escapeHtml(options.xTitle)}</text>`,
    `<text class="y-title" x="14" y="${fmt(middleY)}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${fmt(middleY)})">${escapeHtml(options.yTitle)}</text>`,
  ].join('');
}

/**
 * The legend of the baseline and current series, top right.
 *
 * @example
 * ```ts
 * legend(); // '<g class="legend">…baseline…current…</g>'
 * ```
 */
export function legend(
  names: readonly [string, string] = ['baseline', 'current'],
  area: PlotArea = PLOT,
): string {
  const x = area.width - area.right - 170;
  return `<g class="legend"><rect x="${x}" y="6" width="12" height="12" fill="${SERIES_COLORS.baseline}" fill-opacity="0.55"/><text x="${x + 16}" y="16" font-size="11">${escapeHtml(names[0])}</text><rect x="${x + 90}" y="6" width="12" height="12" fill="${SERIES_COLORS.current}" fill-opacity="0.35" stroke="${SERIES_COLORS.current}"/><text x="${x + 106}" y="16" font-size="11">${escapeHtml(names[1])}</text></g>`;
}

/** A pixel coordinate with one decimal. */
export const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();
