import { VigilError } from '../errors/vigil-error.ts';

/**
 * A channel did not take an alert. `retryable` says whether another attempt may succeed
 * (timeouts, 429, 5xx); `retryAfterMs` carries the channel's own wait (Slack's Retry-After).
 * Messages never contain the webhook URL or other secrets.
 *
 * @example
 * ```ts
 * throw new AlertDeliveryError('Slack webhook of channel "oncall" answered 429 rate_limited', {
 *   channel: 'oncall', retryable: true, retryAfterMs: 30_000,
 * });
 * ```
 */
export class AlertDeliveryError extends VigilError {
  readonly channel: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: ErrorOptions & { channel: string; retryable: boolean; retryAfterMs?: number },
  ) {
    super(message, { ...options, code: 'ALERT_DELIVERY_FAILED' });
    this.channel = options.channel;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * One or more channels kept refusing an alert after every retry. The alert is in the store as a
 * dead letter (`deadLetterKeys`); rethrown so the Lambda's own retries and DLQ get the event.
 *
 * @example
 * ```ts
 * if (dead.length) throw new AlertUndeliveredError(alert.id, dead);
 * ```
 */
export class AlertUndeliveredError extends VigilError {
  readonly alertId: string;
  readonly deadLetterKeys: string[];

  constructor(alertId: string, deadLetterKeys: string[], options?: ErrorOptions) {
    super(
      `Alert ${alertId} could not be delivered to ${deadLetterKeys.length} channel(s); dead letters: ` +
        `${deadLetterKeys.join(', ')}. Check the channel configuration and secrets, then replay the event ` +
        '(locally: `vigil alarms dead-letters --replay`).',
      { ...options, code: 'ALERT_UNDELIVERED' },
    );
    this.alertId = alertId;
    this.deadLetterKeys = deadLetterKeys;
  }
}
