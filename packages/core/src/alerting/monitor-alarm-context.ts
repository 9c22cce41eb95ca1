import type { GuardrailConfig } from '../config/alerts.ts';
import type { MonitorFolder } from '../monitors/names.ts';
import type { GuardrailAlarm } from './alarm-definition.ts';

/** What infra may know beyond the configuration: the model-quality baseline's constraints.json. */
export interface GuardrailAlarmOptions {
  /** Parsed `constraints.json` of the model-quality baseline, for the model metric's threshold. */
  modelQualityConstraints?: unknown;
}

/** What every alarm of one monitor of one endpoint shares. */
export interface MonitorAlarmBase<F extends MonitorFolder = MonitorFolder> {
  endpoint: string;
  /** The variant, for an endpoint monitored per variant. */
  variant?: string;
  monitor: F;
  namespace: string;
  dimensions: Record<string, string>;
  period: number;
}

/** What a monitor's own guardrail alarms are built from. */
export interface MonitorAlarmContext<F extends MonitorFolder = MonitorFolder> {
  base: MonitorAlarmBase<F>;
  /** `<alarmNamePrefix>-<endpoint>`, or `<alarmNamePrefix>-<endpoint>-<variant>` per variant. */
  prefix: string;
  /** ` Runbook: <url>` or empty. */
  runbook: string;
  guardrails: GuardrailConfig;
  options: GuardrailAlarmOptions;
}

/** The alarms a monitor adds to its roll-up and heartbeat (monitor table's `alarms`). */
export type MonitorAlarms<F extends MonitorFolder = MonitorFolder> = (
  context: MonitorAlarmContext<F>,
) => GuardrailAlarm[];
