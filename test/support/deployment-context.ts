import type { DeploymentContext } from '../../infra/wiring.ts';

/** The deployed names and ARNs the infrastructure wiring tests grant against. */
export const DEPLOYMENT_CONTEXT: DeploymentContext = {
  partition: 'aws',
  region: 'eu-west-1',
  account: '111122223333',
  bucket: 'vigil-bucket',
  auditBucket: 'vigil-audit',
  auditHeadsBucket: 'vigil-audit-heads',
  vigilBusArn: 'arn:aws:events:eu-west-1:111122223333:event-bus/vigil',
  alertTopicArn: 'arn:aws:sns:eu-west-1:111122223333:vigil-alerts',
  deadLetterQueueArn: 'arn:aws:sqs:eu-west-1:111122223333:fn-dlq',
};
