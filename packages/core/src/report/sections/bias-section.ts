import type { AnalysisStage, BiasAnalysis } from '../../bias/analysis-json.ts';
import { type BiasViolation, IDEAL_VALUE, matchingEntry } from '../../bias/drift.ts';
import type { FeatureRow } from '../feature-table.ts';
import { featureTable } from '../feature-table.ts';
import { formatNumber } from '../format.ts';
import type { PlainViolation } from '../violations-text.ts';
import type { MonitorReport } from './monitor-report.ts';

/** What the bias part of a report is made from. */
export interface BiasSectionInput {
  analysis: BiasAnalysis;
  /** The baseline analysis.json; without it nothing was compared. */
  baseline?: BiasAnalysis;
  violations: readonly BiasViolation[];
}

/**
 * The bias-drift part of a run's report: every bias metric of every facet value, with the
 * window's value, the baseline value it is held to (a violation when the window's value is
 * farther from the fair value — 0, or 1 for DI — than the baseline's) and the verdict; the
 * violations in plain words.
 *
 * @example
 * ```ts
 * const { sections, violations } = biasSection({ analysis, baseline, violations });
 * ```
 */
export function biasSection(input: BiasSectionInput): MonitorReport {
  const rows: FeatureRow[] = [];
  const words: PlainViolation[] = [];
  for (const [label, stage, base] of [
    ['post-training', input.analysis.postTraining, input.baseline?.postTraining],
    ['pre-training', input.analysis.preTraining, input.baseline?.preTraining],
  ] as const) {
    if (stage) stageRows(label, stage, base, input.violations, rows, words);
  }
  const facets = new Set(rows.map((r) => r.name.split(' ')[0]));
  return {
    sections: [
      {
        heading: 'Every bias metric',
        html: `<p class="muted">${rows.length} metrics over ${facets.size} facet value${facets.size === 1 ? '' : 's'}; ${input.baseline ? 'a metric violates when it is farther from its fair value (0, or 1 for DI) than in the baseline.' : 'no baseline: nothing was compared.'}</p>${featureTable(rows, 'Facet value and metric')}`,
      },
    ],
    violations: words,
  };
}

function stageRows(
  label: string,
  stage: AnalysisStage,
  baseline: AnalysisStage | undefined,
  violations: readonly BiasViolation[],
  rows: FeatureRow[],
  words: PlainViolation[],
): void {
  for (const [facet, entries] of stage.facets) {
    const baseEntries = baseline?.facets.get(facet) ?? [];
    for (const entry of entries) {
      const base = matchingEntry(entry, entries, baseEntries);
      for (const metric of entry.metrics) {
        const baseMetric = base?.metrics.find((m) => m.name === metric.name);
        const value = metric.value === null ? null : Number(metric.value);
        const limit =
          baseMetric?.value === null || baseMetric === undefined ? undefined : Number(baseMetric.value);
        const ideal = IDEAL_VALUE[metric.name] ?? 0;
        const violated = violations.some(
          (v) =>
            v.facet === facet && v.facet_value === entry.valueOrThreshold && v.metric_name === metric.name,
        );
        const name = `${facet}=${entry.valueOrThreshold} ${metric.name}`;
        rows.push({
          name,
          method: `${label} ${metric.name}`,
          value,
          threshold: limit === undefined ? '' : `|v − ${ideal}| ≤ ${formatNumber(Math.abs(limit - ideal))}`,
          verdict: violated ? 'violation' : limit === undefined || value === null ? 'not checked' : 'ok',
          note:
            limit === undefined
              ? baseMetric
                ? 'no baseline value'
                : 'not in the baseline'
              : metric.error
                ? metric.error
                : `baseline ${formatNumber(limit)}`,
        });
        if (violated && limit !== undefined)
          words.push({
            subject: name,
            words: `${metric.name} ${formatNumber(value)} is farther from ${ideal} than the baseline's ${formatNumber(limit)} (${label})`,
          });
      }
    }
  }
}
