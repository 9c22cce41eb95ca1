import type { SNSClient } from '@aws-sdk/client-sns';
import type { Alert, Notifier } from '@vigil/core';
import { AlertDeliveryError, alertSubject, renderAlertText } from '@vigil/core/alerting';
import { awsClientConfig } from './client-config.ts';
import { snsSdk } from './lazy-sdk.ts';
import { isTransientAwsError } from './transient-errors.ts';

/** SNS takes subjects shorter than 100 characters. */
const MAX_SUBJECT = 99;
/** SNS takes messages up to 256 KB. */
const MAX_MESSAGE_BYTES = 256 * 1024;

/** Options of {@link SnsNotifier}. */
export interface SnsNotifierOptions {
  channel: string;
  topicArn: string;
  client?: SNSClient;
}

/**
 * The Notifier port over an SNS topic: the alert as plain text (`renderAlertText`), a subject
 * under 100 characters for email subscriptions, and message attributes (`endpoint`, `status`,
 * `severity`) for subscription filter policies.
 *
 * @example
 * ```ts
 * const sns = new SnsNotifier({ channel: 'ops-topic', topicArn: 'arn:aws:sns:eu-west-1:111122223333:vigil-alerts' });
 * await sns.send(alert);
 * ```
 */
export class SnsNotifier implements Notifier {
  readonly channel: string;
  private readonly topicArn: string;
  private client: SNSClient | undefined;

  constructor(options: SnsNotifierOptions) {
    this.channel = options.channel;
    this.topicArn = options.topicArn;
    this.client = options.client;
  }

  async send(alert: Alert): Promise<void> {
    // The SDK loads on the first alert, not when the notifier is built (see lazy-sdk.ts).
    const { PublishCommand, SNSClient } = await snsSdk();
    this.client ??= new SNSClient(awsClientConfig());
    let message = renderAlertText(alert);
    while (new TextEncoder().encode(message).length > MAX_MESSAGE_BYTES)
      message = message.slice(0, message.length - 1024);
    try {
      await this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: alertSubject(alert, MAX_SUBJECT),
          Message: message,
          MessageAttributes: {
            endpoint: { DataType: 'String', StringValue: alert.endpoint },
            status: { DataType: 'String', StringValue: alert.status },
            severity: { DataType: 'String', StringValue: alert.severity },
          },
        }),
      );
    } catch (error) {
      throw new AlertDeliveryError(
        `SNS refused the alert of channel "${this.channel}": ${(error as Error).name}: ${(error as Error).message}`,
        { channel: this.channel, retryable: isTransientAwsError(error), cause: error },
      );
    }
  }
}
