import { escapeHtml } from '../../escape/html.ts';
import type { AttributionViolation, BaselineAttribution } from '../../explain/drift.ts';
import type { FeatureRow } from '../feature-table.ts';
import { featureTable } from '../feature-table.ts';
import { formatNumber } from '../format.ts';
import { groupedBarChart } from '../histogram-chart.ts';
import type { MonitorReport } from './monitor-report.ts';

/** The global attributions of one label in the window. */
export interface CurrentAttribution {
  label: string;
  globalShapValues: Record<string, number>;
}

/** What the feature-attribution part of a report is made from. */
export interface AttributionSectionInput {
  current: readonly CurrentAttribution[];
  /** The baseline's attributions; without them nothing was compared. */
  baseline?: readonly BaselineAttribution[];
  /** label → nDCG of the window's ranking against the baseline's. */
  ndcgByLabel: Readonly<Record<string, number>>;
  threshold: number;
  violations: readonly AttributionViolation[];
}

/** The most features an attribution chart shows (the largest baseline attributions). */
const MAX_CHART_FEATURES = 16;

/**
 * The feature-attribution part of a run's report: per label, the nDCG of the window's attribution
 * ranking against the baseline's with its threshold and verdict; a table of every feature's
 * baseline and current global SHAP value and rank; and the two overlaid as grouped bars.
 *
 * @example
 * ```ts
 * const { sections } = attributionSection({ current, baseline, ndcgByLabel: { label0: 0.95 }, threshold: 0.9, violations: [] });
 * ```
 */
export function attributionSection(input: AttributionSectionInput): MonitorReport {
  const violated = new Set(input.violations.map((v) => v.label));
  const labelRows: FeatureRow[] = input.current.map((c) => {
    const score = input.ndcgByLabel[c.label];
    return {
      name: c.label,
      method: 'nDCG',
      value: score ?? null,
      threshold: `violation when < ${formatNumber(input.threshold)}`,
      verdict: violated.has(c.label) ? 'violation' : score === undefined ? 'not checked' : 'ok',
      note: score === undefined ? 'no baseline attributions for this label' : undefined,
    };
  });
  const sections = [{ heading: 'Attribution drift per label', html: featureTable(labelRows, 'Label') }];
  for (const current of input.current) {
    const base = input.baseline?.find((b) => b.label === current.label)?.globalShapValues ?? {};
    const features = [...new Set([...Object.keys(base), ...Object.keys(current.globalShapValues)])];
    const rank = (values: Record<string, number>) => {
      const order = Object.keys(values).sort((a, b) => (values[b] as number) - (values[a] as number));
      return (f: string) => (f in values ? order.indexOf(f) + 1 : undefined);
    };
    const baseRank = rank(base);
    const nowRank = rank(current.globalShapValues);
    const rows = features
      .map((f) => ({ f, b: base[f], c: current.globalShapValues[f] }))
      .sort((x, y) => (y.b ?? -Infinity) - (x.b ?? -Infinity) || (y.c ?? 0) - (x.c ?? 0));
    const table = `<table><thead><tr><th scope="col">Feature</th><th scope="col">Baseline SHAP</th><th scope="col">Baseline rank</th><th scope="col">Current SHAP</th><th scope="col">Current rank</th></tr></thead><tbody>${rows
      .map(
        (r) =>
          `<tr data-name="${escapeHtml(r.f)}"><td>${escapeHtml(r.f)}</td><td class="num">${formatNumber(r.b)}</td><td class="num">${baseRank(r.f) ?? '–'}</td><td class="num">${formatNumber(r.c)}</td><td class="num">${nowRank(r.f) ?? '–'}</td></tr>`,
      )
      .join('')}</tbody></table>`;
    const shown = rows.slice(0, MAX_CHART_FEATURES);
    const chart = groupedBarChart({
      groups: shown.map((r) => r.f),
      baseline: shown.map((r) => r.b ?? 0),
      current: shown.map((r) => r.c ?? 0),
      label: `Global SHAP values of label ${current.label}, baseline and current`,
      xTitle: 'feature',
      yTitle: 'global SHAP value',
    });
    sections.push({ heading: `Attributions of label ${current.label}`, html: chart + table });
  }
  return {
    sections,
    violations: input.violations.map((v) => ({
      subject: v.label,
      words: `nDCG ${formatNumber(input.ndcgByLabel[v.label])} < ${formatNumber(input.threshold)}: the ranking of features by attribution moved away from the baseline's`,
    })),
  };
}
