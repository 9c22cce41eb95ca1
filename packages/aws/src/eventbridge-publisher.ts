import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { type EventPublisher, type Log, silentLog, type VigilEvent } from '@vigil/core';
import { backoff, type RetryOptions } from './backoff.ts';
import { awsClientConfig } from './client-config.ts';
import { EventPublishError } from './event-publish-error.ts';
import { eventBridgeSdk } from './lazy-sdk.ts';

/** PutEvents takes 1 to 10 entries. */
export const MAX_ENTRIES_PER_REQUEST = 10;
/** PutEvents' total entry size must be under 256 KB. */
export const MAX_REQUEST_ENTRY_BYTES = 256 * 1024;

/** Options of {@link EventBridgePublisher}. */
export interface EventBridgePublisherOptions {
  /** Name or ARN of Vigil's bus; defaults to env `VIGIL_EVENT_BUS`, then `default`. */
  eventBusName?: string;
  client?: EventBridgeClient;
  /** How the entries PutEvents reports as failed are resent (default 5 attempts in all). */
  retry?: RetryOptions;
  log?: Log;
}

/**
 * The EventPublisher port over EventBridge PutEvents, with source `vigil`. Events are sent in
 * requests of at most 10 entries and 256 KB; entries EventBridge reports as failed are retried
 * with backoff, and the ones that still fail raise `EventPublishError` once every other entry is
 * sent.
 *
 * @example
 * ```ts
 * const events = new EventBridgePublisher({ eventBusName: 'vigil-prod-bus' });
 * await events.publish([{ source: 'vigil', detailType: 'Vigil Monitoring Execution', detail, time: new Date() }]);
 * ```
 */
export class EventBridgePublisher implements EventPublisher {
  readonly eventBusName: string;
  private client: EventBridgeClient | undefined;
  private readonly retry: RetryOptions;
  private readonly log: Log;

  constructor(options: EventBridgePublisherOptions = {}) {
    this.eventBusName = options.eventBusName ?? process.env.VIGIL_EVENT_BUS ?? 'default';
    this.client = options.client;
    this.retry = options.retry ?? {};
    this.log = options.log ?? silentLog;
  }

  async publish(events: readonly VigilEvent[]): Promise<void> {
    const failures: string[] = [];
    const sendable: PutEventsRequestEntry[] = [];
    for (const event of events) {
      const entry = this.toEntry(event);
      if (entrySize(entry) >= MAX_REQUEST_ENTRY_BYTES) failures.push('EntryTooLarge');
      else sendable.push(entry);
    }
    for (const batch of batches(sendable)) failures.push(...(await this.sendBatch(batch)));
    if (failures.length > 0) {
      this.log.error('Events could not be published', { failed: failures.length, total: events.length });
      const codes = [...new Set(failures)];
      const hint =
        codes.length === 1 && codes[0] === 'EntryTooLarge'
          ? 'an event is over 256 KB: keep details small and link to the report instead'
          : 'check the bus exists and the function may call events:PutEvents on it';
      throw new EventPublishError(
        `${failures.length} of ${events.length} events could not be put on bus "${this.eventBusName}" ` +
          `(${codes.join(', ')}): ${hint}`,
        { errorCodes: failures },
      );
    }
  }

  /** Sends a batch, resending only the entries EventBridge reports as failed; returns the codes of the rest. */
  private async sendBatch(batch: PutEventsRequestEntry[]): Promise<string[]> {
    const maxAttempts = Math.max(1, this.retry.maxAttempts ?? 5);
    let pending = batch;
    // The SDK and the client load on first use.
    const sdk = await eventBridgeSdk();
    this.client ??= new sdk.EventBridgeClient(awsClientConfig());
    for (let attempt = 1; ; attempt++) {
      // The SDK retries a failed request itself (AWS_RETRY_POLICY); only entries EventBridge
      // accepted the request of but reports as failed are resent here.
      const out = await this.client.send(new sdk.PutEventsCommand({ Entries: pending }));
      if (!out.FailedEntryCount) return [];
      const results = out.Entries ?? [];
      const failed = pending.flatMap((entry, i) => {
        const result = results[i];
        return result?.ErrorCode || !result?.EventId ? [{ entry, code: result?.ErrorCode ?? 'Unknown' }] : [];
      });
      if (failed.length === 0) return [];
      if (attempt >= maxAttempts) return failed.map((f) => f.code);
      pending = failed.map((f) => f.entry);
      await backoff(attempt, this.retry);
    }
  }

  private toEntry(event: VigilEvent): PutEventsRequestEntry {
    return {
      Source: event.source,
      DetailType: event.detailType,
      Detail: JSON.stringify(event.detail),
      Time: event.time,
      EventBusName: this.eventBusName,
      ...(event.resources?.length ? { Resources: event.resources } : {}),
    };
  }
}

function* batches(entries: readonly PutEventsRequestEntry[]): Iterable<PutEventsRequestEntry[]> {
  let batch: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (
      batch.length > 0 &&
      (batch.length >= MAX_ENTRIES_PER_REQUEST || bytes + size >= MAX_REQUEST_ENTRY_BYTES)
    ) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

const utf8 = new TextEncoder();

/**
 * Entry size as EventBridge computes it: 14 bytes for Time, plus the UTF-8 bytes of the other fields.
 *
 * @example
 * ```ts
 * entrySize({ Source: 'vigil', DetailType: 'T', Detail: '{}', Time: new Date() }); // 14 + 5 + 1 + 2 = 22
 * ```
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time ? 14 : 0;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (text) size += utf8.encode(text).byteLength;
  }
  return size;
}
