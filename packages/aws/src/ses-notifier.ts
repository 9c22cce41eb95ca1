import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Alert, Notifier } from '@vigil/core';
import { AlertDeliveryError, renderEmail } from '@vigil/core/alerting';
import { awsClientConfig } from './client-config.ts';
import { sesSdk } from './lazy-sdk.ts';
import { isTransientAwsError } from './transient-errors.ts';

/** Options of {@link SesEmailNotifier}. */
export interface SesEmailNotifierOptions {
  channel: string;
  /** A verified SES identity. */
  from: string;
  to: string[];
  configurationSetName?: string;
  client?: SESv2Client;
}

/**
 * The Notifier port over SES v2 `SendEmail`: one email per alert with an ASCII subject, a text
 * and an HTML body (`renderEmail`). Throttling and 5xx answers are retryable; a rejected
 * address or an unverified sender is not.
 *
 * @example
 * ```ts
 * const email = new SesEmailNotifier({ channel: 'ml-email', from: 'vigil@example.com', to: ['ml@example.com'] });
 * await email.send(alert);
 * ```
 */
export class SesEmailNotifier implements Notifier {
  readonly channel: string;
  private readonly options: SesEmailNotifierOptions;
  private client: SESv2Client | undefined;

  constructor(options: SesEmailNotifierOptions) {
    this.channel = options.channel;
    this.options = options;
    this.client = options.client;
  }

  async send(alert: Alert): Promise<void> {
    const email = renderEmail(alert);
    // The SDK loads on the first alert, not when the notifier is built (see lazy-sdk.ts).
    const { SESv2Client, SendEmailCommand } = await sesSdk();
    this.client ??= new SESv2Client(awsClientConfig());
    try {
      await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.options.from,
          Destination: { ToAddresses: this.options.to },
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: email.text, Charset: 'UTF-8' },
                Html: { Data: email.html, Charset: 'UTF-8' },
              },
            },
          },
          ...(this.options.configurationSetName
            ? { ConfigurationSetName: this.options.configurationSetName }
            : {}),
          EmailTags: [
            { Name: 'vigil-endpoint', Value: tagValue(alert.endpoint) },
            { Name: 'vigil-status', Value: alert.status },
          ],
        }),
      );
    } catch (error) {
      throw new AlertDeliveryError(
        `SES refused the alert email of channel "${this.channel}": ${(error as Error).name}: ${(error as Error).message}`,
        { channel: this.channel, retryable: isTransientAwsError(error), cause: error },
      );
    }
  }
}

/** SES tag values allow letters, digits, `_` and `-` only. */
function tagValue(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}
