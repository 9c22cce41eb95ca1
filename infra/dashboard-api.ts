import { auditBucket, auditHeadsBucket } from './audit-storage';
import { config, configDigest } from './config';
import { deploymentContext, LAMBDA_NODEJS } from './lambda';
import { bucket, configObject } from './storage';
import { CONFIG_KEY, DASHBOARD_API, dashboardApiPermissions, RUNTIME, resourceName } from './wiring';

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
    nodejs: LAMBDA_NODEJS,
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
    // The bus, topic and dead-letter queue in the context are not used by the dashboard's statements
    // (it publishes nothing and has no dead-letter queue).
    permissions: deploymentContext('').apply((context) => dashboardApiPermissions(config, context)),
    logging: { format: 'json', retention: '1 month' },
  },
  { dependsOn: [configObject] },
);
