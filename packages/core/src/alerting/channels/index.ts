export type {
  ChannelDescriptor,
  ChannelGrant,
  ChannelGrantContext,
  ChannelPreview,
  ChannelTransport,
  ChannelTransportSources,
  ChannelUnavailable,
} from './channel-descriptor.ts';
export { emailChannel } from './email-channel.ts';
export type { ChannelConfig, ChannelType } from './registry.ts';
export {
  CHANNELS,
  channelConfig,
  channelDescriptor,
  channelGrants,
  channelPreviews,
  channelSecrets,
  channelTransport,
} from './registry.ts';
export { slackChannel } from './slack-channel.ts';
export { snsChannel } from './sns-channel.ts';
