import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VigilEvent } from '@vigil/core';
import { type BusEvent, LocalEventBus } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const execution = (endpointName: string, status = 'Completed'): VigilEvent => ({
  source: 'vigil',
  detailType: 'Vigil Monitoring Execution',
  detail: { endpointName, status, at: new Date('2024-05-01T13:00:00Z') },
  time: new Date('2024-05-01T13:05:07.123Z'),
  resources: [`endpoint/${endpointName}`],
});

const readLines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('LocalEventBus', () => {
  let home: string;
  let bus: LocalEventBus;

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'vigil-bus-'));
    bus = new LocalEventBus(home);
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("journals events in EventBridge's envelope under <home>/events/<day>.jsonl", async () => {
    await bus.publish([execution('a'), execution('b')]);
    expect(await readdir(join(home, 'events'))).toEqual(['2024-05-01.jsonl']);
    const lines = await readLines(join(home, 'events', '2024-05-01.jsonl'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Vigil Monitoring Execution',
      source: 'vigil',
      account: '000000000000',
      time: '2024-05-01T13:05:07Z',
      region: 'local',
      resources: ['endpoint/a'],
      detail: { endpointName: 'a', status: 'Completed', at: '2024-05-01T13:00:00.000Z' },
    });
    expect(lines[0]?.id).not.toBe(lines[1]?.id);
  });

  it('delivers each event to the subscribers whose pattern matches, in order, until they unsubscribe', async () => {
    const cards: string[] = [];
    const failures: string[] = [];
    const unsubscribe = bus.subscribe('card-sync', { source: ['vigil'] }, (e: BusEvent) => {
      cards.push((e.detail as { endpointName: string }).endpointName);
    });
    bus.subscribe('alarm-router', { source: ['vigil'], detail: { status: ['Failed'] } }, (e: BusEvent) => {
      failures.push((e.detail as { endpointName: string }).endpointName);
    });
    await bus.publish([execution('a'), execution('b', 'Failed')]);
    unsubscribe();
    await bus.publish([execution('c', 'Failed')]);
    expect(cards).toEqual(['a', 'b']);
    expect(failures).toEqual(['b', 'c']);
  });

  it('delivers events a subscriber publishes in turn, as a chain of Lambdas would run', async () => {
    const seen: string[] = [];
    bus.subscribe('monitor', { 'detail-type': ['Tick'] }, async () => {
      await bus.publish([execution('from-monitor')]);
    });
    bus.subscribe('card-sync', { 'detail-type': ['Vigil Monitoring Execution'] }, (e: BusEvent) => {
      seen.push((e.detail as { endpointName: string }).endpointName);
    });
    await bus.publish([
      { source: 'vigil', detailType: 'Tick', detail: {}, time: new Date('2024-05-01T13:00:00Z') },
    ]);
    expect(seen).toEqual(['from-monitor']);
  });

  it('does not fail the publisher when a subscriber throws: it counts and dead-letters the delivery', async () => {
    const delivered: string[] = [];
    bus.subscribe('broken', { source: ['vigil'] }, () => {
      throw new Error('card store unavailable');
    });
    bus.subscribe('working', { source: ['vigil'] }, (e: BusEvent) => {
      delivered.push(e.id);
    });
    await bus.publish([execution('a')]);
    expect(delivered).toHaveLength(1);
    expect(bus.failedDeliveries).toBe(1);
    const dead = await readLines(join(home, 'events', 'dead-letter.jsonl'));
    expect(dead).toEqual([
      expect.objectContaining({
        subscriber: 'broken',
        error: 'card store unavailable',
        event: expect.objectContaining({ id: delivered[0] }),
      }),
    ]);
  });

  it('puts events already in the envelope, such as synthesized AWS events, as they are', async () => {
    const got: BusEvent[] = [];
    bus.subscribe('profile-capture', { source: ['aws.s3'] }, (e: BusEvent) => {
      got.push(e);
    });
    const s3Event: BusEvent = {
      version: '0',
      id: 'fixed-id',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '000000000000',
      time: '2024-05-02T00:00:00Z',
      region: 'local',
      resources: ['arn:aws:s3:::vigil-local'],
      detail: { bucket: { name: 'vigil-local' } },
    };
    await bus.put([s3Event]);
    expect(got).toEqual([s3Event]);
    expect(await readLines(join(home, 'events', '2024-05-02.jsonl'))).toEqual([s3Event]);
  });
});
