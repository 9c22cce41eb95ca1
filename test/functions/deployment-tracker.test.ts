import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { EventShapeError } from '@vigil/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockBucket } from './bucket-mock.ts';

const bucket = mockBucket();
const sagemaker = mockClient(SageMakerClient);
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../shared/fixtures/events/${name}`, import.meta.url)), 'utf8'),
  );
const deploying = fixture('sagemaker-endpoint-deployment-state-change.json');
const endpointState = fixture('sagemaker-endpoint-state-change.json');

let handler: typeof import('../../functions/src/deployment-tracker.ts').handler;
let resetRuntime: () => void;

beforeAll(async () => {
  process.env.VIGIL_BUCKET = 'vigil-test';
  ({ handler } = await import('../../functions/src/deployment-tracker.ts'));
  ({ resetRuntime } = await import('../../functions/src/shared/runtime.ts'));
});

beforeEach(() => {
  bucket.objects.clear();
  bucket.wire();
  sagemaker.reset();
  bucket.put(
    'config/vigil.config.json',
    JSON.stringify({ version: 1, endpoints: [{ name: 'sample-endpoint' }, { name: 'MyEndpoint' }] }),
  );
  resetRuntime();
});

describe('deployment-tracker handler', () => {
  it('follows the fixture deployment: in progress, then the new config with the old one as previous', async () => {
    expect(await handler(deploying)).toEqual({
      outcome: 'applied',
      endpoint: 'sample-endpoint',
      current: 'sample-endpoint-config-1',
    });
    expect(bucket.json<{ deployment: unknown }>('state/endpoints/sample-endpoint.json').deployment).toEqual({
      targetConfigName: 'sample-endpoint-config-2',
      fromConfigName: 'sample-endpoint-config-1',
      startedAt: '2021-10-25T01:52:12.000Z',
    });
    const done = {
      ...deploying,
      id: 'done',
      'detail-type': 'SageMaker Endpoint State Change',
      time: '2021-10-25T02:20:00Z',
      detail: {
        ...deploying.detail,
        EndpointConfigName: 'sample-endpoint-config-2',
        EndpointStatus: 'IN_SERVICE',
      },
    };
    delete done.detail.PendingDeploymentSummary;
    expect(await handler(done)).toEqual({
      outcome: 'applied',
      endpoint: 'sample-endpoint',
      current: 'sample-endpoint-config-2',
      previous: 'sample-endpoint-config-1',
    });
    expect(await handler(done)).toMatchObject({ outcome: 'duplicate' });
    expect(await handler({ ...deploying, id: 'late', time: '2021-10-25T01:00:00Z' })).toMatchObject({
      outcome: 'out-of-order',
    });
  });

  it('reads the endpoint state fixture and ignores endpoints Vigil does not monitor', async () => {
    expect(await handler(endpointState)).toEqual({
      outcome: 'applied',
      endpoint: 'MyEndpoint',
      current: 'MyEndpointConfig',
    });
    const other = { ...endpointState, detail: { ...endpointState.detail, EndpointName: 'someone-elses' } };
    expect(await handler(other)).toEqual({ outcome: 'ignored', endpoint: 'someone-elses' });
    expect(bucket.keys('state/endpoints/')).toEqual(['state/endpoints/MyEndpoint.json']);
  });

  it('keeps the history of served configs with the model packages SageMaker says they serve', async () => {
    const v1 = 'arn:aws:sagemaker:us-west-2:111122223333:model-package/my-group/1';
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: 'MyEndpointConfig' })
      .resolves({ ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'my-model-v1' }] } as never)
      .on(DescribeModelCommand, { ModelName: 'my-model-v1' })
      .resolves({ PrimaryContainer: { ModelPackageName: v1 } } as never);
    await handler(endpointState);
    const record = bucket.json<{ history: unknown[] }>('state/endpoints/MyEndpoint.json');
    expect(record.history).toEqual([
      // The fixture's event time is epoch milliseconds; its ProductionVariants name no variant.
      { configName: 'MyEndpointConfig', since: '2020-03-10T09:18:09.050Z', modelPackageArns: [v1] },
    ]);
  });

  it('still tracks the config when SageMaker cannot say which packages it serves', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).rejects(new Error('AccessDeniedException'));
    expect(await handler(endpointState)).toMatchObject({ outcome: 'applied', current: 'MyEndpointConfig' });
    const record = bucket.json<{ history: Record<string, unknown>[] }>('state/endpoints/MyEndpoint.json');
    expect(record.history).toEqual([{ configName: 'MyEndpointConfig', since: '2020-03-10T09:18:09.050Z' }]);
  });

  it('rejects events of other kinds', async () => {
    await expect(handler(fixture('cloudwatch-alarm-state-change.json'))).rejects.toThrow(EventShapeError);
    await expect(
      handler({ ...endpointState, 'detail-type': 'SageMaker Model Package State Change' }),
    ).rejects.toThrow(EventShapeError);
  });
});
