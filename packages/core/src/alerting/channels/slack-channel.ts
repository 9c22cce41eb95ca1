import * as z from 'zod';
import { renderSlackMessage } from '../render-slack.ts';
import type { ChannelDescriptor } from './channel-descriptor.ts';

/** A Slack incoming webhook; the URL is a secret that `webhookSecret` names, never in the file. */
const slackChannelConfig = z
  .object({ type: z.literal('slack'), webhookSecret: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/) })
  .strict();

/** Slack: Block Kit posted to an incoming webhook (`sst secret set <webhookSecret> <url>`). */
export const slackChannel: ChannelDescriptor<typeof slackChannelConfig> = {
  type: 'slack',
  schema: slackChannelConfig,
  preview: { key: 'slack', render: renderSlackMessage },
  transport(channel, config, sources) {
    const url = sources.secret(config.webhookSecret);
    if (!url) {
      return {
        unavailable: {
          message: 'Slack webhook secret not set: alerts of this channel will be dead-lettered',
          fields: { channel, secret: config.webhookSecret },
        },
      };
    }
    return {
      kind: 'webhook',
      url,
      secretName: config.webhookSecret,
      service: 'Slack webhook',
      render: renderSlackMessage,
    };
  },
  secrets: (config) => [config.webhookSecret],
  grants: () => [],
};
