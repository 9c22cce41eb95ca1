import { variantMetricsNamespace } from '../monitors/variant-namespace.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import type { VariantComparisonResult } from './compare.ts';
import { decisionValue } from './decision.ts';

/**
 * The metrics of a comparison, per challenger or shadow (dimensions Endpoint, MonitoringSchedule
 * `<endpoint>-variant-comparison`, Variant):
 * `variant_<metric>_delta` (challenger − champion) and `variant_<metric>_p_value` for every
 * compared metric, `variant_decision` (1 better, 0 inconclusive, −1 worse, on the decision
 * metric), `variant_prediction_drift` and, for shadows, `variant_shadow_agreement`. Non-finite
 * values are left out (CloudWatch refuses them).
 *
 * @example
 * ```ts
 * await sink.publish(variantMetricDatums(result, { endpoint: 'churn', timestamp: now }));
 * // variant_auc_delta { Endpoint: 'churn', MonitoringSchedule: 'churn-variant-comparison', Variant: 'challenger' } 0.031
 * ```
 */
export function variantMetricDatums(
  result: VariantComparisonResult,
  options: { endpoint: string; timestamp: Date; namespacePrefix?: string; scheduleName?: string },
): MetricDatum[] {
  const namespace = variantMetricsNamespace(options.namespacePrefix);
  const datums: MetricDatum[] = [];
  for (const verdict of result.verdicts) {
    const dimensions = {
      Endpoint: options.endpoint,
      MonitoringSchedule: options.scheduleName ?? `${options.endpoint}-variant-comparison`,
      Variant: verdict.variant,
    };
    const add = (name: string, value: number | undefined) => {
      if (value !== undefined && Number.isFinite(value)) {
        datums.push({ namespace, name, dimensions, value, timestamp: options.timestamp });
      }
    };
    for (const m of verdict.metrics) {
      add(`variant_${m.metric}_delta`, m.difference);
      add(`variant_${m.metric}_p_value`, m.pValue);
    }
    add('variant_decision', decisionValue(verdict.decision));
    add('variant_prediction_drift', verdict.predictionDrift?.value);
    add('variant_shadow_agreement', verdict.agreement?.agreementRate);
  }
  return datums;
}
