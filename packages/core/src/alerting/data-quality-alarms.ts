import type { GuardrailAlarm } from './alarm-definition.ts';
import { alarmNamePart, clip } from './alarm-text.ts';
import type { MonitorAlarmContext } from './monitor-alarm-context.ts';
import { vigilDriftAlarms } from './vigil-drift-alarms.ts';

/**
 * The data-quality monitor's own alarms: Vigil's drift verdicts (vigil-drift-alarms.ts), then
 * `<prefix>-drift-<feature>` on `feature_baseline_drift_<feature>` above the drift threshold for
 * each feature of guardrails.driftFeatures.
 *
 * @example
 * ```ts
 * dataQualityAlarms({ base, prefix: 'vigil-ep', runbook: '', guardrails, options: {} }).map((a) => a.name);
 * // ['vigil-ep-drift-age']
 * ```
 */
export function dataQualityAlarms({
  base,
  prefix,
  runbook,
  guardrails,
}: MonitorAlarmContext<'data-quality'>): GuardrailAlarm[] {
  const alarms = vigilDriftAlarms(guardrails, { ...base, prefix, runbook });
  for (const feature of guardrails.driftFeatures) {
    alarms.push({
      ...base,
      name: `${prefix}-drift-${alarmNamePart(feature)}`,
      description: clip(
        `Vigil guardrail: baseline drift of feature "${feature}" on endpoint ${base.endpoint} ` +
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
  return alarms;
}
