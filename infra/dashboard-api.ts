import { alertTopic } from './alerts';
import { auditBucket, auditHeadsBucket } from './audit-storage';
import { vigilBus } from './bus';
import { config, configDigest } from './config';
import { bucket, configObject } from './storage';
import {
  CONFIG_KEY,
  DASHBOARD_API,
  dashboardApiPermissions,
  LAMBDA_BUNDLE_PLUGINS,
  LAMBDA_EXTERNAL_PACKAGES,
  RUNTIME,
  resourceName,
} from './wiring';

const identity = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput();
const partition = aws.getPartitionOutput();

/**
 * The dashboard's read-only API (functions/src/dashboard-api.ts) behind a Lambda function URL with
 * IAM authorization: never public, a caller needs lambda:InvokeFunctionUrl on it (`vigil ui --api
 * <url>` signs with the caller's credentials). Its role may only read the prefixes it serves.
 */
export const dashboardApi = new sst.aws.Function(
  resourceName(DASHBOARD_API.name),
  {
    handler: DASHBOARD_API.handler,
    ...RUNTIME,
    nodejs: {
      esbuild: { conditions: ['@vigil/source'], external: [...LAMBDA_EXTERNAL_PACKAGES] },
      plugins: LAMBDA_BUNDLE_PLUGINS,
    },
    description: DASHBOARD_API.description,
    timeout: DASHBOARD_API.timeout,
    memory: DASHBOARD_API.memory,
    url: { authorization: 'iam' },
    environment: {
      VIGIL_BUCKET: bucket.name,
      VIGIL_CONFIG_KEY: CONFIG_KEY,
      VIGIL_CONFIG_DIGEST: configDigest,
      VIGIL_AUDIT_BUCKET: auditBucket.bucket,
      VIGIL_AUDIT_HEADS_BUCKET: auditHeadsBucket.bucket,
      POWERTOOLS_SERVICE_NAME: DASHBOARD_API.name,
      POWERTOOLS_LOG_LEVEL: 'INFO',
    },
    // Exact read-only statements instead of `link`, which would grant s3:* on the whole bucket.
    permissions: $resolve([
      partition.partition,
      region.region,
      identity.accountId,
      bucket.name,
      auditBucket.bucket,
      auditHeadsBucket.bucket,
      vigilBus.arn,
      alertTopic.arn,
    ]).apply(([partitionName, regionName, account, bucketName, auditName, headsName, busArn, topicArn]) =>
      dashboardApiPermissions(config, {
        partition: partitionName,
        region: regionName,
        account,
        bucket: bucketName,
        auditBucket: auditName,
        auditHeadsBucket: headsName,
        // Not used by the dashboard's statements (it publishes nothing and has no dead-letter queue).
        vigilBusArn: busArn,
        alertTopicArn: topicArn,
        deadLetterQueueArn: '',
      }),
    ),
    logging: { format: 'json', retention: '1 month' },
  },
  { dependsOn: [configObject] },
);
