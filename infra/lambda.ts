import { alertTopic } from './alerts';
import { auditBucket, auditHeadsBucket } from './audit-storage';
import { vigilBus } from './bus';
import { bucket } from './storage';
import { type DeploymentContext, LAMBDA_BUNDLE_PLUGINS, LAMBDA_EXTERNAL_PACKAGES } from './wiring';

const identity = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput();
const partition = aws.getPartitionOutput();

/**
 * How every Lambda bundle is built (SST's `nodejs`): the workspace packages from their sources,
 * never a dist/ left from an older build; the plugin keeps zod's locales out of every bundle (see
 * the file); the runtime provides the SDK.
 */
export const LAMBDA_NODEJS = {
  esbuild: { conditions: ['@vigil/source'], external: [...LAMBDA_EXTERNAL_PACKAGES] },
  plugins: LAMBDA_BUNDLE_PLUGINS,
};

/**
 * What a function's exact IAM statements are derived from (`permissionsFor`,
 * `dashboardApiPermissions`): the partition, region and account deployed to and Vigil's buckets,
 * bus and topic, with the dead-letter queue of the function described.
 *
 * @example
 * ```ts
 * const permissions = deploymentContext(dlq.arn).apply((ctx) => permissionsFor(name, config, ctx));
 * ```
 */
export function deploymentContext(deadLetterQueueArn: $util.Input<string>): $util.Output<DeploymentContext> {
  return $resolve([
    partition.partition,
    region.region,
    identity.accountId,
    bucket.name,
    auditBucket.bucket,
    auditHeadsBucket.bucket,
    vigilBus.arn,
    alertTopic.arn,
    deadLetterQueueArn,
  ]).apply(
    ([
      partitionName,
      regionName,
      account,
      bucketName,
      auditBucketName,
      auditHeadsBucketName,
      vigilBusArn,
      alertTopicArn,
      dlqArn,
    ]): DeploymentContext => ({
      partition: partitionName,
      region: regionName,
      account,
      bucket: bucketName,
      auditBucket: auditBucketName,
      auditHeadsBucket: auditHeadsBucketName,
      vigilBusArn,
      alertTopicArn,
      deadLetterQueueArn: dlqArn,
    }),
  );
}
