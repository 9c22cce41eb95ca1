import type { z } from 'zod';
import type { Alert } from '../../ports/notifier.ts';

/**
 * How alerts of a channel leave, for the adapters to build the notifier from (`@vigil/aws`'s
 * `transportNotifier`; local mode's outbox also posts webhooks). A new channel that posts a webhook,
 * sends email or publishes to a topic needs no new adapter.
 */
export type ChannelTransport =
  | {
      kind: 'webhook';
      /** The webhook URL: a secret, never logged. */
      url: string;
      /** The secret's name, used in messages instead of the URL. */
      secretName: string;
      /** What the webhook is, in messages: `Slack webhook`. */
      service: string;
      /** The request body of an alert. */
      render(alert: Alert): unknown;
    }
  | { kind: 'email'; from: string; to: string[] }
  | { kind: 'topic'; topicArn: string };

/** Why a channel has no transport: a warning for the log, with its fields. */
export interface ChannelUnavailable {
  unavailable: { message: string; fields: Record<string, string> };
}

/** Where a channel's transport finds what the configuration only names. */
export interface ChannelTransportSources {
  /** The value of a named secret (SST secret, environment variable), when set. */
  secret(name: string): string | undefined;
  /** Vigil's own alert topic, when deployed. */
  alertTopicArn?: string | undefined;
}

/** The account a deployment's IAM statements refer to. */
export interface ChannelGrantContext {
  partition: string;
  region: string;
  account: string;
}

/** An IAM grant alarm-router needs to deliver through a channel: one action on some resources. */
export interface ChannelGrant {
  action: string;
  resources: string[];
}

/** What the local outbox stores of an alert besides its plain text: `key` → the rendering. */
export interface ChannelPreview {
  key: string;
  render(alert: Alert): unknown;
}

/**
 * One kind of alert channel, whole: the configuration it takes, how an alert is rendered for
 * it, how it is delivered, and what a deployment must provide (IAM grants, secrets). Register it
 * in channels/registry.ts; config, alarm-router, local mode and infra derive the rest.
 */
export interface ChannelDescriptor<S extends z.ZodObject = z.ZodObject> {
  /** The `type` of a channel in vigil.config.json. */
  type: string;
  /** The channel's configuration, including its `type` literal (a strict zod object). */
  schema: S;
  /** What the local outbox keeps of an alert for this kind of channel, if more than the text. */
  preview?: ChannelPreview;
  /** How one configured channel delivers, or why it cannot. */
  transport(
    channel: string,
    config: z.output<S>,
    sources: ChannelTransportSources,
  ): ChannelTransport | ChannelUnavailable;
  /** The secrets a configured channel names (SST secrets linked to alarm-router). */
  secrets(config: z.output<S>): string[];
  /** The IAM grants alarm-router needs for every configured channel of this kind together. */
  grants(configs: readonly z.output<S>[], context: ChannelGrantContext): ChannelGrant[];
}
