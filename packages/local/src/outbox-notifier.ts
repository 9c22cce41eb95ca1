import type { Alert, ChannelConfig, Notifier, ObjectStore, VigilConfig } from '@vigil/core';
import { channelPreviews, channelTransport, renderAlertText } from '@vigil/core/alerting';

/** Where local alerts are written: `outbox/yyyy-mm-dd/<alert id>--<channel>.json`. */
export const OUTBOX_PREFIX = 'outbox';

/** Options of {@link OutboxNotifier}, one object like the AWS notifiers' (`@vigil/aws`). */
export interface OutboxNotifierOptions {
  /** The channel's name in the configuration, e.g. `oncall-slack`. */
  channel: string;
  /** The home store the outbox is written to. */
  store: ObjectStore;
  /** Prints the alert's text (the terminal in `vigil dev`). */
  print?: (text: string) => void;
  /** The channel's type, kept in the entry. */
  kind?: ChannelConfig['type'];
}

/**
 * Local mode's Notifier: writes each alert under `outbox/` in the home store, with what every
 * kind of channel would have received (plain text, then each channel descriptor's preview: Slack
 * Block Kit, email), and prints the text, so `vigil dev` and the demo show alerts without any account.
 *
 * @example
 * ```ts
 * const outbox = new OutboxNotifier({ channel: 'oncall-slack', store: new LocalObjectStore('.vigil'), print: console.log });
 * await outbox.send(alert); // .vigil/outbox/2024-05-01/<alert id>--oncall-slack.json
 * ```
 */
export class OutboxNotifier implements Notifier {
  readonly channel: string;
  private readonly store: ObjectStore;
  private readonly print: ((text: string) => void) | undefined;
  private readonly kind: ChannelConfig['type'] | undefined;

  constructor(options: OutboxNotifierOptions) {
    this.channel = options.channel;
    this.store = options.store;
    this.print = options.print;
    this.kind = options.kind;
  }

  async send(alert: Alert): Promise<void> {
    const text = renderAlertText(alert);
    const entry = {
      channel: this.channel,
      ...(this.kind ? { kind: this.kind } : {}),
      alert,
      text,
      ...channelPreviews(alert),
    };
    await this.store.put(
      outboxKey(alert, this.channel),
      `${JSON.stringify(entry, null, 2)}\n`,
      'application/json',
    );
    this.print?.(`── alert to ${this.channel} ──\n${text}`);
  }
}

/**
 * The outbox key of an alert for one channel.
 *
 * @example
 * ```ts
 * outboxKey(alert, 'oncall-slack'); // 'outbox/2024-05-01/churn-prod-20240501T1300.1.firing.0a1b2c3d--oncall-slack.json'
 * ```
 */
export function outboxKey(alert: Alert, channel: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${OUTBOX_PREFIX}/${alert.at.slice(0, 10)}/${safe(alert.id)}--${safe(channel)}.json`;
}

/** Builds the real webhook notifier (from `@vigil/aws`) when a webhook secret is set in the environment. */
export type SlackNotifierFactory = (options: {
  channel: string;
  webhookUrl: string;
  secretName: string;
  service: string;
  render: (alert: Alert) => unknown;
}) => Notifier;

/**
 * The notifiers of every configured channel in local mode: each writes to the outbox and prints;
 * a webhook channel (Slack) whose secret names a set environment variable also posts to that real
 * webhook (the outbox copy is written first, so the alert is visible even when Slack fails).
 *
 * @example
 * ```ts
 * const notifiers = localNotifiers(config, { store: home, env: process.env, print: io.stdout,
 *   slack: (o) => new SlackWebhookNotifier(o) });
 * ```
 */
export function localNotifiers(
  config: VigilConfig,
  options: {
    store: ObjectStore;
    env: Record<string, string | undefined>;
    print?: (text: string) => void;
    slack?: SlackNotifierFactory;
  },
): Record<string, Notifier> {
  const notifiers: Record<string, Notifier> = {};
  for (const [channel, channelConfig] of Object.entries(config.channels)) {
    const outbox = new OutboxNotifier({
      channel,
      store: options.store,
      kind: channelConfig.type,
      ...(options.print ? { print: options.print } : {}),
    });
    const transport = channelTransport(channel, channelConfig, { secret: (name) => options.env[name] });
    if ('kind' in transport && transport.kind === 'webhook' && options.slack) {
      const slack = options.slack({
        channel,
        webhookUrl: transport.url,
        secretName: transport.secretName,
        service: transport.service,
        render: transport.render,
      });
      notifiers[channel] = {
        channel,
        async send(alert) {
          await outbox.send(alert);
          await slack.send(alert);
        },
      };
    } else {
      notifiers[channel] = outbox;
    }
  }
  return notifiers;
}
