import { pythonFloat } from '../json/java-double.ts';
import type { AnalysisFacetEntry, AnalysisMetric, AnalysisStage, BiasAnalysis } from './analysis-json.ts';
import type { MetricNumber } from './divide.ts';

/** One entry of the bias monitor's constraint_violations.json. */
export interface BiasViolation {
  readonly facet: string;
  readonly facet_value: string;
  readonly metric_name: string;
  readonly constraint_check_type: 'bias_drift_check';
  readonly description: string;
}

/**
 * When a metric violates its baseline. `point` is SageMaker's documented rule (the current value is
 * farther from 0 than the baseline's); `interval` (beyond Clarify) needs the whole bootstrap interval
 * to be farther from 0 than the baseline, so small noisy windows do not fire.
 */
export type DriftPolicy = 'point' | 'interval';

/** What a comparison found: the violations and the comparisons it could not make, with why. */
export interface DriftComparison {
  readonly violations: BiasViolation[];
  /** Metrics with no usable value on one side (null/error, or no matching facet value in the baseline). */
  readonly notCompared: { readonly reason: string; readonly subject: string }[];
  /** Metrics compared with a baseline value; 0 means the baseline checked nothing. */
  readonly compared: number;
}

/**
 * Compares a window's analysis with the baseline analysis.json as SageMaker's bias monitor does:
 * for the same stage, facet, facet value and metric, a violation iff |current| > |baseline|
 * (equal is fine; "closer to 0" is better). Disparate Impact, a ratio, is measured from its fair
 * value 1 instead: |current − 1| > |baseline − 1|. Facet values match by their string;
 * a facet with a single entry on both sides (a continuous facet, whose interval string carries the
 * data maximum and so changes per window) matches that entry.
 *
 * @example
 * ```ts
 * // baseline DPPL 0.2, current -0.3 → one violation; current 0.1 → none
 * compareWithBaseline(current, baseline).violations[0]?.description;
 * // "Metric value -0.3 doesn't meet the baseline constraint requirement 0.2"
 * ```
 */
export function compareWithBaseline(
  current: BiasAnalysis,
  baseline: BiasAnalysis,
  policy: DriftPolicy = 'point',
): DriftComparison {
  const violations: BiasViolation[] = [];
  const notCompared: DriftComparison['notCompared'] = [];
  let compared = 0;
  for (const [stage, base] of [
    [current.postTraining, baseline.postTraining],
    [current.preTraining, baseline.preTraining],
  ] as const) {
    if (!stage) continue;
    compared += compareStage(stage, base, policy, violations, notCompared);
  }
  return { violations, notCompared, compared };
}

function compareStage(
  stage: AnalysisStage,
  baseline: AnalysisStage | undefined,
  policy: DriftPolicy,
  violations: BiasViolation[],
  notCompared: DriftComparison['notCompared'],
): number {
  let compared = 0;
  for (const [facet, entries] of stage.facets) {
    const baseEntries = baseline?.facets.get(facet) ?? [];
    for (const entry of entries) {
      const base = matchingEntry(entry, entries, baseEntries);
      for (const metric of entry.metrics) {
        const subject = `${facet}=${entry.valueOrThreshold} ${metric.name}`;
        const baseMetric = base?.metrics.find((m) => m.name === metric.name);
        if (!baseMetric) {
          notCompared.push({ reason: 'no baseline value for this facet value and metric', subject });
          continue;
        }
        if (metric.value === null || baseMetric.value === null) {
          notCompared.push({
            reason: 'metric has no value (it failed) in the window or the baseline',
            subject,
          });
          continue;
        }
        compared++;
        const ideal = IDEAL_VALUE[metric.name] ?? 0;
        if (isWorse(metric, Math.abs(Number(baseMetric.value) - ideal), ideal, policy))
          violations.push({
            facet,
            facet_value: entry.valueOrThreshold,
            metric_name: metric.name,
            constraint_check_type: 'bias_drift_check',
            description: `Metric value ${valueText(metric.value)} doesn't meet the baseline constraint requirement ${valueText(baseMetric.value)}`,
          });
      }
    }
  }
  return compared;
}

/**
 * The baseline entry a window's facet entry is compared with: the same facet value, else the
 * single entry of a facet that has one on both sides (a continuous facet's interval).
 *
 * @example
 * ```ts
 * matchingEntry(entry, stage.facets.get('age') ?? [], baseline.facets.get('age') ?? [])?.metrics;
 * ```
 */
export function matchingEntry(
  entry: AnalysisFacetEntry,
  entries: readonly AnalysisFacetEntry[],
  baseEntries: readonly AnalysisFacetEntry[],
): AnalysisFacetEntry | undefined {
  const exact = baseEntries.find((b) => b.valueOrThreshold === entry.valueOrThreshold);
  if (exact) return exact;
  return entries.length === 1 && baseEntries.length === 1 ? baseEntries[0] : undefined;
}

/**
 * The value of no bias, from which "worse" is measured. The documentation words the rule for the
 * difference metrics ("closer to 0"); Disparate Impact is a ratio whose fair value is 1 (DI = 1.0 in
 * a fair window must not violate a 0.9 baseline), so it is measured from 1. SageMaker does not
 * document DI; this is Vigil's reading.
 */
export const IDEAL_VALUE: Readonly<Record<string, number>> = { DI: 1 };

function isWorse(metric: AnalysisMetric, baselineGap: number, ideal: number, policy: DriftPolicy): boolean {
  const value = Number(metric.value);
  if (Number.isNaN(value)) return false;
  if (policy === 'interval' && metric.uncertainty) {
    const { lower, upper } = metric.uncertainty;
    // The point of the interval closest to the ideal must itself be worse than the baseline.
    const closest =
      lower <= ideal && upper >= ideal ? 0 : Math.min(Math.abs(lower - ideal), Math.abs(upper - ideal));
    return closest > baselineGap;
  }
  return Math.abs(value - ideal) > baselineGap;
}

// Python's str() of the value, as the container formats it into the description.
function valueText(value: MetricNumber): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return pythonFloat(value);
}
