import type { VigilConfig } from '../config/schema.ts';
import { EventShapeError } from '../errors/vigil-error.ts';
import {
  MONITORING_EXECUTION_DETAIL_TYPE,
  type MonitoringExecutionDetail,
} from '../events/monitoring-execution.ts';
import type { MonitorFolder } from '../layout/keys.ts';
import { MONITOR_FOLDER } from '../monitors/names.ts';
import type { AlertSeverity, AlertSignal } from '../ports/notifier.ts';
import type { GuardrailAlarm } from './alarm-definition.ts';
import { ALARM_STATE_CHANGE_DETAIL_TYPE, parseAlarmStateChange } from './alarm-state-event.ts';
import { parseEventTime } from './cloudwatch-time.ts';
import { guardrailAlarms, VIOLATION_SEVERITY } from './guardrail-alarms.ts';

/** One event, read as a change of one signal of one configured endpoint. */
export interface IncomingSignal {
  endpoint: VigilConfig['endpoints'][number];
  signal: AlertSignal;
  firing: boolean;
  severity: AlertSeverity;
  changedAt: Date;
  eventId: string;
  /** The run this belongs to: window start (alarms) or scheduled hour (runs), `yyyymmddThhmm`. */
  runKey: string;
  monitor?: MonitorFolder;
  /** The guardrail definition, when the alarm is one of Vigil's. */
  alarm?: GuardrailAlarm;
  /** The monitoring execution, when the event is one. */
  execution?: MonitoringExecutionDetail;
}

/** An event alarm-router does not act on (another account's alarm, an unconfigured endpoint). */
export interface IgnoredEvent {
  ignored: string;
}

/**
 * Reads a "CloudWatch Alarm State Change" (aws.cloudwatch) or "Vigil Monitoring Execution"
 * (vigil) event as a signal change of a configured endpoint. Alarms are matched to Vigil's
 * guardrail definitions by name, else to an endpoint by their `Endpoint` dimension. Throws
 * `EventShapeError` for any other event.
 *
 * @example
 * ```ts
 * const incoming = readIncomingSignal(config, event);
 * if ('ignored' in incoming) log.info('not ours', { reason: incoming.ignored });
 * ```
 */
export function readIncomingSignal(config: VigilConfig, event: unknown): IncomingSignal | IgnoredEvent {
  const e = event as { source?: unknown; 'detail-type'?: unknown; detailType?: unknown } | undefined;
  const type = e?.['detail-type'] ?? e?.detailType;
  if (e?.source === 'aws.cloudwatch' && type === ALARM_STATE_CHANGE_DETAIL_TYPE)
    return fromAlarm(config, event);
  if (e?.source === 'vigil' && type === MONITORING_EXECUTION_DETAIL_TYPE) return fromExecution(config, event);
  throw new EventShapeError(
    `alarm-router takes "${ALARM_STATE_CHANGE_DETAIL_TYPE}" (aws.cloudwatch) and "${MONITORING_EXECUTION_DETAIL_TYPE}" (vigil) events: check the EventBridge rule`,
  );
}

function fromAlarm(config: VigilConfig, event: unknown): IncomingSignal | IgnoredEvent {
  const change = parseAlarmStateChange(event);
  let alarm: GuardrailAlarm | undefined;
  for (const endpoint of config.endpoints) {
    alarm = guardrailAlarms(config, endpoint.name).find((a) => a.name === change.alarmName);
    if (alarm) break;
  }
  const endpointName = alarm?.endpoint ?? change.metric?.dimensions.Endpoint;
  const endpoint = config.endpoints.find((ep) => ep.name === endpointName);
  if (!endpoint) return { ignored: `alarm ${change.alarmName} watches no configured endpoint` };
  const start = change.window?.start;
  return {
    endpoint,
    signal: {
      source: change.alarmName,
      metric: alarm?.metricName ?? change.metric?.name ?? change.alarmName,
      ...(change.value !== undefined ? { value: change.value } : {}),
      ...(change.threshold !== undefined ? { threshold: change.threshold } : {}),
      ...(alarm ? { comparison: alarm.comparisonOperator } : {}),
      state: change.state,
      previousState: change.previousState,
      summary: change.reason,
      ...(change.window ? { window: change.window } : {}),
    },
    firing: change.state === 'ALARM',
    severity: alarm?.severity ?? 'warning',
    changedAt: change.changedAt,
    eventId: change.eventId,
    runKey: runKeyOf(start ? new Date(start) : change.changedAt),
    ...(alarm ? { alarm, monitor: alarm.monitor } : {}),
  };
}

function fromExecution(config: VigilConfig, event: unknown): IncomingSignal | IgnoredEvent {
  const e = event as { id?: unknown; time?: unknown; detail?: Partial<MonitoringExecutionDetail> };
  const d = e.detail;
  const scheduled = parseEventTime(d?.scheduledTime);
  if (
    !d ||
    typeof d.endpointName !== 'string' ||
    !d.monitoringType ||
    !(d.monitoringType in MONITOR_FOLDER) ||
    (d.status !== 'Completed' && d.status !== 'CompletedWithViolations' && d.status !== 'Failed') ||
    !scheduled
  ) {
    throw new EventShapeError(
      'The "Vigil Monitoring Execution" event lacks endpointName, a known monitoringType, status or scheduledTime',
    );
  }
  const detail = d as MonitoringExecutionDetail;
  const endpoint = config.endpoints.find((ep) => ep.name === detail.endpointName);
  if (!endpoint) return { ignored: `monitoring execution of unconfigured endpoint ${detail.endpointName}` };
  const monitor = MONITOR_FOLDER[detail.monitoringType];
  const failed = detail.status === 'Failed';
  const violations = detail.violations ?? [];
  const listed = violations
    .slice(0, 3)
    .map((v) => `${v.subject}: ${v.description}`)
    .join('; ');
  const summary = failed
    ? `The ${monitor} run failed: ${detail.failureReason ?? 'no reason given'}.`
    : detail.violationCount > 0
      ? `${detail.violationCount} violation${detail.violationCount === 1 ? '' : 's'}: ${listed}${
          detail.violationCount > 3 ? '; …' : ''
        }`
      : `The ${monitor} run completed with no violations.`;
  return {
    endpoint,
    signal: {
      source: `${monitor} monitor`,
      metric: failed ? 'execution' : 'vigil_violations',
      ...(failed ? {} : { value: detail.violationCount, threshold: 0, comparison: 'GreaterThanThreshold' }),
      state: detail.status,
      summary,
      window: { start: detail.windowStart, end: detail.windowEnd },
      reportUri: detail.reportUri,
    },
    firing: detail.status !== 'Completed',
    severity: failed ? 'warning' : VIOLATION_SEVERITY[monitor],
    changedAt: scheduled,
    eventId: typeof e.id === 'string' ? e.id : `${detail.monitoringScheduleName}@${scheduled.toISOString()}`,
    runKey: runKeyOf(scheduled),
    monitor,
    execution: detail,
  };
}

/**
 * The compact UTC minute that names an incident: `20240501T1300`.
 *
 * @example
 * ```ts
 * runKeyOf(new Date('2024-05-01T13:00:00Z')); // '20240501T1300'
 * ```
 */
export function runKeyOf(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}
