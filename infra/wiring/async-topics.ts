import type { VigilConfig } from '@vigil/core';
import { resourceName } from './names.ts';

/** One SNS subscription of the async-capture function: a notification topic of an async endpoint. */
export interface AsyncTopicSubscription {
  /** Unique, alphanumeric: SST resource names derive from it. */
  name: string;
  topicArn: string;
  function: 'async-capture';
  endpoint: string;
}

/**
 * The SNS subscriptions of async-capture: the success and error topics of every endpoint with an
 * `asyncInference` section (a topic two endpoints share is subscribed once).
 *
 * @example
 * ```ts
 * asyncTopicSubscriptions(config).map((s) => s.name); // ['ChurnAsyncAsyncSuccess', 'ChurnAsyncAsyncError']
 * ```
 */
export function asyncTopicSubscriptions(config: VigilConfig): AsyncTopicSubscription[] {
  const seen = new Set<string>();
  return config.endpoints.flatMap((endpoint) => {
    const topics = endpoint.asyncInference;
    if (!topics) return [];
    return (
      [
        ['Success', topics.successTopic],
        ['Error', topics.errorTopic],
      ] as const
    ).flatMap(([kind, topicArn]) => {
      if (!topicArn || seen.has(topicArn)) return [];
      seen.add(topicArn);
      return [
        {
          name: `${resourceName(endpoint.name)}Async${kind}`,
          topicArn,
          function: 'async-capture' as const,
          endpoint: endpoint.name,
        },
      ];
    });
  });
}
