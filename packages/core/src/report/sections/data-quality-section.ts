import type { FeatureStatistics, StatisticsFile } from '../../dataquality/baseline-files.ts';
import type { DriftReport, FeatureDriftVerdict } from '../../dataquality/drift/evaluate-drift.ts';
import { driftMethod } from '../../dataquality/drift/registry.ts';
import { escapeHtml } from '../../escape/html.ts';
import type { FeatureRow } from '../feature-table.ts';
import { featureTable } from '../feature-table.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { categoryChart, histogramChart } from '../histogram-chart.ts';
import { sharedBins, sharedCategories } from '../rebin.ts';
import type { PlainViolation } from '../violations-text.ts';
import type { MonitorReport } from './monitor-report.ts';

/** What the data-quality part of a report is made from. */
export interface DataQualitySectionInput {
  /** The baseline statistics.json; without it nothing can be charted against it. */
  baseline?: StatisticsFile;
  /** The window's statistics.json. */
  current: StatisticsFile;
  /** drift_report.json: per feature, the method, value, threshold and verdict. */
  driftReport?: DriftReport;
  /** constraint_violations.json's violations. */
  violations: readonly { feature_name: string; constraint_check_type: string; description: string }[];
}

/** The most feature charts one report draws (the drifted and violated ones first). */
export const MAX_FEATURE_CHARTS = 60;

/**
 * The data-quality part of a run's report: a table of every feature (drift method, value,
 * threshold, verdict, and the constraint checks it failed), each feature's baseline and current
 * distributions overlaid on shared bins (numeric) or the union of categories (categorical), and
 * every violated feature in plain words ("mean moved from 0.01 to 0.52; wasserstein 0.5 ≥ 0.1").
 *
 * @example
 * ```ts
 * const { sections, violations } = dataQualitySection({ baseline, current, driftReport, violations: [] });
 * ```
 */
export function dataQualitySection(input: DataQualitySectionInput): MonitorReport {
  const names = featureNames(input);
  const byFeature = new Map<string, typeof input.violations>();
  for (const v of input.violations)
    byFeature.set(v.feature_name, [...(byFeature.get(v.feature_name) ?? []), v]);
  const rows = names.map((name) =>
    featureRow(name, input.driftReport?.features[name], byFeature.get(name) ?? []),
  );
  const flagged = new Set(
    rows.filter((r) => r.verdict === 'violation' || r.verdict === 'drift').map((r) => r.name),
  );
  const verdicts = new Map(rows.map((r) => [r.name, r.verdict]));
  const violations: PlainViolation[] = names
    .filter((name) => flagged.has(name))
    .map((name) => ({
      subject: name,
      kind: verdicts.get(name) === 'drift' ? ('drift' as const) : ('violation' as const),
      words: plainWords(
        name,
        input.driftReport?.features[name],
        byFeature.get(name) ?? [],
        statisticsOf(input.baseline, name),
        statisticsOf(input.current, name),
      ),
    }));
  const charted = [...names.filter((n) => flagged.has(n)), ...names.filter((n) => !flagged.has(n))];
  const figures = charted
    .slice(0, MAX_FEATURE_CHARTS)
    .map((name) =>
      featureFigure(name, statisticsOf(input.baseline, name), statisticsOf(input.current, name)),
    );
  const more =
    charted.length > MAX_FEATURE_CHARTS
      ? `<p class="muted">${charted.length - MAX_FEATURE_CHARTS} more features are in the table; statistics.json has their distributions.</p>`
      : '';
  const count = input.current.dataset?.item_count;
  const violated = rows.filter((r) => r.verdict === 'violation').length;
  const drifted = rows.filter((r) => r.verdict === 'drift').length;
  const records = count === undefined ? '' : `${escapeHtml(String(count))} records in the window; `;
  const summary = `${records}${violated} of ${names.length} features violated a check${drifted > 0 ? `, ${drifted} more drifted` : ''}.`;
  return {
    sections: [
      { heading: 'Every feature', html: `<p class="muted">${summary}</p>${featureTable(rows)}` },
      {
        heading: 'Distributions, baseline against current',
        html: input.baseline
          ? figures.join('') + more
          : '<p class="muted">No baseline statistics.json: nothing to compare the window with.</p>',
      },
    ],
    violations,
  };
}

// Baseline order, then features only the window or the drift report has.
function featureNames(input: DataQualitySectionInput): string[] {
  const names = [
    ...(input.baseline?.features ?? []).map((f) => f.name),
    ...input.current.features.map((f) => f.name),
    ...Object.keys(input.driftReport?.features ?? {}),
    ...input.violations.map((v) => v.feature_name),
  ];
  return [...new Set(names)];
}

function statisticsOf(file: StatisticsFile | undefined, name: string): FeatureStatistics | undefined {
  return file?.features.find((f) => f.name === name);
}

function featureRow(
  name: string,
  drift: FeatureDriftVerdict | undefined,
  violations: readonly { constraint_check_type: string; description: string }[],
): FeatureRow {
  const checks = violations.map((v) => v.constraint_check_type);
  const failedChecks = checks.length > 0 ? `failed ${[...new Set(checks)].join(', ')}` : '';
  if (drift) {
    const computed = drift.value !== null && drift.not_computed === undefined;
    const notes = [
      drift.not_computed ? `not computed: ${drift.not_computed}` : '',
      drift.note ?? '',
      failedChecks,
    ];
    return {
      name,
      method: drift.method,
      value: drift.value,
      threshold: thresholdText(drift.method, drift.threshold),
      verdict: checks.length > 0 ? 'violation' : drift.drift ? 'drift' : computed ? 'ok' : 'not checked',
      note: notes.filter(Boolean).join('; '),
    };
  }
  return {
    name,
    method: checks.length > 0 ? [...new Set(checks)].join(', ') : 'constraint checks',
    value: null,
    threshold: '',
    verdict: checks.length > 0 ? 'violation' : 'ok',
    note: checks.length > 0 ? failedChecks : 'no drift method applies',
  };
}

// The threshold with the side of it that is drift: `≥ 0.1` for distances, `< 0.05` for p-values.
function thresholdText(method: string, threshold: number): string {
  const when = driftMethod(method)?.driftWhen;
  return `${when === 'below' ? '< ' : when === 'above' ? '≥ ' : ''}${formatNumber(threshold)}`;
}

function plainWords(
  name: string,
  drift: FeatureDriftVerdict | undefined,
  violations: readonly { constraint_check_type: string; description: string }[],
  baseline: FeatureStatistics | undefined,
  current: FeatureStatistics | undefined,
): string {
  const parts: string[] = [];
  const move = movement(baseline, current);
  if (move) parts.push(move);
  if (drift?.drift && drift.value !== null) {
    const when = driftMethod(drift.method)?.driftWhen;
    parts.push(
      `${drift.method} ${formatNumber(drift.value)} ${when === 'below' ? '<' : '≥'} ${formatNumber(drift.threshold)}`,
    );
  }
  for (const v of violations) parts.push(`${v.constraint_check_type}: ${v.description}`);
  return parts.length > 0 ? parts.join('; ') : `${name} violated a check`;
}

// What moved, in words: the mean of a numeric feature, the share that changed most of a categorical one.
function movement(baseline: FeatureStatistics | undefined, current: FeatureStatistics | undefined): string {
  const before = baseline?.numerical_statistics?.mean;
  const after = current?.numerical_statistics?.mean;
  if (typeof before === 'number' && typeof after === 'number')
    return `mean moved from ${formatNumber(before)} to ${formatNumber(after)}`;
  const b = baseline?.string_statistics?.distribution?.categorical?.buckets;
  const c = current?.string_statistics?.distribution?.categorical?.buckets;
  if (b && c && b.length > 0 && c.length > 0) {
    const shared = sharedCategories(b, c, Number.POSITIVE_INFINITY);
    let most = 0;
    shared.categories.forEach((_, i) => {
      const gap = Math.abs((shared.current[i] as number) - (shared.baseline[i] as number));
      if (gap > Math.abs((shared.current[most] as number) - (shared.baseline[most] as number))) most = i;
    });
    return `share of "${shared.categories[most]}" moved from ${formatPercent(shared.baseline[most] as number)} to ${formatPercent(shared.current[most] as number)}`;
  }
  return '';
}

function featureFigure(
  name: string,
  baseline: FeatureStatistics | undefined,
  current: FeatureStatistics | undefined,
): string {
  const caption = (text: string) => `<figcaption>${text}</figcaption>`;
  let chart: string | undefined;
  if (baseline?.numerical_statistics && current?.numerical_statistics) {
    const bins = sharedBins(kllOf(baseline) ?? {}, kllOf(current) ?? {});
    if (bins) chart = histogramChart(bins, name);
  } else {
    const b = baseline?.string_statistics?.distribution?.categorical?.buckets;
    const c = current?.string_statistics?.distribution?.categorical?.buckets;
    if (b && c) chart = categoryChart(sharedCategories(b, c), name);
  }
  const body =
    chart ??
    `<p class="muted">No distribution to compare: ${!baseline ? 'the baseline has no such feature' : !current ? 'the window has no such feature' : 'the two sides have different types or no distribution'}.</p>`;
  return `<figure><h3>${escapeHtml(name)}</h3>${body}${caption(`${summary(baseline, 'Baseline')}<br>${summary(current, 'Current')}`)}</figure>`;
}

const isRankable = (x: unknown) => typeof x === 'number' && !Number.isNaN(x);

/**
 * Sketch levels as numbers (Jackson writes ±Infinity as text; NaN never ranks). A validated file's
 * levels are numbers already and are returned as they are, so the sketch the checks built from them
 * (`sharedSketchOf`, keyed by the array) serves the chart too.
 */
function numericLevels(data: readonly unknown[]): number[][] {
  if (data.every((level) => Array.isArray(level) && level.every(isRankable))) return data as number[][];
  return data.map((level) => (Array.isArray(level) ? level.map(Number).filter((x) => !Number.isNaN(x)) : []));
}

function kllOf(feature: FeatureStatistics) {
  const kll = feature.numerical_statistics?.distribution?.kll;
  if (!kll) return undefined;
  const data = Array.isArray(kll.sketch?.data) ? numericLevels(kll.sketch.data) : undefined;
  return {
    buckets: kll.buckets?.map((b) => ({
      lower_bound: Number(b.lower_bound),
      upper_bound: Number(b.upper_bound),
      count: Number(b.count),
    })),
    sketch: data ? { parameters: kll.sketch?.parameters, data } : undefined,
  };
}

function summary(f: FeatureStatistics | undefined, label: string): string {
  if (!f) return `${label}: absent`;
  const n = f.numerical_statistics;
  const type = escapeHtml(String(f.inferred_type));
  if (n) {
    return `${label}: ${type}, mean ${formatNumber(n.mean)}, std ${formatNumber(n.std_dev)}, min ${formatNumber(n.min)}, max ${formatNumber(n.max)}, missing ${formatNumber(n.common?.num_missing)}`;
  }
  const s = f.string_statistics;
  return `${label}: ${type}, distinct ≈ ${formatNumber(s?.distinct_count)}, missing ${formatNumber(s?.common?.num_missing)}`;
}
