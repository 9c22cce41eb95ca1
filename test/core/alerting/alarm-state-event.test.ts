import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EventShapeError } from '@vigil/core';
import {
  alarmStateChangeEvent,
  evaluateAlarm,
  guardrailAlarms,
  parseAlarmStateChange,
  parseEventTime,
} from '@vigil/core/alerting';
import { describe, expect, it } from 'vitest';
import { testConfig } from './test-config.ts';

const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL('../../../../shared/fixtures/events/cloudwatch-alarm-state-change.json', import.meta.url),
    ),
    'utf8',
  ),
);

describe('parseAlarmStateChange', () => {
  it('reads the fixture event: states, value, threshold, window and metric', () => {
    const change = parseAlarmStateChange(fixture);
    expect(change).toEqual({
      eventId: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
      alarmName: 'ServerCpuTooHigh',
      description: 'Goes into alarm when server CPU utilization is too high!',
      state: 'ALARM',
      previousState: 'OK',
      reason: fixture.detail.state.reason,
      changedAt: new Date('2019-10-02T17:04:40.989Z'),
      value: 99.50160229693434,
      threshold: 50,
      window: { start: '2019-10-02T16:59:00.000Z', end: '2019-10-02T17:04:40.989Z' },
      metric: {
        namespace: 'AWS/EC2',
        name: 'CPUUtilization',
        dimensions: { InstanceId: 'i-12345678901234567' },
        period: 300,
        stat: 'Average',
      },
    });
  });

  it('rejects other events and composite alarms with EventShapeError', () => {
    expect(() => parseAlarmStateChange({ ...fixture, source: 'aws.sagemaker' })).toThrow(EventShapeError);
    expect(() =>
      parseAlarmStateChange({ ...fixture, detail: { alarmName: 'x', configuration: {} } }),
    ).toThrow(EventShapeError);
  });

  it('keeps going when reasonData is not JSON, losing only the numbers', () => {
    const broken = structuredClone(fixture);
    broken.detail.state.reasonData = '{not json';
    const change = parseAlarmStateChange(broken);
    expect(change.state).toBe('ALARM');
    expect(change.value).toBeUndefined();
  });
});

describe('alarmStateChangeEvent', () => {
  it('builds the fixture shape for a local evaluation, which parses back to the same facts', () => {
    const alarm = guardrailAlarms(testConfig(), 'churn-prod')[0];
    if (!alarm) throw new Error('no alarm');
    const now = new Date('2024-05-01T13:50:00Z');
    const evaluation = evaluateAlarm(
      alarm,
      [{ timestamp: new Date('2024-05-01T13:05:00Z'), value: 0.31 }],
      now,
      'OK',
    );
    const event = alarmStateChangeEvent(alarm, {
      previous: { value: 'OK', reason: 'earlier', timestamp: '2024-05-01T12:50:00.000+0000' },
      evaluation,
      at: now,
    });
    expect(Object.keys(event)).toEqual(Object.keys(fixture));
    expect(Object.keys(event.detail)).toEqual(Object.keys(fixture.detail));
    expect(Object.keys(event.detail.configuration.metrics[0] ?? {})).toEqual(
      Object.keys(fixture.detail.configuration.metrics[0]),
    );
    expect(event.resources).toEqual([
      'arn:aws:cloudwatch:local:000000000000:alarm:vigil-churn-prod-drift-age',
    ]);
    const change = parseAlarmStateChange(event);
    expect(change).toMatchObject({
      alarmName: 'vigil-churn-prod-drift-age',
      state: 'ALARM',
      previousState: 'OK',
      value: 0.31,
      threshold: 0.1,
      changedAt: now,
      window: { start: '2024-05-01T13:00:00.000Z', end: '2024-05-01T13:50:00.000Z' },
      metric: { name: 'feature_baseline_drift_age', dimensions: { Endpoint: 'churn-prod' } },
    });
    // The same transition always gets the same id, so a replayed local evaluation is a duplicate.
    expect(
      alarmStateChangeEvent(alarm, { previous: event.detail.previousState, evaluation, at: now }).id,
    ).toBe(event.id);
  });
});

describe('parseEventTime', () => {
  it('reads the timestamp spellings of AWS events', () => {
    expect(parseEventTime('2019-10-02T17:04:40.989+0000')?.toISOString()).toBe('2019-10-02T17:04:40.989Z');
    expect(parseEventTime('2021-10-25T01:52:12Z')?.toISOString()).toBe('2021-10-25T01:52:12.000Z');
    expect(parseEventTime('1583831889050')?.toISOString()).toBe('2020-03-10T09:18:09.050Z');
    expect(parseEventTime(1592411994287.0)?.toISOString()).toBe('2020-06-17T16:39:54.287Z');
    expect(parseEventTime('yesterday')).toBeUndefined();
  });
});
