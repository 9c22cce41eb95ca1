import { joinKey } from '../layout/keys.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { Alert, Notifier } from '../ports/notifier.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { AlertDeliveryError } from './errors.ts';

/** Where undeliverable alerts are kept: `alerting/dead-letters/yyyy/mm/dd/<alert>--<channel>.json`. */
export const DEAD_LETTER_PREFIX = 'alerting/dead-letters';

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

/** A dead letter: the alert, the channel and why it failed. */
export interface DeadLetter {
  alert: Alert;
  channel: string;
  attempts: number;
  error: string;
  at: string;
}

/** The result of delivering one alert to one channel. */
export type ChannelDelivery =
  | { channel: string; delivered: true }
  | { channel: string; delivered: false; deadLetterKey: string };

/**
 * Sends an alert through one notifier, retrying retryable failures (honouring the channel's
 * Retry-After), and writes a dead letter to the store when every attempt failed — a failed
 * delivery is never lost. The caller decides whether to rethrow.
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
  let lastError: unknown;
  let made = 0;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    made = attempt;
    try {
      await notifier.send(alert);
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
  const deadLetterKey = deadLetterKeyFor(alert, notifier.channel, ports.clock.now());
  const letter: DeadLetter = {
    alert,
    channel: notifier.channel,
    attempts: made,
    error: lastError instanceof Error ? lastError.message : String(lastError),
    at: ports.clock.now().toISOString(),
  };
  await ports.store.put(deadLetterKey, `${JSON.stringify(letter, null, 2)}\n`, 'application/json');
  ports.log.error('alert dead-lettered', {
    channel: notifier.channel,
    alertId: alert.id,
    key: deadLetterKey,
  });
  return { channel: notifier.channel, delivered: false, deadLetterKey };
}

/**
 * The key of an alert's dead letter for one channel.
 *
 * @example
 * ```ts
 * deadLetterKeyFor(alert, 'oncall-slack', new Date('2024-05-01T13:00:00Z'));
 * // 'alerting/dead-letters/2024/05/01/<alert id>--oncall-slack.json'
 * ```
 */
export function deadLetterKeyFor(alert: Alert, channel: string, at: Date): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '/');
  return joinKey(DEAD_LETTER_PREFIX, day, `${safe(alert.id)}--${safe(channel)}.json`);
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}
