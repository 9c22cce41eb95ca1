import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  SageMakerClient,
  UpdateEndpointCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { SageMakerEndpointController } from '@vigil/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

const sagemaker = mockClient(SageMakerClient);
const controller = () => new SageMakerEndpointController({ client: new SageMakerClient({}) });

describe('SageMakerEndpointController', () => {
  beforeEach(() => sagemaker.reset());

  it('describes an endpoint during a guarded deployment, normalising the status', async () => {
    sagemaker.on(DescribeEndpointCommand, { EndpointName: 'sample-endpoint' }).resolves({
      EndpointName: 'sample-endpoint',
      EndpointArn: 'arn:aws:sagemaker:us-west-2:111122223333:endpoint/sample-endpoint',
      EndpointConfigName: 'sample-endpoint-config-1',
      EndpointStatus: 'Updating',
      CreationTime: new Date(1635195148181),
      LastModifiedTime: new Date(1635195148181),
      PendingDeploymentSummary: { EndpointConfigName: 'sample-endpoint-config-2' },
    });
    expect(await controller().describe('sample-endpoint')).toEqual({
      name: 'sample-endpoint',
      status: 'Updating',
      configName: 'sample-endpoint-config-1',
      pendingConfigName: 'sample-endpoint-config-2',
    });
  });

  it('tells a deleted endpoint config from other failures', async () => {
    sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'gone' }).rejects(
      Object.assign(new Error('Could not find endpoint configuration "gone".'), {
        name: 'ValidationException',
      }),
    );
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: 'kept' })
      .resolves({ EndpointConfigName: 'kept' });
    sagemaker
      .on(DescribeEndpointConfigCommand, { EndpointConfigName: 'denied' })
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    expect(await controller().configExists('gone')).toBe(false);
    expect(await controller().configExists('kept')).toBe(true);
    await expect(controller().configExists('denied')).rejects.toThrow('not authorized');
  });

  it('finds the model packages a config serves through its models', async () => {
    sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-cfg-7' }).resolves({
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: 'churn-model-7' },
        { VariantName: 'Shadow', ModelName: 'churn-model-7b' },
      ],
    });
    sagemaker.on(DescribeModelCommand, { ModelName: 'churn-model-7' }).resolves({
      PrimaryContainer: {
        ModelPackageName: 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/7',
      },
    });
    sagemaker.on(DescribeModelCommand, { ModelName: 'churn-model-7b' }).resolves({
      Containers: [
        { Image: 'preprocess:1' },
        { ModelPackageName: 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/7' },
      ],
    });
    expect(await controller().modelPackagesOf('churn-cfg-7')).toEqual([
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/7',
    ]);
  });

  it('tells the packages of an A/B config apart per production variant', async () => {
    sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-ab' }).resolves({
      ProductionVariants: [
        { VariantName: 'Champion', ModelName: 'churn-model-5' },
        { VariantName: 'Challenger', ModelName: 'churn-model-6' },
      ],
    });
    sagemaker.on(DescribeModelCommand, { ModelName: 'churn-model-5' }).resolves({
      PrimaryContainer: {
        ModelPackageName: 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/5',
      },
    });
    sagemaker.on(DescribeModelCommand, { ModelName: 'churn-model-6' }).resolves({
      PrimaryContainer: {
        ModelPackageName: 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/6',
      },
    });
    expect(await controller().modelPackagesByVariant('churn-ab')).toEqual({
      Champion: ['arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/5'],
      Challenger: ['arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/6'],
    });
    expect(await controller().modelPackagesOf('churn-ab')).toEqual([
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/5',
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/6',
    ]);
  });

  it('rolls back with UpdateEndpoint retaining the deployment config, and rejects with the reason', async () => {
    sagemaker.on(UpdateEndpointCommand).resolves({ EndpointArn: 'arn' });
    sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: 'arn' });
    await controller().switchConfig('churn-prod', 'churn-cfg-6');
    await controller().rejectModelPackage(
      'arn:aws:sagemaker:eu-west-1:1:model-package/churn/7',
      'r'.repeat(2000),
    );
    expect(sagemaker.commandCalls(UpdateEndpointCommand).map((c) => c.args[0].input)).toEqual([
      { EndpointName: 'churn-prod', EndpointConfigName: 'churn-cfg-6', RetainDeploymentConfig: true },
    ]);
    const rejection = sagemaker.commandCalls(UpdateModelPackageCommand)[0]?.args[0].input;
    expect(rejection).toEqual({
      ModelPackageArn: 'arn:aws:sagemaker:eu-west-1:1:model-package/churn/7',
      ModelApprovalStatus: 'Rejected',
      ApprovalDescription: `${'r'.repeat(1021)}...`,
    });
    expect(rejection?.ApprovalDescription?.length).toBe(1024);
  });
});
