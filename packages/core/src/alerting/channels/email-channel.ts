import * as z from 'zod';
import { renderEmail } from '../render-email.ts';
import type { ChannelDescriptor } from './channel-descriptor.ts';

/** An email list, sent with SES from a verified identity. */
const emailChannelConfig = z
  .object({
    type: z.literal('email'),
    from: z.email(),
    to: z.array(z.email()).min(1),
  })
  .strict();

/** Email: text and HTML through SES v2 SendEmail, allowed for the sender and its domain. */
export const emailChannel: ChannelDescriptor<typeof emailChannelConfig> = {
  type: 'email',
  schema: emailChannelConfig,
  preview: { key: 'email', render: renderEmail },
  transport: (_channel, config) => ({ kind: 'email', from: config.from, to: config.to }),
  secrets: () => [],
  grants(configs, { partition, region, account }) {
    const senders = [...new Set(configs.map((c) => c.from))];
    if (senders.length === 0) return [];
    return [
      {
        action: 'ses:SendEmail',
        resources: senders.flatMap((from) => [
          `arn:${partition}:ses:${region}:${account}:identity/${from}`,
          `arn:${partition}:ses:${region}:${account}:identity/${from.split('@')[1]}`,
        ]),
      },
    ];
  },
};
