import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EventShapeError, silentLog } from '@vigil/core';
import { type AlertRouterPorts, AlertUndeliveredError, routeAlert } from '@vigil/core/alerting';
import { type EndpointRecord, writeEndpointRecord } from '@vigil/core/rollback';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';
import { FakeController, MemoryAudit } from '../rollback/fake-controller.ts';
import { alarmEvent, executionEvent, MovingClock, RecordingNotifier, RecordingSink } from './helpers.ts';
import { testConfig } from './test-config.ts';

const DRIFT = 'vigil-churn-prod-drift-age';
const MQ = 'vigil-churn-prod-model-quality-violations';

function setup(options: { suppressMinutes?: number; policy?: 'notify' | 'rollback' } = {}) {
  const store = new MemoryStore('mem://vigil');
  const slack = new RecordingNotifier('oncall-slack');
  const email = new RecordingNotifier('ml-email');
  const clock = new MovingClock(new Date('2024-05-01T13:50:00Z'));
  const sleeps: number[] = [];
  const ports: AlertRouterPorts = {
    config: testConfig(options),
    store,
    notifiers: { 'oncall-slack': slack, 'ml-email': email },
    clock,
    log: silentLog,
    delivery: { attempts: 3, baseDelayMs: 100, sleep: async (ms) => void sleeps.push(ms) },
  };
  /** Routes an event with the clock at the event's own time. */
  const route = (event: { time: string; [key: string]: unknown }) => {
    clock.set(event.time);
    return routeAlert(ports, event);
  };
  return { store, slack, email, clock, ports, route, sleeps };
}

describe('routeAlert', () => {
  it('sends one actionable message per incident, then one resolved notice when the last alarm clears', async () => {
    const { slack, email, route } = setup();
    const first = await route(alarmEvent(DRIFT, 'ALARM', 'OK', '2024-05-01T13:50:00Z'));
    const second = await route(
      alarmEvent(MQ, 'ALARM', 'OK', '2024-05-01T13:51:00Z', { value: 3, threshold: 0 }),
    );
    expect(first.outcome).toBe('sent');
    expect(second).toEqual({ outcome: 'recorded', incidentId: 'churn-prod-20240501T1300', suppressed: true });
    expect(slack.sent).toHaveLength(1);
    expect(email.sent).toHaveLength(1);
    const alert = slack.sent[0];
    expect(alert).toMatchObject({
      incidentId: 'churn-prod-20240501T1300',
      status: 'firing',
      severity: 'warning',
      title: '[FIRING] churn-prod: feature_baseline_drift_age = 0.31 > 0.1',
      endpoint: 'churn-prod',
      variant: 'AllTraffic',
      transition: { from: 'OK', to: 'ALARM' },
      reportUri: 'mem://vigil/reports/churn-prod/data-quality/2024/05/01/13/',
      runbookUrl: 'https://runbooks.example.com/churn',
      actionTaken: 'None.',
      eventId: `${DRIFT}-ALARM-2024-05-01T13:50:00Z`,
    });
    expect(alert?.signals[0]).toMatchObject({
      source: DRIFT,
      metric: 'feature_baseline_drift_age',
      value: 0.31,
      threshold: 0.1,
      comparison: 'GreaterThanThreshold',
      window: { start: '2024-05-01T13:00:00.000Z', end: '2024-05-01T13:50:00.000Z' },
    });

    expect((await route(alarmEvent(DRIFT, 'OK', 'ALARM', '2024-05-01T14:20:00Z'))).outcome).toBe('recorded');
    expect(slack.sent).toHaveLength(1);
    const resolved = await route(alarmEvent(MQ, 'OK', 'ALARM', '2024-05-01T14:21:00Z'));
    expect(resolved.outcome).toBe('sent');
    expect(slack.sent[1]).toMatchObject({
      status: 'resolved',
      severity: 'info',
      title: '[RESOLVED] churn-prod: every guardrail is back to OK',
      transition: { from: 'ALARM', to: 'OK' },
    });
    expect(slack.sent[1]?.signals.map((s) => [s.source, s.state])).toEqual([
      [MQ, 'OK'],
      [DRIFT, 'OK'],
    ]);
  });

  it('sends one message when two alarms of one run arrive at the same time, and one resolved notice', async () => {
    const { slack, ports, clock } = setup();
    clock.set('2024-05-01T13:51:00Z');
    const outcomes = await Promise.all([
      routeAlert(ports, alarmEvent(DRIFT, 'ALARM', 'OK', '2024-05-01T13:50:00Z')),
      routeAlert(ports, alarmEvent(MQ, 'ALARM', 'OK', '2024-05-01T13:50:30Z')),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['recorded', 'sent']);
    expect(slack.sent).toHaveLength(1);
    clock.set('2024-05-01T14:11:00Z');
    await Promise.all([
      routeAlert(ports, alarmEvent(DRIFT, 'OK', 'ALARM', '2024-05-01T14:10:00Z')),
      routeAlert(ports, alarmEvent(MQ, 'OK', 'ALARM', '2024-05-01T14:10:30Z')),
    ]);
    expect(slack.sent.map((a) => a.status)).toEqual(['firing', 'resolved']);
  });

  it('ignores duplicate and out-of-order events', async () => {
    const { slack, route } = setup();
    const fired = alarmEvent(DRIFT, 'ALARM', 'OK', '2024-05-01T13:50:00Z');
    await route(fired);
    expect(await route(fired)).toEqual({ outcome: 'duplicate', source: DRIFT });
    // The same transition delivered again under another event id (EventBridge at-least-once).
    expect(await route({ ...fired, id: 'other-id' })).toEqual({ outcome: 'duplicate', source: DRIFT });
    // An OK from before the ALARM, delivered late, must not resolve the incident.
    expect(await route(alarmEvent(DRIFT, 'OK', 'INSUFFICIENT_DATA', '2024-05-01T13:40:00Z'))).toEqual({
      outcome: 'out-of-order',
      source: DRIFT,
    });
    expect(slack.sent.map((a) => a.status)).toEqual(['firing']);
  });

  it('damps a flapping alarm: announced once more, then quiet until the suppression time has passed', async () => {
    const { slack, route } = setup({ suppressMinutes: 60 });
    const times = ['13:00', '13:10', '13:20', '13:30', '13:40', '13:50'];
    for (const [i, time] of times.entries()) {
      const fire = i % 2 === 0;
      await route(alarmEvent(DRIFT, fire ? 'ALARM' : 'OK', fire ? 'OK' : 'ALARM', `2024-05-01T${time}:00Z`));
    }
    expect(slack.sent.map((a) => a.status)).toEqual(['firing', 'resolved', 'firing', 'resolved']);
    expect(slack.sent[2]?.notes[0]).toBe(
      'Flapping: fired again 10 min after it resolved; further flaps within 60 min are not announced.',
    );
    expect(new Set(slack.sent.map((a) => a.incidentId)).size).toBe(1);
    // Two hours later it is a new incident again.
    await route(alarmEvent(DRIFT, 'ALARM', 'OK', '2024-05-01T16:00:00Z'));
    expect(slack.sent.at(-1)).toMatchObject({
      status: 'firing',
      incidentId: 'churn-prod-20240501T1600',
      notes: [],
    });
  });

  it('lets the violations alarm announce a violating run, suppresses repeats, then reminds with the count', async () => {
    const { slack, route, ports } = setup({ suppressMinutes: 110 });
    const sink = new RecordingSink();
    ports.metrics = sink;
    const ROLL_UP = 'vigil-churn-prod-data-quality-violations';
    const alarm = (state: 'OK' | 'ALARM', previous: 'OK' | 'ALARM', at: string, value: number) =>
      route(
        alarmEvent(ROLL_UP, state, previous, at, {
          value,
          threshold: 0,
          windowStart: `${at.slice(0, 13)}:00:00.000Z`,
        }),
      );

    // The run's violations wait for the roll-up alarm on the metric published from them.
    expect(await route(executionEvent('2024-05-01T13:00:00.000Z', 'CompletedWithViolations'))).toEqual({
      outcome: 'recorded',
      suppressed: false,
      awaiting: ROLL_UP,
    });
    expect(slack.sent).toHaveLength(0);
    expect((await alarm('ALARM', 'OK', '2024-05-01T13:05:00.000Z', 2)).outcome).toBe('sent');
    expect((await route(executionEvent('2024-05-01T14:00:00.000Z', 'CompletedWithViolations'))).outcome).toBe(
      'recorded',
    );
    // 115 minutes after the last message, past the 110 of suppression: a reminder.
    expect((await route(executionEvent('2024-05-01T15:00:00.000Z', 'CompletedWithViolations'))).outcome).toBe(
      'sent',
    );
    // The run is clean again but the alarm has not cleared yet: nothing to say.
    expect((await route(executionEvent('2024-05-01T16:00:00.000Z', 'Completed'))).outcome).toBe('recorded');
    expect((await alarm('OK', 'ALARM', '2024-05-01T16:05:00.000Z', 0)).outcome).toBe('sent');
    expect(slack.sent.map((a) => a.title)).toEqual([
      '[FIRING] churn-prod: vigil_violations = 2 > 0 (+1 more)',
      '[STILL FIRING] churn-prod: 2 guardrail signals firing',
      '[RESOLVED] churn-prod: every guardrail is back to OK',
    ]);
    // One message carries both: the alarm that crossed its threshold and the run's violations.
    expect(slack.sent[0]).toMatchObject({
      incidentId: 'churn-prod-20240501T1300',
      reportUri: 's3://vigil-bucket/reports/churn-prod/data-quality/2024/05/01/13/',
      transition: { from: 'OK', to: 'ALARM' },
    });
    expect(slack.sent[0]?.signals.map((signal) => signal.source)).toEqual([ROLL_UP, 'data-quality monitor']);
    expect(slack.sent[0]?.signals[1]?.summary).toBe(
      '2 violations: age: Baseline drift distance 0.31 exceeds threshold 0.1; plan: Data type match 0.9 below 1.0',
    );
    expect(slack.sent[1]?.notes).toEqual(['1 repeat suppressed since the last message.']);
    // The roll-up and heartbeat metrics of every run, in the monitor's namespace.
    expect(sink.data.filter((d) => d.name === 'vigil_violations').map((d) => d.value)).toEqual([2, 2, 2, 0]);
    expect(sink.data.filter((d) => d.name === 'vigil_execution_failed').map((d) => d.value)).toEqual([
      0, 0, 0, 0,
    ]);
    expect(sink.data[0]).toMatchObject({
      namespace: 'aws/sagemaker/Endpoints/data-metrics',
      dimensions: { Endpoint: 'churn-prod', MonitoringSchedule: 'churn-prod-data-quality' },
    });
  });

  it('announces violations that arrive after their alarm fired as part of the open incident, not again', async () => {
    const { slack, route } = setup();
    const ROLL_UP = 'vigil-churn-prod-data-quality-violations';
    const fired = await route(
      alarmEvent(ROLL_UP, 'ALARM', 'OK', '2024-05-01T13:05:00.000Z', { value: 2, threshold: 0 }),
    );
    expect(fired.outcome).toBe('sent');
    const late = await route(executionEvent('2024-05-01T13:00:00.000Z', 'CompletedWithViolations'));
    expect(late).toMatchObject({
      outcome: 'recorded',
      incidentId: 'churn-prod-20240501T1300',
      suppressed: true,
    });
    expect(slack.sent).toHaveLength(1);
  });

  it('reports a failed run with its reason', async () => {
    const { slack, route } = setup();
    await route(executionEvent('2024-05-01T13:00:00.000Z', 'Failed'));
    expect(slack.sent[0]?.title).toBe('[FIRING] churn-prod: execution');
    expect(slack.sent[0]?.signals[0]?.summary).toBe(
      'The data-quality run failed: Baseline statistics.json does not parse.',
    );
  });

  it('retries a failing channel, keeps a dead letter, throws, and on replay delivers only what is missing', async () => {
    const { store, slack, email, route, sleeps } = setup();
    slack.failuresLeft = 3;
    const event = alarmEvent(DRIFT, 'ALARM', 'OK', '2024-05-01T13:50:00Z');
    const error = await route(event).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlertUndeliveredError);
    expect(sleeps).toEqual([100, 200]);
    expect(email.sent).toHaveLength(1);
    const [deadKey] = store.keys('alerting/dead-letters/2024/05/01/');
    expect(deadKey).toMatch(/--oncall-slack\.json$/);
    const letter = store.json<{ channel: string; attempts: number; error: string; alert: { id: string } }>(
      deadKey ?? '',
    );
    expect(letter).toMatchObject({
      channel: 'oncall-slack',
      attempts: 3,
      error: 'oncall-slack answered 503',
    });
    expect((error as AlertUndeliveredError).deadLetterKeys).toEqual([deadKey]);
    // The Lambda retries the event: Slack works now, email must not get a second copy.
    const replay = await route(event);
    expect(replay.outcome).toBe('sent');
    expect(slack.sent.map((a) => a.id)).toEqual([letter.alert.id]);
    expect(email.sent).toHaveLength(1);
    expect(await route(event)).toEqual({ outcome: 'duplicate', source: DRIFT });
  });

  it('rolls back under policy rollback and says so in the alert, once per incident', async () => {
    const { store, slack, route, ports } = setup({ policy: 'rollback' });
    const controller = new FakeController(
      new Map([['churn-prod', { name: 'churn-prod', status: 'InService', configName: 'churn-cfg-7' }]]),
      new Map([
        ['churn-cfg-6', ['arn:aws:sagemaker:eu-west-1:1:model-package/churn/6']],
        ['churn-cfg-7', ['arn:aws:sagemaker:eu-west-1:1:model-package/churn/7']],
      ]),
    );
    const audit = new MemoryAudit();
    ports.rollback = { controller, audit };
    const record: EndpointRecord = {
      endpoint: 'churn-prod',
      status: 'InService',
      current: { configName: 'churn-cfg-7', since: '2024-05-01T09:00:00.000Z' },
      previous: { configName: 'churn-cfg-6', since: '2024-04-01T09:00:00.000Z' },
      rolledBackFrom: [],
      lastEventAt: '2024-05-01T09:00:00.000Z',
      recentEventIds: [],
    };
    await writeEndpointRecord(store, record);
    await route(alarmEvent(DRIFT, 'ALARM', 'OK', '2024-05-01T13:50:00Z'));
    await route(alarmEvent(MQ, 'ALARM', 'OK', '2024-05-01T13:51:00Z'));
    expect(slack.sent).toHaveLength(1);
    expect(slack.sent[0]).toMatchObject({
      actionTaken:
        'Rolled back churn-prod from churn-cfg-7 to churn-cfg-6; rejected model package arn:aws:sagemaker:eu-west-1:1:model-package/churn/7.',
      modelPackageArn: 'arn:aws:sagemaker:eu-west-1:1:model-package/churn/7',
    });
    expect(controller.calls.filter((c) => c.startsWith('switch'))).toEqual(['switch churn-prod churn-cfg-6']);
    expect(audit.entries.map((e) => e.kind)).toEqual(['rollback.performed']);
  });

  it('ignores alarms of unconfigured endpoints and rejects events of other kinds', async () => {
    const { route, ports } = setup();
    const fixture = JSON.parse(
      readFileSync(
        fileURLToPath(
          new URL('../../../../shared/fixtures/events/cloudwatch-alarm-state-change.json', import.meta.url),
        ),
        'utf8',
      ),
    );
    expect(await routeAlert(ports, fixture)).toEqual({
      outcome: 'ignored',
      reason: 'alarm ServerCpuTooHigh watches no configured endpoint',
    });
    await expect(route({ ...fixture, source: 'aws.sagemaker' })).rejects.toThrow(EventShapeError);
    await expect(
      route({
        ...executionEvent('2024-05-01T13:00:00.000Z', 'Completed'),
        detail: { endpointName: 'churn-prod' },
      }),
    ).rejects.toThrow(EventShapeError);
  });
});
