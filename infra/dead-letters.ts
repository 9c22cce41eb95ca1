/** Two weeks, SQS's maximum, to give people time to look at what failed. */
const RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * A dead-letter queue for events a function failed on after Lambda's retries.
 *
 * @example
 * ```ts
 * const dlq = functionDeadLetterQueue('AlarmRouter');
 * ```
 */
export function functionDeadLetterQueue(name: string) {
  return new sst.aws.Queue(`${name}Dlq`, {
    transform: { queue: { messageRetentionSeconds: RETENTION_SECONDS } },
  });
}

/** Events EventBridge could not deliver to a function (throttled, permissions) land here. */
export const deliveryDlq = new sst.aws.Queue('EventDeliveryDlq', {
  transform: { queue: { messageRetentionSeconds: RETENTION_SECONDS } },
});

const identity = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput();
const partition = aws.getPartitionOutput();

new aws.sqs.QueuePolicy('EventDeliveryDlqPolicy', {
  queueUrl: deliveryDlq.url,
  policy: $jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: deliveryDlq.arn,
        Condition: {
          ArnLike: {
            'aws:SourceArn': $interpolate`arn:${partition.partition}:events:${region.region}:${identity.accountId}:rule/*`,
          },
        },
      },
    ],
  }),
});
