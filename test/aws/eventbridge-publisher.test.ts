import { EventBridgeClient, PutEventsCommand, type PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher, EventPublishError } from '@vigil/aws';
import type { VigilEvent } from '@vigil/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

const eventbridge = mockClient(EventBridgeClient);
const time = new Date('2024-05-01T13:05:00Z');
const noWait = { sleep: async () => {}, random: () => 0 };

function event(i: number, detail: Record<string, unknown> = { endpointName: 'ep', run: i }): VigilEvent {
  return { source: 'vigil', detailType: 'Vigil Monitoring Execution', detail, time, resources: [`ep-${i}`] };
}

function publisher() {
  return new EventBridgePublisher({
    eventBusName: 'vigil-bus',
    client: new EventBridgeClient({}),
    retry: noWait,
  });
}

function sent(): PutEventsCommandInput[] {
  return eventbridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input);
}

describe('EventBridgePublisher', () => {
  beforeEach(() => {
    eventbridge.reset();
    eventbridge.on(PutEventsCommand).callsFake((input: PutEventsCommandInput) => ({
      FailedEntryCount: 0,
      Entries: input.Entries?.map((_, i) => ({ EventId: `id-${i}` })),
    }));
  });

  it('puts Vigil events on its bus with source vigil and the detail as JSON', async () => {
    await publisher().publish([event(1)]);
    expect(sent()).toEqual([
      {
        Entries: [
          {
            Source: 'vigil',
            DetailType: 'Vigil Monitoring Execution',
            Detail: '{"endpointName":"ep","run":1}',
            Time: time,
            EventBusName: 'vigil-bus',
            Resources: ['ep-1'],
          },
        ],
      },
    ]);
  });

  it('sends 23 events as requests of 10, 10 and 3, in order', async () => {
    await publisher().publish(Array.from({ length: 23 }, (_, i) => event(i)));
    const batches = sent().map((input) => input.Entries?.map((e) => JSON.parse(e.Detail ?? '{}').run));
    expect(batches).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
      [20, 21, 22],
    ]);
  });

  it('keeps each request under 256 KB', async () => {
    // Three events of ~100 KB each: at most two fit in one request.
    const big = (i: number) => event(i, { blob: 'x'.repeat(100 * 1024), run: i });
    await publisher().publish([big(0), big(1), big(2)]);
    expect(sent().map((input) => input.Entries?.length)).toEqual([2, 1]);
  });

  it('resends only the entries EventBridge reports as failed', async () => {
    eventbridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [
          { EventId: 'a' },
          { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' },
          { EventId: 'c' },
        ],
      })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'b' }] });
    await publisher().publish([event(0), event(1), event(2)]);
    const calls = sent();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.Entries?.map((e) => JSON.parse(e.Detail ?? '{}').run)).toEqual([1]);
  });

  it('surfaces entries that keep failing as EventPublishError after sending the others', async () => {
    eventbridge.on(PutEventsCommand).callsFake((input: PutEventsCommandInput) => ({
      FailedEntryCount: 1,
      Entries: input.Entries?.map((e) =>
        JSON.parse(e.Detail ?? '{}').run === 11
          ? { ErrorCode: 'InternalFailure', ErrorMessage: 'x' }
          : { EventId: 'ok' },
      ),
    }));
    const error = await publisher()
      .publish(Array.from({ length: 12 }, (_, i) => event(i)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventPublishError);
    expect((error as EventPublishError).errorCodes).toEqual(['InternalFailure']);
    // The first batch (10) went through once; the second (2) once, then entry 11 four more times.
    expect(sent().map((input) => input.Entries?.length)).toEqual([10, 2, 1, 1, 1, 1]);
  });

  it('refuses an event over 256 KB without sending it, and still sends the rest', async () => {
    const huge = event(0, { blob: 'x'.repeat(300 * 1024) });
    const error = await publisher()
      .publish([huge, event(1)])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventPublishError);
    expect((error as EventPublishError).errorCodes).toEqual(['EntryTooLarge']);
    expect((error as EventPublishError).message).toContain('an event is over 256 KB');
    expect(sent().map((input) => input.Entries?.length)).toEqual([1]);
  });

  it('leaves a throttled request to the SDK and does not send it again itself', async () => {
    // aws-sdk-client-mock replaces send(), the SDK's retry middleware included: one call is one attempt.
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    eventbridge
      .on(PutEventsCommand)
      .rejectsOnce(throttled)
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'a' }] });
    await expect(publisher().publish([event(0)])).rejects.toThrow('Rate exceeded');
    expect(sent()).toHaveLength(1);
  });
});
