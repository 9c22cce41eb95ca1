import type { GuardrailConfig } from '../config/alerts.ts';
import { DRIFTED_FEATURES_METRIC, driftVerdictMetric } from '../dataquality/drift/drift-metrics.ts';
import type { GuardrailAlarm } from './alarm-definition.ts';
import { alarmNamePart, clip } from './alarm-text.ts';
import type { MonitorAlarmBase } from './monitor-alarm-context.ts';

/** What every alarm of the data-quality monitor shares. */
export interface DataQualityAlarmBase extends MonitorAlarmBase<'data-quality'> {
  /** `<alarmNamePrefix>-<endpoint>`. */
  prefix: string;
  /** ` Runbook: <url>` or empty. */
  runbook: string;
}

/**
 * Guardrail alarms on Vigil's own drift verdicts, when configured: `<prefix>-vigil-drift` when
 * any feature drifted (`vigil_drift_count` > 0, guardrails.vigilDrift) and
 * `<prefix>-vigil-drift-<feature>` per feature of guardrails.vigilDriftFeatures
 * (`vigil_drifted_<feature>` ≥ 1). Missing data does not breach: a run that could not judge
 * drift is the heartbeat alarm's business.
 *
 * @example
 * ```ts
 * vigilDriftAlarms({ ...guardrails, vigilDrift: true }, base).map((a) => a.name); // ['vigil-ep-vigil-drift']
 * ```
 */
export function vigilDriftAlarms(guardrails: GuardrailConfig, base: DataQualityAlarmBase): GuardrailAlarm[] {
  const { prefix, runbook, ...alarmBase } = base;
  const common = {
    ...alarmBase,
    statistic: 'Maximum' as const,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching' as const,
    kind: 'feature-drift' as const,
    severity: 'warning' as const,
    guardsDeployments: true,
  };
  const alarms: GuardrailAlarm[] = [];
  if (guardrails.vigilDrift) {
    alarms.push({
      ...common,
      name: `${prefix}-vigil-drift`,
      description: clip(
        `Vigil guardrail: Vigil's drift methods flagged at least one feature of endpoint ${base.endpoint}. ` +
          `Read drift_report.json of the run.${runbook}`,
      ),
      metricName: DRIFTED_FEATURES_METRIC,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
    });
  }
  for (const feature of guardrails.vigilDriftFeatures) {
    alarms.push({
      ...common,
      name: `${prefix}-vigil-drift-${alarmNamePart(feature)}`,
      description: clip(
        `Vigil guardrail: Vigil's drift method flagged feature "${feature}" of endpoint ${base.endpoint}. ` +
          `Read drift_report.json of the run.${runbook}`,
      ),
      metricName: driftVerdictMetric(feature),
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  }
  return alarms;
}
