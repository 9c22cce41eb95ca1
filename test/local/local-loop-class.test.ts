import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@vigil/core';
import { type BusEvent, LocalEventBus, LocalLoop, LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

describe('LocalLoop', () => {
  let home: string;
  let now: Date;
  const clock: Clock = { now: () => new Date(now.getTime()) };

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'vigil-local-loop-'));
    now = new Date('2024-05-01T12:30:00Z');
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('runs schedules when they fire, passing the scheduled time, and goes on past a failing run', async () => {
    const runs: string[] = [];
    const loop = new LocalLoop({
      store: new LocalObjectStore(home),
      bus: new LocalEventBus(home),
      capturePrefixes: [],
      subscriptions: [],
      schedules: [
        {
          name: 'ep-data-quality',
          schedule: 'rate(1 hour)',
          event: { endpoint: 'ep' },
          handler: (input) => void runs.push(`dq ${input.endpoint} ${input.scheduledTime}`),
        },
        {
          name: 'ep-bias',
          schedule: 'cron(0 */2 * * ? *)',
          event: { endpoint: 'ep' },
          handler: () => {
            throw new Error('bias failed');
          },
        },
      ],
      clock,
    });
    now = new Date('2024-05-01T14:10:00Z');
    expect(await loop.runDueSchedules()).toBe(3);
    expect(runs).toEqual(['dq ep 2024-05-01T13:00:00.000Z', 'dq ep 2024-05-01T14:00:00.000Z']);
    expect(loop.failedRuns).toBe(1);
    expect(await loop.runDueSchedules()).toBe(0);
  });

  it('delivers new capture files to the subscribed handler as S3 events', async () => {
    const store = new LocalObjectStore(home);
    const seen: string[] = [];
    const loop = new LocalLoop({
      store,
      bus: new LocalEventBus(home),
      capturePrefixes: ['capture/'],
      subscriptions: [
        {
          name: 'profile-capture',
          pattern: { source: ['aws.s3'], 'detail-type': ['Object Created'] },
          handler: (event: BusEvent) =>
            void seen.push((event.detail as { object: { key: string } }).object.key),
        },
      ],
      schedules: [],
      clock,
    });
    await loop.scanCapture();
    await store.put('capture/ep/AllTraffic/2024/05/01/12/a.jsonl', '{}\n');
    await loop.scanCapture();
    expect(await loop.scanCapture()).toBe(1);
    expect(seen).toEqual(['capture/ep/AllTraffic/2024/05/01/12/a.jsonl']);
  });
});

describe('LocalLoop.round', () => {
  it('profiles, then runs the due schedules, then the after-round hook, in that order', async () => {
    const home = await mkdtemp(join(tmpdir(), 'vigil-round-'));
    try {
      const store = new LocalObjectStore(home);
      const order: string[] = [];
      let now = new Date('2024-05-01T12:59:00Z');
      const loop = new LocalLoop({
        store,
        bus: new LocalEventBus(home),
        capturePrefixes: ['capture/'],
        subscriptions: [
          { name: 'profile', pattern: { source: ['aws.s3'] }, handler: () => void order.push('profile') },
        ],
        schedules: [
          { name: 'dq', schedule: 'rate(1 hour)', event: {}, handler: () => void order.push('monitor') },
        ],
        afterRound: (at) => void order.push(`alarms ${at.toISOString()}`),
        clock: { now: () => now },
      });
      await loop.round();
      await store.put('capture/ep/AllTraffic/2024/05/01/12/a.jsonl', '{}\n');
      await loop.round();
      now = new Date('2024-05-01T13:00:00Z');
      await loop.round();
      expect(order).toEqual([
        'alarms 2024-05-01T12:59:00.000Z',
        'alarms 2024-05-01T12:59:00.000Z',
        'profile',
        'monitor',
        'alarms 2024-05-01T13:00:00.000Z',
      ]);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
