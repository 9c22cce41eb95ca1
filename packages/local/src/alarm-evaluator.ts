import type { Clock, MetricDatum, ObjectStore, VigilConfig } from '@vigil/core';
import { ObjectNotFoundError } from '@vigil/core';
import {
  type AlarmStateChangeEvent,
  type AlarmStateValue,
  alarmStateChangeEvent,
  cloudWatchTimestamp,
  evaluateAlarm,
  type GuardrailAlarm,
  guardrailAlarms,
} from '@vigil/core/alerting';

/** What the evaluator reads metrics from: `LocalMetricStore` (or anything with its `query`). */
export interface MetricQuery {
  query(
    namespace: string,
    name: string,
    dimensions: Record<string, string>,
    from: Date,
    to: Date,
  ): Promise<readonly Pick<MetricDatum, 'timestamp' | 'value' | 'statistics'>[]>;
}

/** Where local alarm states are kept in the home store. */
export const LOCAL_ALARM_PREFIX = 'local/alarms';

/** The result of one evaluation of one alarm. */
export interface LocalAlarmResult {
  alarm: GuardrailAlarm;
  state: AlarmStateValue;
  /** The state change event, when the state changed. */
  event?: AlarmStateChangeEvent;
}

/**
 * Evaluates the guardrail alarms of the configured endpoints against the local metrics store,
 * with CloudWatch's semantics (period, evaluation periods, M of N, statistic, TreatMissingData),
 * and returns a "CloudWatch Alarm State Change" event for every alarm whose state changed. Like
 * CloudWatch, a new alarm starts in INSUFFICIENT_DATA. States are kept under `local/alarms/`.
 *
 * @example
 * ```ts
 * const results = await evaluateLocalAlarms({ config, metrics: new LocalMetricStore(home), store, clock });
 * await bus.put(results.flatMap((r) => (r.event ? [r.event] : []))); // alarm-router takes them from there
 * ```
 */
export async function evaluateLocalAlarms(
  ports: { config: VigilConfig; metrics: MetricQuery; store: ObjectStore; clock: Clock },
  options: { endpoints?: string[] } = {},
): Promise<LocalAlarmResult[]> {
  const at = ports.clock.now();
  const names = options.endpoints ?? ports.config.endpoints.map((e) => e.name);
  const results: LocalAlarmResult[] = [];
  for (const endpoint of names) {
    for (const alarm of guardrailAlarms(ports.config, endpoint)) {
      const periodMs = alarm.period * 1000;
      const latestStart = Math.floor(at.getTime() / periodMs) * periodMs;
      const from = new Date(latestStart - (alarm.evaluationPeriods - 1) * periodMs);
      const to = new Date(latestStart + periodMs);
      const points = await ports.metrics.query(alarm.namespace, alarm.metricName, alarm.dimensions, from, to);
      const previous = await readState(ports.store, alarm.name);
      const evaluation = evaluateAlarm(alarm, points, at, previous.value);
      if (evaluation.state === previous.value) {
        results.push({ alarm, state: previous });
        continue;
      }
      const event = alarmStateChangeEvent(alarm, { previous, evaluation, at });
      await ports.store.put(stateKey(alarm.name), JSON.stringify(event.detail.state), 'application/json');
      results.push({ alarm, state: event.detail.state, event });
    }
  }
  return results;
}

async function readState(store: ObjectStore, alarmName: string): Promise<AlarmStateValue> {
  try {
    return JSON.parse(new TextDecoder().decode(await store.get(stateKey(alarmName)))) as AlarmStateValue;
  } catch (error) {
    if (!(error instanceof ObjectNotFoundError)) throw error;
    return {
      value: 'INSUFFICIENT_DATA',
      reason: 'Unchecked: Initial alarm creation',
      timestamp: cloudWatchTimestamp(new Date(0)),
    };
  }
}

function stateKey(alarmName: string): string {
  return `${LOCAL_ALARM_PREFIX}/${encodeURIComponent(alarmName)}.json`;
}
