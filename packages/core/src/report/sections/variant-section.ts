import { escapeHtml } from '../../escape/html.ts';
import type { VariantComparisonResult } from '../../variants/compare.ts';
import type { FeatureRow } from '../feature-table.ts';
import { featureTable } from '../feature-table.ts';
import { formatNumber } from '../format.ts';
import { groupedBarChart } from '../histogram-chart.ts';
import type { MonitorReport } from './monitor-report.ts';

/**
 * The variant-comparison part of a report: each challenger's and shadow's decision against the
 * champion with its reason; a table of every tested metric (champion, challenger, difference, p
 * against α) and of prediction drift against its threshold; the variants' predictions, labels and
 * metrics; and the prediction distributions overlaid (categorical classes, or numerical quantiles).
 * A `challenger_worse` decision or a drifted prediction distribution is a violation.
 *
 * @example
 * ```ts
 * const { sections, violations } = variantSection(result);
 * ```
 */
export function variantSection(result: VariantComparisonResult): MonitorReport {
  const alpha = result.settings.significance;
  const rows: FeatureRow[] = result.verdicts.flatMap((verdict) => [
    ...verdict.metrics.map(
      (m): FeatureRow => ({
        name: `${verdict.variant} ${m.metric}`,
        method: m.test,
        value: m.pValue,
        threshold: `significant when p < ${formatNumber(alpha)}`,
        verdict:
          m.decision === 'challenger_worse' ? 'violation' : Number.isFinite(m.pValue) ? 'ok' : 'not checked',
        note: `champion ${formatNumber(m.champion)}, ${verdict.variant} ${formatNumber(m.challenger)}, difference ${formatNumber(m.difference)} [${formatNumber(m.confidenceInterval[0])}, ${formatNumber(m.confidenceInterval[1])}]: ${m.decision}`,
      }),
    ),
    ...(verdict.predictionDrift
      ? [
          {
            name: `${verdict.variant} predictions`,
            method: verdict.predictionDrift.method,
            value: verdict.predictionDrift.value,
            threshold: formatNumber(verdict.predictionDrift.threshold),
            verdict: verdict.predictionDrift.drifted ? ('violation' as const) : ('ok' as const),
            note: 'drift of the prediction distribution from the champion’s',
          },
        ]
      : []),
  ]);
  const decisions = `<table><thead><tr><th scope="col">Variant</th><th scope="col">Role</th><th scope="col">Decided on</th><th scope="col">Decision</th><th scope="col">Why</th></tr></thead><tbody>${result.verdicts
    .map(
      (v) =>
        `<tr data-name="${escapeHtml(v.variant)}"><td>${escapeHtml(v.variant)}</td><td>${escapeHtml(v.role)}</td><td>${escapeHtml(v.decisionMetric)}</td><td><b>${escapeHtml(v.decision)}</b></td><td>${escapeHtml(v.reason)}${v.sampleSizeNeeded ? ` (about ${v.sampleSizeNeeded} labeled predictions per variant still needed)` : ''}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const variants = `<table><thead><tr><th scope="col">Variant</th><th scope="col">Role</th><th scope="col">Predictions</th><th scope="col">Labeled</th><th scope="col">Metrics</th></tr></thead><tbody>${result.variants
    .map(
      (v) =>
        `<tr><td>${escapeHtml(v.name)}</td><td>${escapeHtml(v.role)}</td><td class="num">${v.predictions}</td><td class="num">${v.labeled}</td><td>${escapeHtml(
          Object.entries(v.metrics)
            .map(([k, x]) => `${k} ${formatNumber(x)}`)
            .join(', '),
        )}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  return {
    sections: [
      {
        heading: 'Decisions',
        html: `<p class="muted">Champion <b>${escapeHtml(result.champion)}</b>; decided on ${escapeHtml(result.settings.metric)} at α = ${formatNumber(alpha)}, minimum effect ${formatNumber(result.settings.minimumEffect)}.</p>${decisions}`,
      },
      { heading: 'Every test', html: featureTable(rows, 'Variant and metric') },
      { heading: 'Variants', html: variants },
      { heading: 'Prediction distributions', html: distributionCharts(result) },
    ],
    violations: result.verdicts.flatMap((v) => [
      ...(v.decision === 'challenger_worse'
        ? [{ subject: v.variant, words: `worse than the champion ${result.champion}: ${v.reason}` }]
        : []),
      ...(v.predictionDrift?.drifted
        ? [
            {
              subject: `${v.variant} predictions`,
              words: `${v.predictionDrift.method} ${formatNumber(v.predictionDrift.value)} ≥ ${formatNumber(v.predictionDrift.threshold)} against the champion's predictions`,
            },
          ]
        : []),
    ]),
  };
}

// Per non-champion variant, its prediction distribution against the champion's.
function distributionCharts(result: VariantComparisonResult): string {
  const champion = result.variants.find((v) => v.name === result.champion);
  if (!champion) return '<p class="muted">No champion predictions.</p>';
  const charts = result.variants
    .filter((v) => v !== champion)
    .map((v) => {
      const a = champion.predictionDistribution;
      const b = v.predictionDistribution;
      if (a.type === 'categorical' && b.type === 'categorical') {
        const classes = [...new Set([...Object.keys(a.classes), ...Object.keys(b.classes)])];
        const share = (d: typeof a, c: string) => (d.count > 0 ? (d.classes[c] ?? 0) / d.count : 0);
        return groupedBarChart({
          groups: classes,
          baseline: classes.map((c) => share(a, c)),
          current: classes.map((c) => share(b, c)),
          label: `Predicted classes, champion ${result.champion} against ${v.name}`,
          seriesNames: [result.champion, v.name],
          xTitle: 'predicted class',
          yTitle: 'share of predictions',
        });
      }
      if (a.type === 'numerical' && b.type === 'numerical') {
        const keys = ['p10', 'p25', 'p50', 'p75', 'p90'] as const;
        return groupedBarChart({
          groups: [...keys],
          baseline: keys.map((k) => a.quantiles[k]),
          current: keys.map((k) => b.quantiles[k]),
          label: `Prediction quantiles, champion ${result.champion} against ${v.name}`,
          seriesNames: [result.champion, v.name],
          xTitle: 'percentile of predictions',
          yTitle: 'predicted value',
        });
      }
      return '';
    });
  return `<p class="muted">Grey bars: champion ${escapeHtml(result.champion)}; red bars: the variant named above each chart.</p>${result.variants
    .filter((v) => v !== champion)
    .map((v, i) => `<figure><h3>${escapeHtml(v.name)}</h3>${charts[i]}</figure>`)
    .join('')}`;
}
