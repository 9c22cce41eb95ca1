import { escapeHtml } from '../escape/html.ts';
import { axes, fmt, PLOT } from './chart-axes.ts';
import { formatNumber } from './format.ts';
import { niceTicks } from './nice-ticks.ts';

/** One line of a trend chart: a value per x label (null where there is none). */
export interface TrendSeries {
  name: string;
  values: readonly (number | null)[];
}

/** What a trend chart shows. */
export interface TrendChartInput {
  /** The x labels, in order (e.g. the run hours). */
  labels: readonly string[];
  series: readonly TrendSeries[];
  /** A horizontal line, e.g. the drift threshold. */
  threshold?: { value: number; label: string };
  /** The chart's accessible name. */
  label: string;
  xTitle: string;
  yTitle: string;
}

/** Colours of up to eight lines; further lines reuse them. */
const LINE_COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2', '#be185d', '#4b5563'];

/**
 * Values over time as lines with points, one per series, an optional dashed threshold line, a
 * legend, and labelled, ticked axes. Each point carries its series and label (`data-series`,
 * `data-x`, `data-value`).
 *
 * @example
 * ```ts
 * trendChart({ labels: ['01:00', '02:00'], series: [{ name: 'wind', values: [0.05, 0.5] }],
 *   threshold: { value: 0.1, label: 'threshold 0.1' }, label: 'Drift by hour', xTitle: 'hour', yTitle: 'drift' });
 * ```
 */
export function trendChart(input: TrendChartInput): string {
  const a = PLOT;
  const values = input.series.flatMap((s) =>
    s.values.filter((v): v is number => v !== null && Number.isFinite(v)),
  );
  if (input.threshold) values.push(input.threshold.value);
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values, lo + 1e-9);
  const yTicks = niceTicks(lo, hi, 4);
  const yMin = yTicks[0] as number;
  const yMax = yTicks[yTicks.length - 1] as number;
  const width = a.width - a.left - a.right;
  const x = (i: number) =>
    a.left + (input.labels.length === 1 ? width / 2 : (i / (input.labels.length - 1)) * width);
  const y = (v: number) =>
    a.height - a.bottom - ((v - yMin) / (yMax - yMin || 1)) * (a.height - a.top - a.bottom);
  const lines = input.series.map((s, n) => {
    const color = LINE_COLORS[n % LINE_COLORS.length] as string;
    const points = s.values.flatMap((v, i) => (v === null || !Number.isFinite(v) ? [] : [[i, v] as const]));
    const path = points.map(([i, v]) => `${fmt(x(i))},${fmt(y(v))}`).join(' ');
    const dots = points
      .map(
        ([i, v]) =>
          `<circle class="point" data-series="${escapeHtml(s.name)}" data-x="${escapeHtml(input.labels[i] as string)}" data-value="${v}" cx="${fmt(x(i))}" cy="${fmt(y(v))}" r="3" fill="${color}"><title>${escapeHtml(`${s.name} ${input.labels[i]}: ${formatNumber(v)}`)}</title></circle>`,
      )
      .join('');
    return `<polyline points="${path}" fill="none" stroke="${color}" stroke-width="1.5"/>${dots}`;
  });
  const threshold = input.threshold
    ? `<line class="threshold" x1="${a.left}" y1="${fmt(y(input.threshold.value))}" x2="${a.width - a.right}" y2="${fmt(y(input.threshold.value))}" stroke="#111" stroke-dasharray="5 4"/><text x="${a.width - a.right}" y="${fmt(y(input.threshold.value) - 4)}" font-size="11" text-anchor="end">${escapeHtml(input.threshold.label)}</text>`
    : '';
  const legend = input.series
    .map((s, n) => {
      const lx = a.left + 8 + n * 92;
      return `<rect x="${lx}" y="6" width="12" height="3" fill="${LINE_COLORS[n % LINE_COLORS.length]}"/><text x="${lx + 16}" y="12" font-size="11">${escapeHtml(s.name.length > 11 ? `${s.name.slice(0, 10)}…` : s.name)}</text>`;
    })
    .join('');
  const xTicks = input.labels.map((text, i) => ({ at: x(i), text }));
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${a.width}" height="${a.height}" viewBox="0 0 ${a.width} ${a.height}" role="img" aria-label="${escapeHtml(input.label)}">${axes({ yTicks, y, xTicks, xTitle: input.xTitle, yTitle: input.yTitle })}${threshold}${lines.join('')}<g class="legend">${legend}</g></svg>`;
}
