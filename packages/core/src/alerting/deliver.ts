import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { Alert, Notifier } from '../ports/notifier.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import {
  type DeadLetter,
  deadLetterKeyFor,
  isResolved,
  readDeadLetter,
  resolveDeadLetter,
  writeDeadLetter,
} from './dead-letters.ts';
import { AlertDeliveryError } from './errors.ts';

/** How deliveries are retried. */
export interface DeliveryOptions {
  /** Attempts per channel, the first included; default 3. */
  attempts?: number;
  /** First backoff in ms, doubled per retry; default 500. A channel's Retry-After wins when longer. */
  baseDelayMs?: number;
  /** Longest wait honoured, ms; default 30 000 (a Lambda must not sleep its time away). */
  maxDelayMs?: number;
  /** Injected by tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** The result of delivering one alert to one channel. */
export type ChannelDelivery =
  | { channel: string; delivered: true }
  | { channel: string; delivered: false; deadLetterKey: string };

/**
 * Sends an alert through one notifier, retrying retryable failures (honouring the channel's
 * Retry-After), and writes a dead letter to the store when every attempt failed — a failed
 * delivery is never lost. The caller decides whether to rethrow. Dead letters are keyed by the
 * alert's identity: a later successful delivery of the same alert (the Lambda's retry) marks its
 * letter delivered, and an alert whose letter a replay already delivered is not sent again.
 *
 * @example
 * ```ts
 * const result = await deliverWithRetries({ store, clock, log }, notifier, alert);
 * if (!result.delivered) log.error('alert dead-lettered', { key: result.deadLetterKey });
 * ```
 */
export async function deliverWithRetries(
  ports: { store: ObjectStore; clock: Clock; log: Log },
  notifier: Notifier,
  alert: Alert,
  options: DeliveryOptions = {},
): Promise<ChannelDelivery> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const base = options.baseDelayMs ?? 500;
  const ceiling = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadLetterKey = deadLetterKeyFor(alert, notifier.channel);
  const earlier = await readDeadLetter(ports.store, deadLetterKey);
  if (earlier && isResolved(earlier)) {
    ports.log.info('alert already delivered from its dead letter', {
      channel: notifier.channel,
      alertId: alert.id,
      key: deadLetterKey,
    });
    return { channel: notifier.channel, delivered: true };
  }
  let lastError: unknown;
  let made = 0;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    made = attempt;
    try {
      await notifier.send(alert);
      if (earlier) {
        await resolveDeadLetter(ports.store, deadLetterKey, earlier, 'retry', ports.clock.now());
        ports.log.info('dead letter resolved by a retry', { channel: notifier.channel, key: deadLetterKey });
      }
      return { channel: notifier.channel, delivered: true };
    } catch (error) {
      lastError = error;
      const retryable = error instanceof AlertDeliveryError ? error.retryable : true;
      ports.log.warn('alert delivery failed', {
        channel: notifier.channel,
        alertId: alert.id,
        attempt,
        retryable,
        error: error instanceof Error ? error.message : String(error),
      });
      if (!retryable || attempt === attempts) break;
      const asked = error instanceof AlertDeliveryError ? (error.retryAfterMs ?? 0) : 0;
      await sleep(Math.min(ceiling, Math.max(asked, base * 2 ** (attempt - 1))));
    }
  }
  const letter: DeadLetter = {
    alert,
    channel: notifier.channel,
    attempts: (earlier?.attempts ?? 0) + made,
    error: lastError instanceof Error ? lastError.message : String(lastError),
    at: ports.clock.now().toISOString(),
  };
  await writeDeadLetter(ports.store, deadLetterKey, letter);
  ports.log.error('alert dead-lettered', {
    channel: notifier.channel,
    alertId: alert.id,
    key: deadLetterKey,
  });
  return { channel: notifier.channel, delivered: false, deadLetterKey };
}
