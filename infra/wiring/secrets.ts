import type { VigilConfig } from '@vigil/core';

/**
 * The SST secrets the configuration names (Slack webhooks), in a stable order.
 *
 * @example
 * ```ts
 * secretNames(config); // ['OncallWebhook']
 * ```
 */
export function secretNames(config: VigilConfig): string[] {
  const names = Object.values(config.channels).flatMap((c) => (c.type === 'slack' ? [c.webhookSecret] : []));
  return [...new Set(names)].sort();
}
