import type { GuardrailConfig } from '../config/alerts.ts';
import type { ComparisonOperator, GuardrailAlarm } from './alarm-definition.ts';
import { alarmNamePart, clip } from './alarm-text.ts';
import type { MonitorAlarmContext } from './monitor-alarm-context.ts';

/**
 * The model-quality monitor's own alarm, when guardrails.modelMetric names a metric:
 * `<prefix>-model-quality-<metric>` against the configured threshold, or else the baseline's
 * constraint (options.modelQualityConstraints). None when neither gives a threshold.
 *
 * @example
 * ```ts
 * modelMetricAlarms({ base, prefix: 'vigil-ep', runbook: '', guardrails, options: {} })[0]?.name;
 * // 'vigil-ep-model-quality-recall'
 * ```
 */
export function modelMetricAlarms({
  base,
  prefix,
  runbook,
  guardrails,
  options,
}: MonitorAlarmContext<'model-quality'>): GuardrailAlarm[] {
  if (!guardrails.modelMetric) return [];
  const bound = modelMetricBound(guardrails.modelMetric, options.modelQualityConstraints);
  if (!bound) return [];
  return [
    {
      ...base,
      name: `${prefix}-model-quality-${alarmNamePart(guardrails.modelMetric.metric)}`,
      description: clip(
        `Vigil guardrail: ${guardrails.modelMetric.metric} of endpoint ${base.endpoint} ` +
          `${bound.comparison === 'LessThanThreshold' ? 'below' : 'above'} ${bound.threshold} ` +
          `(${bound.source}).${runbook}`,
      ),
      metricName: guardrails.modelMetric.metric,
      statistic: 'Average',
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: bound.threshold,
      comparisonOperator: bound.comparison,
      treatMissingData: 'notBreaching',
      kind: 'model-metric',
      severity: 'critical',
      guardsDeployments: true,
    },
  ];
}

function modelMetricBound(
  metric: NonNullable<GuardrailConfig['modelMetric']>,
  constraints: unknown,
): { threshold: number; comparison: ComparisonOperator; source: string } | undefined {
  if (metric.threshold !== undefined) {
    return { threshold: metric.threshold, comparison: metric.comparison, source: 'configured threshold' };
  }
  if (!constraints || typeof constraints !== 'object') return undefined;
  for (const [section, body] of Object.entries(constraints as Record<string, unknown>)) {
    if (!section.endsWith('_constraints') || !body || typeof body !== 'object') continue;
    const entry = (body as Record<string, unknown>)[metric.metric] as
      | { threshold?: unknown; comparison_operator?: unknown }
      | undefined;
    if (entry && typeof entry.threshold === 'number') {
      const op = entry.comparison_operator;
      const comparison: ComparisonOperator =
        op === 'GreaterThanThreshold' || op === 'LessThanThreshold' ? op : metric.comparison;
      return { threshold: entry.threshold, comparison, source: 'baseline constraint' };
    }
  }
  return undefined;
}
