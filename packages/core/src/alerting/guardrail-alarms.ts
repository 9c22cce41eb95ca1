import { type GuardrailConfig, guardrailConfig } from '../config/alerts.ts';
import { endpointByName } from '../config/load.ts';
import { monitoredVariants, monitorsPerVariant } from '../config/monitored-variants.ts';
import type { EndpointConfig, VigilConfig } from '../config/schema.ts';
import { MONITOR_SPECS, type MonitorSpec } from '../monitors/monitor-specs.ts';
import { type MonitorFolder, metricsNamespace } from '../monitors/names.ts';
import { monitorScheduleName } from '../monitors/schedule-name.ts';
import type { AlertSeverity } from '../ports/notifier.ts';
import type { GuardrailAlarm } from './alarm-definition.ts';
import { clip } from './alarm-text.ts';
import type { GuardrailAlarmOptions } from './monitor-alarm-context.ts';
import { EXECUTION_FAILED_METRIC, VIOLATIONS_METRIC } from './monitor-health-metrics.ts';
import { schedulePeriodSeconds } from './schedule-period.ts';

export type { GuardrailAlarmOptions } from './monitor-alarm-context.ts';

/** How urgent a violation of each monitor is (the monitor table's `violationSeverity`). */
export const VIOLATION_SEVERITY = Object.fromEntries(
  MONITOR_SPECS.map((spec) => [spec.folder, spec.violationSeverity]),
) as Record<MonitorFolder, AlertSeverity>;

/**
 * The guardrail alarms of a configuration's endpoint, as plain data that infra
 * (PutMetricAlarm) and the local evaluator both use. For every configured monitor of the
 * monitor table:
 * - `<prefix>-<endpoint>-<monitor>-violations`: the run's roll-up `vigil_violations` > 0. The
 *   baseline's features are not known when infra deploys, so this one alarm covers every
 *   feature_baseline_drift_<f>, the model metric against its constraint, every bias metric and nDCG.
 * - `<prefix>-<endpoint>-<monitor>-heartbeat`: `vigil_execution_failed` ≥ 1 in two periods in a row,
 *   missing data breaching, so a failed or silent monitor is noticed.
 * and the monitor's own alarms (the table's `alarms`): `<prefix>-<endpoint>-drift-<feature>` and
 * Vigil's drift alarms for data quality, `<prefix>-<endpoint>-model-quality-<metric>` for the
 * model metric. The monitors' own alarms come first, then the roll-ups, then the heartbeats.
 * An endpoint monitored per variant (`variants.monitorEachVariant`) has each of them per variant, named
 * `<prefix>-<endpoint>-<variant>-…` and watching that variant's `MonitoringSchedule`.
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
  // An endpoint monitored per variant has every alarm once per variant, on that variant's schedule.
  const variants = monitorsPerVariant(endpoint) ? monitoredVariants(endpoint) : [undefined];
  for (const spec of MONITOR_SPECS as readonly MonitorSpec[]) {
    const monitor = spec.folder;
    const monitorConfig = endpoint.monitors[spec.configKey];
    if (!monitorConfig) continue;
    for (const variant of variants) {
      const base = {
        endpoint: endpoint.name,
        ...(variant === undefined ? {} : { variant }),
        monitor,
        namespace: metricsNamespace(config.metricsNamespacePrefix, monitor),
        dimensions: {
          Endpoint: endpoint.name,
          MonitoringSchedule: monitorScheduleName(endpoint, monitor, monitorConfig, variant),
        },
        period: schedulePeriodSeconds(monitorConfig.schedule),
      };
      const prefix = `${guardrails.alarmNamePrefix}-${endpoint.name}${variant === undefined ? '' : `-${variant}`}`;
      const on =
        variant === undefined
          ? `endpoint ${endpoint.name}`
          : `variant ${variant} of endpoint ${endpoint.name}`;
      const runbook = endpoint.alerts.runbookUrl ? ` Runbook: ${endpoint.alerts.runbookUrl}` : '';
      rollUps.push({
        ...base,
        name: `${prefix}-${monitor}-violations`,
        description: clip(
          `Vigil guardrail: ${spec.violationMeaning} on ${on}. ` +
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
        severity: spec.violationSeverity,
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
            `Vigil guardrail: the ${monitor} monitor of ${on} failed or did not run. ` +
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
      if (spec.alarms) specific.push(...spec.alarms({ base, prefix, runbook, guardrails, options }));
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
