import { javaDouble } from '../json/java-double.ts';
import type { MetricStatistics } from '../ports/metric-sink.ts';
import type { AlarmState, AlarmStatistic, ComparisonOperator, GuardrailAlarm } from './alarm-definition.ts';
import { cloudWatchTimestamp, reasonDatapointTime } from './cloudwatch-time.ts';

/** One stored metric value, or a statistic set of many (then `value` is their Average and is not read). */
export interface Datapoint {
  timestamp: Date;
  value: number;
  statistics?: MetricStatistics;
}

/** The aggregated value of one evaluation period, undefined when no datapoint fell in it. */
export interface PeriodValue {
  start: Date;
  value: number | undefined;
}

/** The outcome of one evaluation, with the reason in CloudWatch's words. */
export interface AlarmEvaluation {
  state: AlarmState;
  reason: string;
  /** CloudWatch's `reasonData`: version, queryDate, startDate, statistic, period, recentDatapoints, threshold. */
  reasonData: {
    version: '1.0';
    queryDate: string;
    startDate: string;
    statistic: AlarmStatistic;
    period: number;
    recentDatapoints: number[];
    threshold: number;
  };
  periods: PeriodValue[];
}

const COMPARISON_TEXT: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/**
 * Evaluates an alarm the way CloudWatch does: the `evaluationPeriods` periods up to and
 * including the one containing `at` (aligned on multiples of the period since the epoch), each
 * reduced with the alarm's statistic; ALARM when at least `datapointsToAlarm` of them breach.
 * Empty periods follow TreatMissingData: `breaching` and `notBreaching` fill them; with
 * `missing` and `ignore` they are left out, and when every period is empty the alarm goes to
 * INSUFFICIENT_DATA (`missing`) or keeps its state (`ignore`).
 *
 * @example
 * ```ts
 * const result = evaluateAlarm(alarm, await store.query(...), new Date(), 'OK');
 * if (result.state !== 'OK') console.log(result.reason);
 * ```
 */
export function evaluateAlarm(
  alarm: GuardrailAlarm,
  datapoints: readonly Datapoint[],
  at: Date,
  previous: AlarmState,
): AlarmEvaluation {
  const periods = periodValues(alarm, datapoints, at);
  const present = periods.filter((p): p is { start: Date; value: number } => p.value !== undefined);
  const missing = periods.length - present.length;
  const breachingPresent = present.filter((p) =>
    breaches(alarm.comparisonOperator, p.value, alarm.threshold),
  );
  const reasonData = {
    version: '1.0' as const,
    queryDate: cloudWatchTimestamp(at),
    startDate: cloudWatchTimestamp(periods[0]?.start ?? at),
    statistic: alarm.statistic,
    period: alarm.period,
    recentDatapoints: present.map((p) => p.value),
    threshold: alarm.threshold,
  };
  if (present.length === 0 && (alarm.treatMissingData === 'missing' || alarm.treatMissingData === 'ignore')) {
    const state = alarm.treatMissingData === 'missing' ? 'INSUFFICIENT_DATA' : previous;
    const reason = `Insufficient Data: ${periods.length} datapoint${plural(periods.length)} ${
      periods.length === 1 ? 'was' : 'were'
    } unknown.`;
    return { state, reason, reasonData, periods };
  }
  const filledBreaches = alarm.treatMissingData === 'breaching' ? missing : 0;
  const breachCount = breachingPresent.length + filledBreaches;
  const state: AlarmState = breachCount >= alarm.datapointsToAlarm ? 'ALARM' : 'OK';
  return {
    state,
    reason: reasonText(alarm, present, missing, breachingPresent.length, state, previous),
    reasonData,
    periods,
  };
}

/**
 * The alarm's periods ending with the one containing `at`, each reduced with its statistic as
 * CloudWatch reduces a mix of values and statistic sets: a plain value v counts as the set
 * {SampleCount 1, Sum v, Minimum v, Maximum v}; Maximum is the greatest maximum, Minimum the least
 * minimum, Sum the sum of sums, SampleCount the sum of sample counts and Average the sum of sums
 * over the sum of sample counts. Non-finite values and sets with no samples are left out.
 *
 * @example
 * ```ts
 * periodValues(alarm, points, new Date('2024-05-01T13:30:00Z')).map((p) => p.value);
 * ```
 */
export function periodValues(
  alarm: GuardrailAlarm,
  datapoints: readonly Datapoint[],
  at: Date,
): PeriodValue[] {
  const periodMs = alarm.period * 1000;
  const latestStart = Math.floor(at.getTime() / periodMs) * periodMs;
  const periods: PeriodValue[] = [];
  for (let i = alarm.evaluationPeriods - 1; i >= 0; i--) {
    const start = latestStart - i * periodMs;
    const sets = datapoints
      .filter((d) => d.timestamp.getTime() >= start && d.timestamp.getTime() < start + periodMs)
      .map(statisticSetOf)
      .filter((set): set is MetricStatistics => set !== undefined);
    periods.push({
      start: new Date(start),
      value: sets.length ? reduce(alarm.statistic, combine(sets)) : undefined,
    });
  }
  return periods;
}

/** The datapoint as a statistic set, undefined when it holds no usable value. */
function statisticSetOf(point: Datapoint): MetricStatistics | undefined {
  const set = point.statistics ?? {
    sampleCount: 1,
    sum: point.value,
    minimum: point.value,
    maximum: point.value,
  };
  const usable =
    set.sampleCount > 0 &&
    Number.isFinite(set.sampleCount) &&
    Number.isFinite(set.sum) &&
    Number.isFinite(set.minimum) &&
    Number.isFinite(set.maximum);
  return usable ? set : undefined;
}

function combine(sets: readonly MetricStatistics[]): MetricStatistics {
  const total = {
    sampleCount: 0,
    sum: 0,
    minimum: Number.POSITIVE_INFINITY,
    maximum: Number.NEGATIVE_INFINITY,
  };
  for (const set of sets) {
    total.sampleCount += set.sampleCount;
    total.sum += set.sum;
    total.minimum = Math.min(total.minimum, set.minimum);
    total.maximum = Math.max(total.maximum, set.maximum);
  }
  return total;
}

function reduce(statistic: AlarmStatistic, set: MetricStatistics): number {
  switch (statistic) {
    case 'Maximum':
      return set.maximum;
    case 'Minimum':
      return set.minimum;
    case 'Sum':
      return set.sum;
    case 'SampleCount':
      return set.sampleCount;
    case 'Average':
      return set.sum / set.sampleCount;
  }
}

function breaches(operator: ComparisonOperator, value: number, threshold: number): boolean {
  switch (operator) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

function reasonText(
  alarm: GuardrailAlarm,
  present: { start: Date; value: number }[],
  missing: number,
  presentBreaches: number,
  state: AlarmState,
  previous: AlarmState,
): string {
  const comparison = COMPARISON_TEXT[alarm.comparisonOperator];
  const m = alarm.datapointsToAlarm;
  const transition = `(minimum ${m} datapoint${plural(m)} for ${previous} -> ${state} transition)`;
  if (present.length === 0) {
    const treated = alarm.treatMissingData === 'breaching' ? 'Breaching' : 'NonBreaching';
    return (
      `Threshold Crossed: no datapoints were received for ${missing} period${plural(missing)} and ` +
      `${missing} missing datapoint${plural(missing)} ${missing === 1 ? 'was' : 'were'} treated as [${treated}].`
    );
  }
  const shown = present
    .slice()
    .reverse()
    .map((p) => `${javaDouble(p.value)} (${reasonDatapointTime(p.start)})`)
    .join(', ');
  const verb =
    state === 'ALARM' ? `${presentBreaches === 1 ? 'was' : 'were'} ${comparison}` : `was not ${comparison}`;
  const count = state === 'ALARM' ? presentBreaches : present.length;
  const missingNote = missing
    ? ` and ${missing} missing datapoint${plural(missing)} ${missing === 1 ? 'was' : 'were'} treated as [${
        alarm.treatMissingData === 'breaching' ? 'Breaching' : 'NonBreaching'
      }]`
    : '';
  return (
    `Threshold Crossed: ${count} out of the last ${present.length} datapoints ` +
    `[${shown}] ${verb} the threshold (${javaDouble(alarm.threshold)})${missingNote} ${transition}.`
  );
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}
