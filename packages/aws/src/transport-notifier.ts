import type { Notifier } from '@vigil/core';
import type { ChannelTransport } from '@vigil/core/alerting';
import { SesEmailNotifier } from './ses-notifier.ts';
import { SlackWebhookNotifier } from './slack-notifier.ts';
import { SnsNotifier } from './sns-notifier.ts';

/**
 * The notifier of a channel's transport (what its descriptor's `transport` said): a webhook
 * POST, an SES email or an SNS publish. One adapter per kind of transport, whatever the channel.
 *
 * @example
 * ```ts
 * const transport = channelTransport('ops', config.channels.ops, sources);
 * if (!('unavailable' in transport)) notifiers.ops = transportNotifier('ops', transport);
 * ```
 */
export function transportNotifier(channel: string, transport: ChannelTransport): Notifier {
  switch (transport.kind) {
    case 'webhook':
      return new SlackWebhookNotifier({
        channel,
        webhookUrl: transport.url,
        secretName: transport.secretName,
        service: transport.service,
        render: transport.render,
      });
    case 'email':
      return new SesEmailNotifier({ channel, from: transport.from, to: transport.to });
    case 'topic':
      return new SnsNotifier({ channel, topicArn: transport.topicArn });
  }
}
