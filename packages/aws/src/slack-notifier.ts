import type { Alert, Notifier } from '@vigil/core';
import { AlertDeliveryError, renderSlackMessage } from '@vigil/core/alerting';

/** Options of {@link SlackWebhookNotifier}. */
export interface SlackWebhookNotifierOptions {
  /** The channel's name in the configuration, e.g. `oncall-slack`. */
  channel: string;
  /** The incoming-webhook URL: a secret, never logged nor put in an error message. */
  webhookUrl: string;
  /** The secret's name, used in messages instead of the URL. */
  secretName?: string;
  /** What the webhook is, in messages; default `Slack webhook`. */
  service?: string;
  /** The request body of an alert; default Slack's Block Kit (`renderSlackMessage`). */
  render?: (alert: Alert) => unknown;
  /** Give up on a request after this long; default 10 000 ms. */
  timeoutMs?: number;
  /** Injected by tests; default the global fetch. */
  fetch?: typeof fetch;
}

/**
 * The Notifier port over a Slack incoming webhook: posts the alert as Block Kit
 * (`renderSlackMessage`). A 429 becomes a retryable `AlertDeliveryError` carrying Slack's
 * Retry-After, so the router waits as long as Slack asks; 5xx and network failures are retryable,
 * other answers (`invalid_payload`, `no_service`, …) are not. The webhook URL never appears in
 * errors or logs.
 *
 * @example
 * ```ts
 * const slack = new SlackWebhookNotifier({ channel: 'oncall-slack', webhookUrl: secret, secretName: 'SlackOncallWebhook' });
 * await slack.send(alert);
 * ```
 */
export class SlackWebhookNotifier implements Notifier {
  readonly channel: string;
  readonly #webhookUrl: string;
  readonly #label: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #render: (alert: Alert) => unknown;

  constructor(options: SlackWebhookNotifierOptions) {
    this.channel = options.channel;
    this.#webhookUrl = options.webhookUrl;
    this.#label = `${options.service ?? 'Slack webhook'} of channel "${options.channel}"${
      options.secretName ? ` (secret ${options.secretName})` : ''
    }`;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? fetch;
    this.#render = options.render ?? renderSlackMessage;
  }

  async send(alert: Alert): Promise<void> {
    let response: Response;
    try {
      response = await this.#fetch(this.#webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(this.#render(alert)),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      // The cause of a fetch failure may quote the URL: keep only its kind.
      throw new AlertDeliveryError(`${this.#label} could not be reached (${failureKind(error)})`, {
        channel: this.channel,
        retryable: true,
      });
    }
    const body = (await response.text().catch(() => '')).slice(0, 200);
    if (response.ok) return;
    const retryAfter = Number(response.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
    throw new AlertDeliveryError(
      `${this.#label} answered ${response.status} ${body || response.statusText}${
        response.status === 404 || response.status === 403 ? ': check the webhook secret' : ''
      }`,
      {
        channel: this.channel,
        retryable: response.status === 429 || response.status >= 500,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      },
    );
  }
}

/**
 * Why a request never got an answer (`ECONNREFUSED`, `ENOTFOUND`, `TimeoutError`, `bad port`),
 * without anything that could quote the URL.
 */
function failureKind(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: unknown; message?: unknown } };
  const detail = typeof e.cause?.code === 'string' ? e.cause.code : e.cause?.message;
  const text = typeof detail === 'string' && detail ? detail : (e.name ?? 'Error');
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/\S*/gi, '<url>').slice(0, 120);
}
