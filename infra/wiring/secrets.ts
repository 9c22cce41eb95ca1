import type { VigilConfig } from '@vigil/core';
import { channelSecrets } from '@vigil/core/alerting';

/**
 * The SST secrets the configuration's channels name (their descriptors' `secrets`: Slack
 * webhooks), in a stable order.
 *
 * @example
 * ```ts
 * secretNames(config); // ['OncallWebhook']
 * ```
 */
export function secretNames(config: VigilConfig): string[] {
  return channelSecrets(config.channels);
}
