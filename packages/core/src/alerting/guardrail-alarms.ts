import { type GuardrailConfig, guardrailConfig } from '../config/alerts.ts';
import { endpointByName } from '../config/load.ts';
import type { EndpointConfig, VigilConfig } from '../config/schema.ts';
import type { MonitorFolder } from '../layout/keys.ts';
import type { AlertSeverity } from '../ports/notifier.ts';
import type { ComparisonOperator, GuardrailAlarm } from './alarm-definition.ts';
import { alarmNamePart, clip } from './alarm-text.ts';
import { EXECUTION_FAILED_METRIC, VIOLATIONS_METRIC } from './monitor-health-metrics.ts';
import { MONITOR_CONFIG_KEY, metricsNamespace } from './monitor-names.ts';
import { schedulePeriodSeconds } from './schedule-period.ts';
import { vigilDriftAlarms } from './vigil-drift-alarms.ts';

/** What infra may know beyond the configuration: the model-quality baseline's constraints.json. */
export interface GuardrailAlarmOptions {
  /** Parsed `constraints.json` of the model-quality baseline, for the model metric's threshold. */
  modelQualityConstraints?: unknown;
}

const MONITORS: MonitorFolder[] = ['data-quality', 'model-quality', 'bias-drift', 'feature-attribution'];

/** How urgent a violation of each monitor is. */
export const VIOLATION_SEVERITY: Record<MonitorFolder, AlertSeverity> = {
  'data-quality': 'warning',
  'model-quality': 'critical',
  'bias-drift': 'critical',
  'feature-attribution': 'warning',
};

/** What a violation of each monitor means, for alarm descriptions. */
export const VIOLATION_MEANING: Record<MonitorFolder, string> = {
  'data-quality':
    'a data-quality constraint was violated (feature_baseline_drift above its threshold, completeness, type)',
  'model-quality': 'a model-quality metric crossed its baseline constraint (e.g. recall below the baseline)',
  'bias-drift': 'a bias metric moved beyond its baseline bound',
  'feature-attribution': 'the nDCG of feature attributions against the baseline fell below the threshold',
};

/**
 * The guardrail alarms of a configuration's endpoint, as plain data that infra
 * (PutMetricAlarm) and the local evaluator both use. For every configured monitor:
 * - `<prefix>-<endpoint>-<monitor>-violations`: the run's roll-up `vigil_violations` > 0. The
 *   baseline's features are not known when infra deploys, so this one alarm covers every
 *   feature_baseline_drift_<f>, the model metric against its constraint, every bias metric and nDCG.
 * - `<prefix>-<endpoint>-<monitor>-heartbeat`: `vigil_execution_failed` ≥ 1 in two periods in a row,
 *   missing data breaching, so a failed or silent monitor is noticed.
 * and, when configured, `<prefix>-<endpoint>-drift-<feature>` per listed feature,
 * `<prefix>-<endpoint>-model-quality-<metric>` for the model metric, and Vigil's own drift
 * alarms (`-vigil-drift`, `-vigil-drift-<feature>`: vigil-drift-alarms.ts).
 *
 * @example
 * ```ts
 * for (const alarm of guardrailAlarms(config, 'churn-prod')) console.log(alarm.name);
 * // vigil-churn-prod-data-quality-violations, vigil-churn-prod-data-quality-heartbeat, …
 * ```
 */
export function guardrailAlarms(
  config: VigilConfig,
  endpointName: string,
  options: GuardrailAlarmOptions = {},
): GuardrailAlarm[] {
  const endpoint = endpointByName(config, endpointName);
  const guardrails = resolveGuardrails(endpoint);
  const specific: GuardrailAlarm[] = [];
  const rollUps: GuardrailAlarm[] = [];
  const heartbeats: GuardrailAlarm[] = [];
  for (const monitor of MONITORS) {
    const monitorConfig = endpoint.monitors[MONITOR_CONFIG_KEY[monitor]];
    if (!monitorConfig) continue;
    const base = {
      endpoint: endpoint.name,
      monitor,
      namespace: metricsNamespace(config.metricsNamespacePrefix, monitor),
      dimensions: {
        Endpoint: endpoint.name,
        MonitoringSchedule: monitorConfig.scheduleName ?? `${endpoint.name}-${monitor}`,
      },
      period: schedulePeriodSeconds(monitorConfig.schedule),
    };
    const prefix = `${guardrails.alarmNamePrefix}-${endpoint.name}`;
    const runbook = endpoint.alerts.runbookUrl ? ` Runbook: ${endpoint.alerts.runbookUrl}` : '';
    rollUps.push({
      ...base,
      name: `${prefix}-${monitor}-violations`,
      description: clip(
        `Vigil guardrail: ${VIOLATION_MEANING[monitor]} on endpoint ${endpoint.name}. ` +
          `Read constraint_violations.json of the run.${runbook}`,
      ),
      metricName: VIOLATIONS_METRIC,
      statistic: 'Maximum',
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      kind: 'violations',
      severity: VIOLATION_SEVERITY[monitor],
      guardsDeployments: true,
    });
    if (guardrails.heartbeat) {
      // Two periods in a row, so the gap between the start of a period and the run inside it
      // does not alarm; CloudWatch caps period × evaluation periods at one day.
      const periods = base.period * 2 <= 86_400 ? 2 : 1;
      heartbeats.push({
        ...base,
        name: `${prefix}-${monitor}-heartbeat`,
        description: clip(
          `Vigil guardrail: the ${monitor} monitor of endpoint ${endpoint.name} failed or did not run. ` +
            `Check the monitor function's logs and its schedule.${runbook}`,
        ),
        metricName: EXECUTION_FAILED_METRIC,
        statistic: 'Maximum',
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'breaching',
        kind: 'heartbeat',
        severity: 'warning',
        guardsDeployments: false,
      });
    }
    if (monitor === 'data-quality') {
      specific.push(...vigilDriftAlarms(guardrails, { ...base, monitor, prefix, runbook }));
      for (const feature of guardrails.driftFeatures) {
        specific.push({
          ...base,
          name: `${prefix}-drift-${alarmNamePart(feature)}`,
          description: clip(
            `Vigil guardrail: baseline drift of feature "${feature}" on endpoint ${endpoint.name} ` +
              `above ${guardrails.driftThreshold}.${runbook}`,
          ),
          metricName: `feature_baseline_drift_${feature}`,
          statistic: 'Maximum',
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
          threshold: guardrails.driftThreshold,
          comparisonOperator: 'GreaterThanThreshold',
          treatMissingData: 'notBreaching',
          kind: 'feature-drift',
          severity: 'warning',
          guardsDeployments: true,
        });
      }
    }
    if (monitor === 'model-quality' && guardrails.modelMetric) {
      const bound = modelMetricBound(guardrails.modelMetric, options.modelQualityConstraints);
      if (bound) {
        specific.push({
          ...base,
          name: `${prefix}-model-quality-${alarmNamePart(guardrails.modelMetric.metric)}`,
          description: clip(
            `Vigil guardrail: ${guardrails.modelMetric.metric} of endpoint ${endpoint.name} ` +
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
        });
      }
    }
  }
  return [...specific, ...rollUps, ...heartbeats];
}

/**
 * The endpoint's guardrail settings with their defaults filled in.
 *
 * @example
 * ```ts
 * resolveGuardrails(endpoint).driftThreshold; // 0.1 unless configured
 * ```
 */
export function resolveGuardrails(endpoint: EndpointConfig): GuardrailConfig {
  return guardrailConfig.parse(endpoint.alerts.guardrails ?? {});
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
