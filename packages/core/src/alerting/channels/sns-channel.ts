import * as z from 'zod';
import type { ChannelDescriptor } from './channel-descriptor.ts';

/** An SNS topic; without `topicArn`, Vigil's own alert topic. */
const snsChannelConfig = z
  .object({ type: z.literal('sns'), topicArn: z.string().startsWith('arn:').optional() })
  .strict();

/** SNS: the plain-text alert published to a topic (Vigil's own unless `topicArn` names another). */
export const snsChannel: ChannelDescriptor<typeof snsChannelConfig> = {
  type: 'sns',
  schema: snsChannelConfig,
  transport(channel, config, sources) {
    const topicArn = config.topicArn ?? sources.alertTopicArn;
    if (!topicArn) {
      return {
        unavailable: {
          message: 'SNS channel has no topicArn and VIGIL_ALERT_TOPIC_ARN is not set',
          fields: { channel },
        },
      };
    }
    return { kind: 'topic', topicArn };
  },
  secrets: () => [],
  // Vigil's own topic is always granted; these are the other topics channels name.
  grants: (configs) => [
    { action: 'sns:Publish', resources: configs.flatMap((c) => (c.topicArn ? [c.topicArn] : [])) },
  ],
};
