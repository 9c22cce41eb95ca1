import { escapeHtml } from '../escape/html.ts';
import { axes, fmt, legend, PLOT, SERIES_COLORS } from './chart-axes.ts';
import { formatNumber, formatPercent } from './format.ts';
import { niceTicks } from './nice-ticks.ts';
import type { SharedBins, SharedCategories } from './rebin.ts';

/**
 * Overlaid histograms of a numeric feature on shared bins: the baseline as filled bars, the
 * current window as outlined translucent bars on the same edges, y = share of each side's records,
 * with both axes labelled and ticked. Every bar carries its bin (`data-lo`, `data-hi`) and series.
 *
 * @example
 * ```ts
 * const svg = histogramChart(sharedBins(baseline, current)!, 'price');
 * ```
 */
export function histogramChart(bins: SharedBins, feature: string): string {
  const a = PLOT;
  const lo = bins.edges[0] as number;
  const hi = bins.edges[bins.edges.length - 1] as number;
  const top = Math.max(...bins.baseline, ...bins.current, 0.01);
  const yTicks = niceTicks(0, top, 4);
  const yMax = yTicks[yTicks.length - 1] as number;
  const x = (v: number) => a.left + ((v - lo) / (hi - lo)) * (a.width - a.left - a.right);
  const y = (share: number) => a.height - a.bottom - (share / yMax) * (a.height - a.top - a.bottom);
  const bars = (['baseline', 'current'] as const).flatMap((series) =>
    bins[series].map((share, i) => {
      const left = bins.edges[i] as number;
      const right = bins.edges[i + 1] as number;
      const color = SERIES_COLORS[series];
      const style =
        series === 'baseline'
          ? `fill="${color}" fill-opacity="0.55"`
          : `fill="${color}" fill-opacity="0.25" stroke="${color}" stroke-width="1.5"`;
      return `<rect class="bar" data-series="${series}" data-lo="${left}" data-hi="${right}" data-share="${share}" x="${fmt(x(left))}" y="${fmt(y(share))}" width="${fmt(Math.max(x(right) - x(left), 0.5))}" height="${fmt(a.height - a.bottom - y(share))}" ${style}><title>${escapeHtml(`${series} ${formatNumber(left)} – ${formatNumber(right)}: ${formatPercent(share)}`)}</title></rect>`;
    }),
  );
  // About five labelled edges, every `step`-th one, so labels never crowd.
  const step = Math.ceil((bins.edges.length - 1) / 5);
  const xTicks = bins.edges
    .filter((_, i) => i % step === 0)
    .map((edge) => ({ at: x(edge), text: formatNumber(edge) }));
  return svg(
    `Distribution of ${feature}, baseline and current, on shared bins`,
    bars.join('') +
      axes({
        yTicks,
        y,
        yFormat: formatPercent,
        xTicks,
        xTitle: `${feature} (value, ${bins.edges.length - 1} equal-width bins)`,
        yTitle: 'share of records',
      }) +
      legend(),
    `data-edges="${bins.edges.join(' ')}"`,
  );
}

/**
 * Grouped bars of a categorical feature on the union of both sides' categories: per category a
 * baseline bar and a current bar, y = share of each side's records, axes labelled and ticked.
 *
 * @example
 * ```ts
 * const svg = categoryChart(sharedCategories(baselineBuckets, currentBuckets), 'state');
 * ```
 */
export function categoryChart(shared: SharedCategories, feature: string): string {
  return groupedBarChart({
    groups: shared.categories,
    baseline: shared.baseline,
    current: shared.current,
    label: `Categories of ${feature}, baseline and current`,
    xTitle: `${feature} (category)`,
    yTitle: 'share of records',
    format: formatPercent,
  });
}

/** What a grouped bar chart shows: one baseline and one current value per group, all at least 0. */
export interface GroupedBars {
  groups: readonly string[];
  baseline: readonly number[];
  current: readonly number[];
  /** The chart's accessible name. */
  label: string;
  xTitle: string;
  yTitle: string;
  format?: (value: number) => string;
  /** The legend's names of the two series; default baseline and current. */
  seriesNames?: readonly [string, string];
}

/**
 * Grouped bars, baseline beside current per group, with labelled and ticked axes; every bar
 * carries its series and group (`data-series`, `data-category`).
 *
 * @example
 * ```ts
 * groupedBarChart({ groups: ['age'], baseline: [0.3], current: [0.1], label: 'SHAP', xTitle: 'feature', yTitle: 'mean |SHAP|' });
 * ```
 */
export function groupedBarChart(input: GroupedBars): string {
  const a = PLOT;
  const format = input.format ?? formatNumber;
  const finite = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
  const top = Math.max(...input.baseline.map(finite), ...input.current.map(finite)) || 1;
  const yTicks = niceTicks(0, top, 4);
  const yMax = yTicks[yTicks.length - 1] as number;
  const slot = (a.width - a.left - a.right) / Math.max(input.groups.length, 1);
  const y = (value: number) => a.height - a.bottom - (finite(value) / yMax) * (a.height - a.top - a.bottom);
  const bars = input.groups.flatMap((group, i) =>
    (['baseline', 'current'] as const).map((series, s) => {
      const value = input[series][i] as number;
      const color = SERIES_COLORS[series];
      const style =
        series === 'baseline'
          ? `fill="${color}" fill-opacity="0.55"`
          : `fill="${color}" fill-opacity="0.25" stroke="${color}" stroke-width="1.5"`;
      return `<rect class="bar" data-series="${series}" data-category="${escapeHtml(group)}" data-value="${value}" x="${fmt(a.left + i * slot + slot * (0.1 + s * 0.4))}" y="${fmt(y(value))}" width="${fmt(slot * 0.4)}" height="${fmt(a.height - a.bottom - y(value))}" ${style}><title>${escapeHtml(`${series} ${group}: ${format(value)}`)}</title></rect>`;
    }),
  );
  const xTicks = input.groups.map((group, i) => ({
    at: a.left + i * slot + slot / 2,
    text: group.length > 10 ? `${group.slice(0, 9)}…` : group,
  }));
  return svg(
    input.label,
    bars.join('') +
      axes({ yTicks, y, yFormat: format, xTicks, xTitle: input.xTitle, yTitle: input.yTitle }) +
      legend(input.seriesNames),
    `data-categories="${input.groups.length}"`,
  );
}

function svg(label: string, body: string, attributes: string): string {
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${PLOT.width}" height="${PLOT.height}" viewBox="0 0 ${PLOT.width} ${PLOT.height}" role="img" aria-label="${escapeHtml(label)}" ${attributes}>${body}</svg>`;
}
