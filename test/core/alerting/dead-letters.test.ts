import { silentLog } from '@vigil/core';
import {
  type AlertRouterPorts,
  AlertUndeliveredError,
  type DeadLetter,
  replayDeadLetters,
  routeAlert,
} from '@vigil/core/alerting';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';
import { alarmEvent, MovingClock, RecordingNotifier } from './helpers.ts';
import { testConfig } from './test-config.ts';

const DRIFT = 'vigil-churn-prod-drift-age';

function setup() {
  const store = new MemoryStore('mem://vigil');
  const slack = new RecordingNotifier('oncall-slack');
  const email = new RecordingNotifier('ml-email');
  const clock = new MovingClock(new Date('2024-05-01T13:50:00Z'));
  const ports: AlertRouterPorts = {
    config: testConfig(),
    store,
    notifiers: { 'oncall-slack': slack, 'ml-email': email },
    clock,
    log: silentLog,
    delivery: { attempts: 3, baseDelayMs: 1, sleep: async () => {} },
  };
  const letters = () =>
    store.keys('alerting/dead-letters/').map((key) => ({ key, letter: store.json<DeadLetter>(key) }));
  const replay = async () => {
    const outcomes: string[] = [];
    for await (const r of replayDeadLetters({ store, clock }, ports.notifiers)) outcomes.push(r.outcome);
    return outcomes;
  };
  return { store, slack, clock, ports, letters, replay };
}

describe('dead letters', () => {
  it("are resolved when the Lambda's retry delivers the alert, and a replay then sends nothing", async () => {
    const { slack, clock, ports, letters, replay } = setup();
    slack.failuresLeft = 3;
    const event = alarmEvent(DRIFT, 'ALARM', 'OK', '2024-05-01T13:50:00Z');
    await expect(routeAlert(ports, event)).rejects.toBeInstanceOf(AlertUndeliveredError);
    expect(letters()).toHaveLength(1);
    // The retry comes the next day: the letter is found by the alert's identity all the same.
    clock.set('2024-05-02T00:10:00Z');
    await routeAlert(ports, event);
    expect(slack.sent).toHaveLength(1);
    const [only] = letters();
    expect(letters()).toHaveLength(1);
    expect(only?.key).toMatch(/^alerting\/dead-letters\/2024\/05\/01\/.+--oncall-slack\.json$/);
    expect(only?.letter).toMatchObject({
      resolvedAt: '2024-05-02T00:10:00.000Z',
      resolvedBy: 'retry',
      attempts: 3,
    });
    expect(await replay()).toEqual(['already-delivered']);
    expect(slack.sent).toHaveLength(1);
  });

  it('are marked when a replay sends them, so a late Lambda retry and a second replay send nothing', async () => {
    const { slack, clock, ports, letters, replay } = setup();
    slack.failuresLeft = 6;
    const event = alarmEvent(DRIFT, 'ALARM', 'OK', '2024-05-01T13:50:00Z');
    await expect(routeAlert(ports, event)).rejects.toBeInstanceOf(AlertUndeliveredError);
    await expect(routeAlert(ports, event)).rejects.toBeInstanceOf(AlertUndeliveredError);
    expect(letters()[0]?.letter.attempts).toBe(6);
    clock.set('2024-05-01T14:30:00Z');
    expect(await replay()).toEqual(['delivered']);
    expect(letters()[0]?.letter).toMatchObject({
      resolvedBy: 'replay',
      resolvedAt: '2024-05-01T14:30:00.000Z',
    });
    await routeAlert(ports, event);
    expect(await replay()).toEqual(['already-delivered']);
    expect(slack.sent).toHaveLength(1);
  });

  it('stay unresolved when the replay fails, and name a channel missing from the configuration', async () => {
    const { slack, ports, letters, store, clock } = setup();
    slack.failuresLeft = 4;
    await expect(
      routeAlert(ports, alarmEvent(DRIFT, 'ALARM', 'OK', '2024-05-01T13:50:00Z')),
    ).rejects.toThrow();
    const results = [];
    for await (const r of replayDeadLetters({ store, clock }, { 'oncall-slack': slack })) results.push(r);
    expect(results.map((r) => r.outcome)).toEqual(['failed']);
    expect(letters()[0]?.letter.resolvedAt).toBeUndefined();
    const orphan = [];
    for await (const r of replayDeadLetters({ store, clock }, {})) orphan.push(r);
    expect(orphan[0]).toMatchObject({ outcome: 'failed' });
    expect(orphan[0]?.outcome === 'failed' && orphan[0].error).toMatch(
      /channel "oncall-slack" is not in the configuration/,
    );
  });
});
