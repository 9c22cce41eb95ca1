import * as z from 'zod';
import { ConfigError } from '../../errors/vigil-error.ts';
import type { Alert } from '../../ports/notifier.ts';
import type {
  ChannelDescriptor,
  ChannelGrant,
  ChannelGrantContext,
  ChannelTransport,
  ChannelTransportSources,
  ChannelUnavailable,
} from './channel-descriptor.ts';
import { emailChannel } from './email-channel.ts';
import { slackChannel } from './slack-channel.ts';
import { snsChannel } from './sns-channel.ts';

/** Every kind of alert channel. A new channel is its descriptor file and one entry here. */
export const CHANNELS = [slackChannel, emailChannel, snsChannel] as const;

type Registered = (typeof CHANNELS)[number];
/** The schemas of a tuple of descriptors, as a tuple (what z.discriminatedUnion takes). */
type Schemas<T extends readonly unknown[]> = {
  -readonly [I in keyof T]: T[I] extends ChannelDescriptor<infer S> ? S : never;
};

/**
 * A notification channel of vigil.config.json: one of the registered descriptors' schemas, told
 * apart by `type`. Secrets (webhook URLs) are never in the file: they are named (`webhookSecret`).
 */
export const channelConfig = z.discriminatedUnion(
  'type',
  CHANNELS.map((channel) => channel.schema) as unknown as Schemas<typeof CHANNELS>,
);

/** A configured channel. */
export type ChannelConfig = z.infer<typeof channelConfig>;

/** The `type` of every registered channel. */
export type ChannelType = z.output<Registered['schema']>['type'];

/**
 * The descriptor of a configured channel's type.
 *
 * @example
 * ```ts
 * channelDescriptor({ type: 'sns' }).type; // 'sns'
 * ```
 */
export function channelDescriptor(config: { type: string }): ChannelDescriptor {
  const descriptor = CHANNELS.find((channel) => channel.type === config.type);
  if (!descriptor) {
    const known = CHANNELS.map((channel) => channel.type).join(', ');
    throw new ConfigError(
      `Unknown channel type "${config.type}" (known: ${known}): use one of them, or register its descriptor in alerting/channels/registry.ts`,
      { path: 'channels' },
    );
  }
  // Each descriptor takes its own configuration, which `type` selected.
  return descriptor as unknown as ChannelDescriptor;
}

/**
 * How a configured channel delivers, or why it cannot (a warning for the log).
 *
 * @example
 * ```ts
 * const transport = channelTransport('ops', { type: 'sns' }, { secret: () => undefined, alertTopicArn });
 * ```
 */
export function channelTransport(
  channel: string,
  config: ChannelConfig,
  sources: ChannelTransportSources,
): ChannelTransport | ChannelUnavailable {
  return channelDescriptor(config).transport(channel, config, sources);
}

/**
 * The secrets the configuration's channels name, sorted and without repeats.
 *
 * @example
 * ```ts
 * channelSecrets(config.channels); // ['OncallWebhook']
 * ```
 */
export function channelSecrets(channels: Readonly<Record<string, ChannelConfig>>): string[] {
  const names = Object.values(channels).flatMap((config) => channelDescriptor(config).secrets(config));
  return [...new Set(names)].sort();
}

/**
 * The IAM grants alarm-router needs for the configuration's channels, descriptor by descriptor.
 *
 * @example
 * ```ts
 * channelGrants(config.channels, { partition: 'aws', region: 'eu-west-1', account: '111122223333' });
 * // [{ action: 'sns:Publish', resources: [] }, { action: 'ses:SendEmail', resources: [...] }]
 * ```
 */
export function channelGrants(
  channels: Readonly<Record<string, ChannelConfig>>,
  context: ChannelGrantContext,
): ChannelGrant[] {
  const configs = Object.values(channels);
  return CHANNELS.flatMap((channel) => {
    const descriptor = channel as unknown as ChannelDescriptor;
    return descriptor.grants(
      configs.filter((config) => config.type === channel.type),
      context,
    );
  });
}

/**
 * What each kind of channel would receive of an alert, for the local outbox: `{ slack, email }`.
 *
 * @example
 * ```ts
 * channelPreviews(alert).slack; // the Block Kit message
 * ```
 */
export function channelPreviews(alert: Alert): Record<string, unknown> {
  return Object.fromEntries(
    CHANNELS.flatMap((channel): [string, unknown][] =>
      'preview' in channel && channel.preview ? [[channel.preview.key, channel.preview.render(alert)]] : [],
    ),
  );
}
