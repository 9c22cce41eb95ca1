import { alertTopic, secrets } from './alerts';
import { auditBucket, auditHeadsBucket } from './audit-storage';
import { vigilBus } from './bus';
import { config, configDigest } from './config';
import { functionDeadLetterQueue } from './dead-letters';
import { deploymentContext, LAMBDA_NODEJS } from './lambda';
import { bucket, configObject } from './storage';
import {
  CONFIG_KEY,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  handlerOf,
  permissionsFor,
  RUNTIME,
  resourceName,
} from './wiring';

/** Functions that read SST secrets (the Slack webhooks). */
const SECRET_READERS: readonly FunctionName[] = ['alarm-router'];

function createFunction(name: FunctionName) {
  const id = resourceName(name);
  const dlq = functionDeadLetterQueue(id);
  const settings = FUNCTIONS[name];
  // Exact statements from the configuration instead of `link`, which would grant s3:*, sns:*, events:*.
  const permissions = deploymentContext(dlq.arn).apply((context) => permissionsFor(name, config, context));
  return new sst.aws.Function(
    id,
    {
      handler: handlerOf(name),
      ...RUNTIME,
      nodejs: LAMBDA_NODEJS,
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
