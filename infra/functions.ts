import { alertTopic, secrets } from './alerts';
import { auditBucket, auditHeadsBucket } from './audit-storage';
import { vigilBus } from './bus';
import { config, configDigest } from './config';
import { functionDeadLetterQueue } from './dead-letters';
import { bucket, configObject } from './storage';
import {
  CONFIG_KEY,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  handlerOf,
  LAMBDA_BUNDLE_PLUGINS,
  LAMBDA_EXTERNAL_PACKAGES,
  permissionsFor,
  RUNTIME,
  resourceName,
} from './wiring';

const identity = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput();
const partition = aws.getPartitionOutput();

/** Functions that read SST secrets (the Slack webhooks). */
const SECRET_READERS: readonly FunctionName[] = ['alarm-router'];

function createFunction(name: FunctionName) {
  const id = resourceName(name);
  const dlq = functionDeadLetterQueue(id);
  const settings = FUNCTIONS[name];
  // Exact statements from the configuration instead of `link`, which would grant s3:*, sns:*, events:*.
  const permissions = $resolve([
    partition.partition,
    region.region,
    identity.accountId,
    bucket.name,
    auditBucket.bucket,
    auditHeadsBucket.bucket,
    vigilBus.arn,
    alertTopic.arn,
    dlq.arn,
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
      deadLetterQueueArn,
    ]) =>
      permissionsFor(name, config, {
        partition: partitionName,
        region: regionName,
        account,
        bucket: bucketName,
        auditBucket: auditBucketName,
        auditHeadsBucket: auditHeadsBucketName,
        vigilBusArn,
        alertTopicArn,
        deadLetterQueueArn,
      }),
  );
  return new sst.aws.Function(
    id,
    {
      handler: handlerOf(name),
      ...RUNTIME,
      // Bundle the workspace packages from their sources, never a dist/ left from an older build;
      // the plugin keeps zod's locales out of every bundle (see the file); the runtime provides the SDK.
      nodejs: {
        esbuild: { conditions: ['@vigil/source'], external: [...LAMBDA_EXTERNAL_PACKAGES] },
        plugins: LAMBDA_BUNDLE_PLUGINS,
      },
      description: settings.description,
      timeout: settings.timeout,
      memory: settings.memory,
      environment: {
        VIGIL_BUCKET: bucket.name,
        VIGIL_CONFIG_KEY: CONFIG_KEY,
        VIGIL_CONFIG_DIGEST: configDigest,
        VIGIL_EVENT_BUS: vigilBus.name,
        VIGIL_ALERT_TOPIC_ARN: alertTopic.arn,
        VIGIL_AUDIT_BUCKET: auditBucket.bucket,
        VIGIL_AUDIT_HEADS_BUCKET: auditHeadsBucket.bucket,
        POWERTOOLS_SERVICE_NAME: name,
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      permissions,
      link: SECRET_READERS.includes(name) ? Object.values(secrets) : [],
      logging: { format: 'json', retention: '1 month' },
      transform: { function: { deadLetterConfig: { targetArn: dlq.arn } } },
    },
    { dependsOn: [configObject] },
  );
}

/** Every function, by name. */
export const functions = Object.fromEntries(
  FUNCTION_NAMES.map((name) => [name, createFunction(name)]),
) as Record<FunctionName, sst.aws.Function>;
