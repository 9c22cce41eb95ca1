import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AlarmStates } from '@vigil/core';
import { awsClientConfig } from './client-config.ts';
import { cloudWatchSdk } from './lazy-sdk.ts';

/** DescribeAlarms takes at most 100 names per call. */
const PAGE = 100;

/**
 * The AlarmStates port over CloudWatch's DescribeAlarms (metric and composite alarms): the named
 * alarms that are in ALARM now. The SDK loads on first use.
 *
 * @example
 * ```ts
 * await new CloudWatchAlarmStates().inAlarm(['vigil-churn-model-quality-violations']); // []
 * ```
 */
export class CloudWatchAlarmStates implements AlarmStates {
  #clientOrUndefined: CloudWatchClient | undefined;

  constructor(options: { client?: CloudWatchClient } = {}) {
    this.#clientOrUndefined = options.client;
  }

  async inAlarm(alarmNames: readonly string[]): Promise<string[]> {
    if (alarmNames.length === 0) return [];
    const sdk = await cloudWatchSdk();
    this.#clientOrUndefined ??= new sdk.CloudWatchClient(awsClientConfig());
    const found: string[] = [];
    for (let i = 0; i < alarmNames.length; i += PAGE) {
      let nextToken: string | undefined;
      do {
        const out = await this.#clientOrUndefined.send(
          new sdk.DescribeAlarmsCommand({
            AlarmNames: alarmNames.slice(i, i + PAGE),
            StateValue: 'ALARM',
            AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
            NextToken: nextToken,
          }),
        );
        for (const a of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])]) {
          if (a.AlarmName) found.push(a.AlarmName);
        }
        nextToken = out.NextToken;
      } while (nextToken);
    }
    return found;
  }
}
