import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type EventPublisher, type Log, silentLog, type VigilEvent } from '@vigil/core';
import type { AuditHead, PublishedHeadSource } from '@vigil/core/audit';
import { readJournaledAuditHeads } from './audit-head-journal.ts';
import { type BusEvent, LOCAL_ACCOUNT, LOCAL_REGION } from './bus-event.ts';
import { type EventPattern, matchesPattern } from './event-pattern.ts';

/** A target of the local bus: what a Lambda handler is to an EventBridge rule. */
export type BusListener = (event: BusEvent) => Promise<unknown> | unknown;

interface Subscription {
  name: string;
  pattern: EventPattern | Readonly<Record<string, unknown>>;
  listener: BusListener;
}

/**
 * The EventPublisher of local mode and `vigil dev`: every event is appended to
 * `<home>/events/<yyyy-mm-dd>.jsonl` in EventBridge's envelope, then delivered to the in-process
 * subscribers whose pattern matches, one after the other. A subscriber that throws does not fail
 * the publisher (as with EventBridge targets): the failure is logged and the event is appended to
 * `<home>/events/dead-letter.jsonl`, the local dead-letter queue.
 *
 * @example
 * ```ts
 * const bus = new LocalEventBus('.vigil');
 * bus.subscribe('card-sync', { source: ['vigil'], 'detail-type': ['Vigil Monitoring Execution'] }, cardSync);
 * await bus.publish([{ source: 'vigil', detailType: 'Vigil Monitoring Execution', detail, time: new Date() }]);
 * ```
 */
export class LocalEventBus implements EventPublisher, PublishedHeadSource {
  readonly folder: string;
  /** Deliveries that threw since the bus was created. */
  failedDeliveries = 0;
  private readonly subscriptions: Subscription[] = [];
  private readonly log: Log;

  constructor(home: string, options: { log?: Log } = {}) {
    this.folder = join(resolve(home), 'events');
    this.log = options.log ?? silentLog;
  }

  /** Delivers events matching `pattern` to `listener`; returns a function that unsubscribes. */
  subscribe(
    name: string,
    pattern: EventPattern | Readonly<Record<string, unknown>>,
    listener: BusListener,
  ): () => void {
    const subscription = { name, pattern, listener };
    this.subscriptions.push(subscription);
    return () => {
      const at = this.subscriptions.indexOf(subscription);
      if (at >= 0) this.subscriptions.splice(at, 1);
    };
  }

  /** The newest audit head this bus journaled for the log at `log` (read when head.json is gone). */
  async lastPublishedHead(log: string): Promise<AuditHead | undefined> {
    return (await readJournaledAuditHeads(dirname(this.folder), log)).at(-1);
  }

  async publish(events: readonly VigilEvent[]): Promise<void> {
    await this.put(events.map(toBusEvent));
  }

  /** Puts events that are already in EventBridge's envelope, e.g. a synthesized S3 "Object Created". */
  async put(events: readonly BusEvent[]): Promise<void> {
    for (const event of events) {
      await this.append(`${event.time.slice(0, 10)}.jsonl`, event);
      for (const subscription of [...this.subscriptions]) {
        if (!matchesPattern(subscription.pattern, event)) continue;
        try {
          await subscription.listener(event);
        } catch (error) {
          this.failedDeliveries += 1;
          this.log.error('Local event delivery failed', {
            subscriber: subscription.name,
            eventId: event.id,
            detailType: event['detail-type'],
            error: (error as Error).message,
          });
          await this.append('dead-letter.jsonl', {
            subscriber: subscription.name,
            error: (error as Error).message,
            event,
          });
        }
      }
    }
  }

  private async append(file: string, record: unknown): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await appendFile(join(this.folder, file), `${JSON.stringify(record)}\n`);
  }
}

/**
 * Wraps one of Vigil's events in EventBridge's envelope, as PutEvents would.
 *
 * @example
 * ```ts
 * toBusEvent({ source: 'vigil', detailType: 'Vigil Monitoring Execution', detail, time }).detail === detail; // true
 * ```
 */
export function toBusEvent(event: VigilEvent): BusEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': event.detailType,
    source: event.source,
    account: LOCAL_ACCOUNT,
    time: isoSeconds(event.time),
    region: LOCAL_REGION,
    resources: event.resources ?? [],
    // Round-trip through JSON so subscribers see what a Lambda would receive (Dates as strings).
    detail: JSON.parse(JSON.stringify(event.detail)) as unknown,
  };
}

/**
 * EventBridge writes times without milliseconds: `2024-05-01T13:00:00Z`.
 *
 * @example
 * ```ts
 * isoSeconds(new Date('2024-05-01T13:05:07.123Z')); // '2024-05-01T13:05:07Z'
 * ```
 */
export function isoSeconds(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}
