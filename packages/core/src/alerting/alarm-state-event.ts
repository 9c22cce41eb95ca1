import { EventShapeError } from '../errors/vigil-error.ts';
import type { EventBridgeEnvelope } from '../events/eventbridge-envelope.ts';
import type { AlarmState, GuardrailAlarm } from './alarm-definition.ts';
import { cloudWatchTimestamp, parseEventTime } from './cloudwatch-time.ts';
import type { AlarmEvaluation } from './evaluate-alarm.ts';

export const ALARM_STATE_CHANGE_DETAIL_TYPE = 'CloudWatch Alarm State Change';

/** One side of a state change as CloudWatch writes it. */
export interface AlarmStateValue {
  value: AlarmState;
  reason: string;
  /** JSON text: version, queryDate, startDate, statistic, period, recentDatapoints, threshold. */
  reasonData?: string;
  timestamp: string;
}

/** The EventBridge "CloudWatch Alarm State Change" event (single-metric alarms). */
export interface AlarmStateChangeEvent
  extends EventBridgeEnvelope<typeof ALARM_STATE_CHANGE_DETAIL_TYPE, AlarmStateChangeDetail> {
  version: '0';
  source: 'aws.cloudwatch';
}

/** The detail of a "CloudWatch Alarm State Change" event. */
export interface AlarmStateChangeDetail {
  alarmName: string;
  configuration: {
    description?: string;
    metrics: {
      id: string;
      metricStat: {
        metric: { dimensions: Record<string, string>; name: string; namespace: string };
        period: number;
        stat: string;
      };
      returnData: boolean;
    }[];
  };
  previousState: AlarmStateValue;
  state: AlarmStateValue;
}

/** What alarm-router reads from an alarm event, with the reason data parsed. */
export interface AlarmStateChange {
  eventId: string;
  alarmName: string;
  description?: string;
  state: AlarmState;
  previousState: AlarmState;
  reason: string;
  /** When the state changed (the state's timestamp; the event time when absent). */
  changedAt: Date;
  /** The newest datapoint's value, when the reason data has one. */
  value?: number;
  threshold?: number;
  /** The evaluated range: from the reason data's startDate to the change. */
  window?: { start: string; end: string };
  metric?: {
    namespace: string;
    name: string;
    dimensions: Record<string, string>;
    period?: number;
    stat?: string;
  };
}

/**
 * Builds the "CloudWatch Alarm State Change" event CloudWatch would send for a transition, in
 * the exact EventBridge shape (local mode feeds it to alarm-router like the real one).
 *
 * @example
 * ```ts
 * const event = alarmStateChangeEvent(alarm, { previous, evaluation, at: clock.now() });
 * await routeAlert(ports, event);
 * ```
 */
export function alarmStateChangeEvent(
  alarm: GuardrailAlarm,
  change: {
    previous: AlarmStateValue;
    evaluation: AlarmEvaluation;
    at: Date;
    account?: string;
    region?: string;
  },
): AlarmStateChangeEvent {
  const account = change.account ?? '000000000000';
  const region = change.region ?? 'local';
  const timestamp = cloudWatchTimestamp(change.at);
  return {
    version: '0',
    id: localEventId(alarm.name, change.at),
    'detail-type': ALARM_STATE_CHANGE_DETAIL_TYPE,
    source: 'aws.cloudwatch',
    account,
    time: `${change.at.toISOString().slice(0, 19)}Z`,
    region,
    resources: [`arn:aws:cloudwatch:${region}:${account}:alarm:${alarm.name}`],
    detail: {
      alarmName: alarm.name,
      configuration: {
        description: alarm.description,
        metrics: [
          {
            id: 'm1',
            metricStat: {
              metric: {
                dimensions: { ...alarm.dimensions },
                name: alarm.metricName,
                namespace: alarm.namespace,
              },
              period: alarm.period,
              stat: alarm.statistic,
            },
            returnData: true,
          },
        ],
      },
      previousState: change.previous,
      state: {
        value: change.evaluation.state,
        reason: change.evaluation.reason,
        reasonData: JSON.stringify(change.evaluation.reasonData),
        timestamp,
      },
    },
  };
}

/**
 * Reads a "CloudWatch Alarm State Change" EventBridge event. Throws `EventShapeError` when the
 * source, detail-type or required fields are not those of the event.
 *
 * @example
 * ```ts
 * const change = parseAlarmStateChange(event);
 * console.log(`${change.alarmName}: ${change.previousState} → ${change.state}`);
 * ```
 */
export function parseAlarmStateChange(event: unknown): AlarmStateChange {
  const e = event as Partial<AlarmStateChangeEvent> | undefined;
  if (e?.source !== 'aws.cloudwatch' || e['detail-type'] !== ALARM_STATE_CHANGE_DETAIL_TYPE) {
    throw new EventShapeError(
      'Expected a "CloudWatch Alarm State Change" event from aws.cloudwatch: check the EventBridge rule',
    );
  }
  const d = e.detail;
  if (!d || typeof d.alarmName !== 'string' || !isStateValue(d.state) || !isStateValue(d.previousState)) {
    throw new EventShapeError(
      'The alarm event lacks detail.alarmName, detail.state or detail.previousState: is it a composite alarm?',
    );
  }
  const changedAt = parseEventTime(d.state.timestamp) ?? parseEventTime(e.time) ?? new Date(0);
  const reasonData = parseReasonData(d.state.reasonData);
  const stat = d.configuration?.metrics?.find((m) => m?.metricStat)?.metricStat;
  const start = parseEventTime(reasonData.startDate);
  return {
    eventId: typeof e.id === 'string' ? e.id : `${d.alarmName}@${changedAt.toISOString()}`,
    alarmName: d.alarmName,
    ...(d.configuration?.description ? { description: d.configuration.description } : {}),
    state: d.state.value,
    previousState: d.previousState.value,
    reason: String(d.state.reason ?? ''),
    changedAt,
    ...(reasonData.value !== undefined ? { value: reasonData.value } : {}),
    ...(reasonData.threshold !== undefined ? { threshold: reasonData.threshold } : {}),
    ...(start ? { window: { start: start.toISOString(), end: changedAt.toISOString() } } : {}),
    ...(stat?.metric
      ? {
          metric: {
            namespace: String(stat.metric.namespace),
            name: String(stat.metric.name),
            dimensions: { ...(stat.metric.dimensions ?? {}) },
            period: stat.period,
            stat: stat.stat,
          },
        }
      : {}),
  };
}

function isStateValue(value: unknown): value is AlarmStateValue {
  const v = value as AlarmStateValue | undefined;
  return !!v && (v.value === 'OK' || v.value === 'ALARM' || v.value === 'INSUFFICIENT_DATA');
}

/** reasonData is JSON inside a string; a value that does not parse only loses the numbers. */
function parseReasonData(text: unknown): { value?: number; threshold?: number; startDate?: string } {
  if (typeof text !== 'string') return {};
  try {
    const data = JSON.parse(text) as { recentDatapoints?: unknown; threshold?: unknown; startDate?: unknown };
    const points = Array.isArray(data.recentDatapoints)
      ? data.recentDatapoints.filter((v): v is number => typeof v === 'number')
      : [];
    return {
      ...(points.length ? { value: points[points.length - 1] } : {}),
      ...(typeof data.threshold === 'number' ? { threshold: data.threshold } : {}),
      ...(typeof data.startDate === 'string' ? { startDate: data.startDate } : {}),
    };
  } catch {
    return {};
  }
}

/** A stable id for a locally synthesized event: the same transition always gets the same id. */
function localEventId(alarmName: string, at: Date): string {
  let hash = 0x811c9dc5;
  for (const ch of `${alarmName}@${at.toISOString()}`) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `local-${at.getTime().toString(16)}-${hash.toString(16).padStart(8, '0')}`;
}
