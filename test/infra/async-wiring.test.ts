import { parseConfig } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import { asyncTopicSubscriptions, permissionsFor } from '../../infra/wiring.ts';
import { DEPLOYMENT_CONTEXT } from '../support/deployment-context.ts';
import { TWO_ENDPOINTS_CONFIG } from '../support/two-endpoints-config.ts';

const config = parseConfig(TWO_ENDPOINTS_CONFIG);

describe('wiring of asynchronous inference', () => {
  it('subscribes async-capture to the success and error topics of async endpoints only', () => {
    expect(asyncTopicSubscriptions(config)).toEqual([
      {
        name: 'FraudAsyncSuccess',
        topicArn: 'arn:aws:sns:eu-west-1:111122223333:fraud-async-success',
        function: 'async-capture',
        endpoint: 'fraud',
      },
      {
        name: 'FraudAsyncError',
        topicArn: 'arn:aws:sns:eu-west-1:111122223333:fraud-async-error',
        function: 'async-capture',
        endpoint: 'fraud',
      },
    ]);
  });

  it('lets async-capture read the payload folders and write only the endpoint’s capture and error records', () => {
    const statements = permissionsFor('async-capture', config, DEPLOYMENT_CONTEXT);
    const reads = statements.find((s) => s.actions.includes('s3:GetObject'))?.resources ?? [];
    const writes = statements.find((s) => s.actions.includes('s3:PutObject'))?.resources ?? [];
    expect(statements.find((s) => s.actions.includes('cloudwatch:PutMetricData'))?.conditions).toEqual([
      {
        test: 'StringEquals',
        variable: 'cloudwatch:namespace',
        values: ['aws/sagemaker/Endpoints/async-metrics'],
      },
    ]);
    expect(reads).toEqual(
      expect.arrayContaining(['arn:aws:s3:::fraud-async/requests/*', 'arn:aws:s3:::fraud-async/results/*']),
    );
    expect(writes.sort()).toEqual(
      [
        'arn:aws:s3:::fraud-capture/datacapture/fraud/AllTraffic/*',
        `arn:aws:s3:::${DEPLOYMENT_CONTEXT.bucket}/async-errors/fraud/*`,
      ].sort(),
    );
  });

  it('refuses an asyncInference section without a topic', () => {
    expect(() =>
      parseConfig({
        version: 1,
        endpoints: [{ name: 'a', asyncInference: { inputs: ['s3://b/in/'], outputs: ['s3://b/out/'] } }],
      }),
    ).toThrow(/name successTopic, errorTopic or both/);
  });
});
