import { evaluateAlarm, type GuardrailAlarm, periodValues } from '@vigil/core/alerting';
import { describe, expect, it } from 'vitest';

const drift: GuardrailAlarm = {
  name: 'vigil-ep-drift-age',
  description: 'drift',
  namespace: 'aws/sagemaker/Endpoints/data-metrics',
  metricName: 'feature_baseline_drift_age',
  dimensions: { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' },
  statistic: 'Maximum',
  period: 3600,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  threshold: 0.1,
  comparisonOperator: 'GreaterThanThreshold',
  treatMissingData: 'notBreaching',
  endpoint: 'ep',
  monitor: 'data-quality',
  kind: 'feature-drift',
  severity: 'warning',
  guardsDeployments: true,
};
const heartbeat: GuardrailAlarm = {
  ...drift,
  name: 'vigil-ep-data-quality-heartbeat',
  metricName: 'vigil_execution_failed',
  evaluationPeriods: 2,
  datapointsToAlarm: 2,
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'breaching',
  kind: 'heartbeat',
};
const at = (iso: string) => new Date(`2024-05-01T${iso}Z`);
const point = (iso: string, value: number) => ({ timestamp: at(iso), value });
/** A statistic set datapoint as the metric store returns it: value is the set's Average. */
const set = (iso: string, sampleCount: number, sum: number, minimum: number, maximum: number) => ({
  timestamp: at(iso),
  value: sum / sampleCount,
  statistics: { sampleCount, sum, minimum, maximum },
});
/** feature_data_age as SageMaker publishes it: a statistic set per run. */
const featureData: GuardrailAlarm = { ...drift, name: 'vigil-ep-data-age', metricName: 'feature_data_age' };
/**
 * In 13:00–14:00: the value 1, the set of 2, 3, 7 and the set of 0.5, 4.5. Together six values
 * summing to 1 + 12 + 5 = 18, least 0.5, greatest 7, average 18 / 6 = 3. Averaging the three
 * datapoints' values (1, 4, 2.5) instead would give 2.5, their sum 7.5, their count 3.
 */
const mixed = [
  point('12:59:59', 100),
  point('13:05:00', 1),
  set('13:20:00', 3, 12, 2, 7),
  set('13:40:00', 2, 5, 0.5, 4.5),
  set('14:00:00', 4, 400, 100, 100),
];

describe('evaluateAlarm', () => {
  it('reduces the period containing the evaluation time with the statistic and says why, as CloudWatch does', () => {
    const result = evaluateAlarm(
      drift,
      [point('13:05:00', 0.05), point('13:40:00', 0.31)],
      at('13:50:00'),
      'OK',
    );
    expect(result.state).toBe('ALARM');
    expect(result.reason).toBe(
      'Threshold Crossed: 1 out of the last 1 datapoints [0.31 (01/05/24 13:00:00)] was greater than the ' +
        'threshold (0.1) (minimum 1 datapoint for OK -> ALARM transition).',
    );
    expect(result.reasonData).toEqual({
      version: '1.0',
      queryDate: '2024-05-01T13:50:00.000+0000',
      startDate: '2024-05-01T13:00:00.000+0000',
      statistic: 'Maximum',
      period: 3600,
      recentDatapoints: [0.31],
      threshold: 0.1,
    });
  });

  it('treats an empty period as not breaching for notBreaching alarms', () => {
    const result = evaluateAlarm(drift, [point('13:40:00', 0.31)], at('14:10:00'), 'ALARM');
    expect(result.state).toBe('OK');
    expect(result.reason).toBe(
      'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
    );
  });

  it('fires a heartbeat only when two periods in a row failed or stayed silent', () => {
    // 13:02: the 13:00 run has not reported yet, the 12:00 run succeeded → one breaching period of two.
    expect(evaluateAlarm(heartbeat, [point('12:05:00', 0)], at('13:02:00'), 'OK').state).toBe('OK');
    // 14:30 and nothing since 12:05: 13:00 and 14:00 are both missing → breaching.
    const silent = evaluateAlarm(heartbeat, [point('12:05:00', 0)], at('14:30:00'), 'OK');
    expect(silent.state).toBe('ALARM');
    expect(silent.reason).toContain('no datapoints were received for 2 periods');
    expect(silent.reason).toContain('[Breaching]');
    // Two failed runs in a row.
    expect(
      evaluateAlarm(heartbeat, [point('13:05:00', 1), point('14:05:00', 1)], at('14:30:00'), 'OK').state,
    ).toBe('ALARM');
    // One failed run followed by a good one.
    expect(
      evaluateAlarm(heartbeat, [point('13:05:00', 1), point('14:05:00', 0)], at('14:30:00'), 'OK').state,
    ).toBe('OK');
    // A failed run, then silence: both periods breach.
    const failedThenSilent = evaluateAlarm(heartbeat, [point('13:05:00', 1)], at('14:30:00'), 'OK');
    expect(failedThenSilent.state).toBe('ALARM');
    expect(failedThenSilent.reason).toBe(
      'Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/05/24 13:00:00)] was greater than or equal to ' +
        'the threshold (1.0) and 1 missing datapoint was treated as [Breaching] (minimum 2 datapoints for OK -> ALARM transition).',
    );
  });

  it('needs M of N breaching periods', () => {
    const mOfN = { ...drift, evaluationPeriods: 3, datapointsToAlarm: 2 };
    const twoOfThree = [point('11:10:00', 0.2), point('12:10:00', 0.05), point('13:10:00', 0.3)];
    expect(evaluateAlarm(mOfN, twoOfThree, at('13:30:00'), 'OK').state).toBe('ALARM');
    const oneOfThree = [point('11:10:00', 0.2), point('12:10:00', 0.05), point('13:10:00', 0.05)];
    expect(evaluateAlarm(mOfN, oneOfThree, at('13:30:00'), 'OK').state).toBe('OK');
  });

  it('goes to INSUFFICIENT_DATA with missing and keeps its state with ignore when every period is empty', () => {
    expect(evaluateAlarm({ ...drift, treatMissingData: 'missing' }, [], at('13:30:00'), 'ALARM').state).toBe(
      'INSUFFICIENT_DATA',
    );
    expect(evaluateAlarm({ ...drift, treatMissingData: 'ignore' }, [], at('13:30:00'), 'ALARM').state).toBe(
      'ALARM',
    );
    expect(evaluateAlarm({ ...drift, treatMissingData: 'ignore' }, [], at('13:30:00'), 'OK').state).toBe(
      'OK',
    );
  });

  it('compares with each operator at the threshold itself', () => {
    const exactly = [point('13:10:00', 0.1)];
    const state = (comparisonOperator: GuardrailAlarm['comparisonOperator']) =>
      evaluateAlarm({ ...drift, comparisonOperator }, exactly, at('13:30:00'), 'OK').state;
    expect(state('GreaterThanThreshold')).toBe('OK');
    expect(state('GreaterThanOrEqualToThreshold')).toBe('ALARM');
    expect(state('LessThanThreshold')).toBe('OK');
    expect(state('LessThanOrEqualToThreshold')).toBe('ALARM');
  });
});

describe('periodValues', () => {
  it('aligns periods on multiples of the period and applies each statistic', () => {
    const points = [point('12:59:59', 100), point('13:00:00', 1), point('13:20:00', 2), point('13:59:59', 6)];
    const value = (statistic: GuardrailAlarm['statistic']) =>
      periodValues({ ...drift, statistic }, points, at('13:30:00'))[0]?.value;
    expect(value('Maximum')).toBe(6);
    expect(value('Minimum')).toBe(1);
    expect(value('Sum')).toBe(9);
    expect(value('Average')).toBe(3);
    expect(value('SampleCount')).toBe(3);
    const fifteen = periodValues({ ...drift, period: 900, evaluationPeriods: 3 }, points, at('13:30:00'));
    expect(fifteen.map((p) => [p.start.toISOString(), p.value])).toEqual([
      ['2024-05-01T13:00:00.000Z', 1],
      ['2024-05-01T13:15:00.000Z', 2],
      ['2024-05-01T13:30:00.000Z', undefined],
    ]);
  });

  it('reduces statistic sets and plain values together as CloudWatch does', () => {
    const value = (statistic: GuardrailAlarm['statistic']) =>
      periodValues({ ...featureData, statistic }, mixed, at('13:30:00'))[0]?.value;
    expect(value('SampleCount')).toBe(6);
    expect(value('Sum')).toBe(18);
    expect(value('Minimum')).toBe(0.5);
    expect(value('Maximum')).toBe(7);
    expect(value('Average')).toBe(3);
  });

  it('leaves out statistic sets of no samples or with non-finite fields, as plain non-finite values', () => {
    const damaged = [
      ...mixed,
      set('13:10:00', 0, 0, 0, 0),
      set('13:11:00', 2, Number.NaN, 1, 2),
      set('13:12:00', 2, 3, Number.NEGATIVE_INFINITY, 2),
      point('13:13:00', Number.POSITIVE_INFINITY),
    ];
    const value = (statistic: GuardrailAlarm['statistic']) =>
      periodValues({ ...featureData, statistic }, damaged, at('13:30:00'))[0]?.value;
    expect([
      value('SampleCount'),
      value('Sum'),
      value('Minimum'),
      value('Maximum'),
      value('Average'),
    ]).toEqual([6, 18, 0.5, 7, 3]);
    expect(
      periodValues(featureData, [set('13:10:00', 0, 0, 0, 0)], at('13:30:00'))[0]?.value,
    ).toBeUndefined();
  });
});

describe('evaluateAlarm over statistic sets', () => {
  it('alarms on the Average of all values in the period, not the mean of the datapoints', () => {
    // Average 3 > 2.8, though the datapoints' values average 2.5.
    const average = { ...featureData, statistic: 'Average' as const, threshold: 2.8 };
    const result = evaluateAlarm(average, mixed, at('13:50:00'), 'OK');
    expect(result.state).toBe('ALARM');
    expect(result.reasonData.recentDatapoints).toEqual([3]);
    expect(result.reason).toBe(
      'Threshold Crossed: 1 out of the last 1 datapoints [3.0 (01/05/24 13:00:00)] was greater than the ' +
        'threshold (2.8) (minimum 1 datapoint for OK -> ALARM transition).',
    );
  });

  it('alarms on the greatest value in a set, which no datapoint value shows', () => {
    // Maximum 7 > 5, though no datapoint's value (1, 4, 2.5) is above 5.
    const maximum = { ...featureData, statistic: 'Maximum' as const, threshold: 5 };
    expect(evaluateAlarm(maximum, mixed, at('13:50:00'), 'OK').state).toBe('ALARM');
    expect(evaluateAlarm({ ...maximum, threshold: 7 }, mixed, at('13:50:00'), 'OK').state).toBe('OK');
  });
});
