import { escapeHtml } from '../../escape/html.ts';
import type { ComparisonOperator, ModelQualityConstraints } from '../../modelquality/constraints.ts';
import type { QualityEstimate } from '../../modelquality/estimate.ts';
import type { ModelQualityStatistics } from '../../modelquality/statistics.ts';
import type { MetricViolation } from '../../modelquality/violations.ts';
import type { FeatureRow } from '../feature-table.ts';
import { featureTable } from '../feature-table.ts';
import { formatNumber } from '../format.ts';
import type { MonitorReport } from './monitor-report.ts';

/** What the model-quality part of a report is made from. */
export interface ModelQualitySectionInput {
  /** The window's metrics; absent when no labeled row could be used. */
  statistics?: ModelQualityStatistics;
  /** The baseline's constraints: the threshold and comparison of each metric. */
  constraints: ModelQualityConstraints;
  violations: readonly MetricViolation[];
  /** The estimate before labels, when one was made. */
  estimate?: QualityEstimate;
}

/** The symbol of the comparison that violates a constraint. */
const SYMBOL: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanOrEqualToThreshold: '≤',
};

/**
 * The model-quality part of a run's report: every metric with its value, the baseline constraint
 * (`violation when value < 0.8`) and its verdict, the violations in plain words ("auc: 0.71 < 0.8,
 * the baseline's threshold"), the estimate before labels against the realized value, and the
 * confusion matrix when there is one.
 *
 * @example
 * ```ts
 * const { sections, violations } = modelQualitySection({ statistics, constraints, violations: [] });
 * ```
 */
export function modelQualitySection(input: ModelQualitySectionInput): MonitorReport {
  const violated = new Set(input.violations.map((v) => v.metricName));
  const metrics = input.statistics?.metrics ?? {};
  const names = [...new Set([...Object.keys(input.constraints.constraints), ...Object.keys(metrics)])];
  const rows: FeatureRow[] = names.map((name) => {
    const constraint = input.constraints.constraints[name];
    const value = metrics[name]?.value ?? null;
    const checkable = constraint !== undefined && value !== null && Number.isFinite(value);
    return {
      name,
      method: constraint ? constraint.comparisonOperator : 'no constraint',
      value,
      threshold: constraint
        ? `violation when ${SYMBOL[constraint.comparisonOperator]} ${formatNumber(constraint.threshold)}`
        : '',
      verdict: violated.has(name) ? 'violation' : checkable ? 'ok' : 'not checked',
      note: constraint && !checkable ? 'no value this window' : undefined,
    };
  });
  const violations = input.violations.map((v) => {
    const constraint = input.constraints.constraints[v.metricName];
    const value = metrics[v.metricName]?.value;
    return {
      subject: v.metricName,
      words:
        constraint && value !== undefined
          ? `${formatNumber(value)} ${SYMBOL[constraint.comparisonOperator]} ${formatNumber(constraint.threshold)}, the baseline's threshold (${constraint.comparisonOperator})`
          : v.description,
    };
  });
  const sections = [
    {
      heading: 'Every metric',
      html: `<p class="muted">${input.statistics ? `${input.statistics.itemCount} labeled predictions, ${escapeHtml(input.statistics.problemType)}.` : 'No labeled prediction could be used: the metrics could not be computed.'}</p>${featureTable(rows, 'Metric')}`,
    },
  ];
  if (input.estimate)
    sections.push({ heading: 'Estimated before labels', html: estimateTable(input.estimate, metrics) });
  if (input.statistics?.confusionMatrix)
    sections.push({ heading: 'Confusion matrix', html: confusionTable(input.statistics.confusionMatrix) });
  return { sections, violations };
}

function estimateTable(estimate: QualityEstimate, metrics: ModelQualityStatistics['metrics']): string {
  const rows = Object.entries(estimate.metrics).map(([name, m]) => {
    const realized = metrics[name]?.value;
    return `<tr><td>${escapeHtml(name)}</td><td class="num">${formatNumber(m.estimate)}</td><td class="num">${formatNumber(m.lower)} – ${formatNumber(m.upper)}</td><td class="num">${formatNumber(realized)}</td></tr>`;
  });
  return `<p class="muted">${escapeHtml(estimate.method)} from the calibrated probabilities of ${estimate.itemCount} predictions.</p><table><thead><tr><th scope="col">Metric</th><th scope="col">Estimate</th><th scope="col">Band</th><th scope="col">Realized</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function confusionTable(matrix: NonNullable<ModelQualityStatistics['confusionMatrix']>): string {
  const head = matrix.classes.map((c) => `<th scope="col">predicted ${escapeHtml(c)}</th>`).join('');
  const rows = matrix.classes.map(
    (actual, a) =>
      `<tr><th scope="row">actual ${escapeHtml(actual)}</th>${matrix.classes.map((_, p) => `<td class="num">${matrix.counts[a]?.[p] ?? 0}</td>`).join('')}</tr>`,
  );
  return `<table><thead><tr><td></td>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
