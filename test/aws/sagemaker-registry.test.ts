import {
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
  SageMakerClient,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { SageMakerModelRegistry } from '@vigil/aws';
import { ObjectNotFoundError } from '@vigil/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

const sagemaker = mockClient(SageMakerClient);
const ARN = 'arn:aws:sagemaker:us-east-2:111122223333:model-package/versionedmp-p-idy6c3e1fiqj/2';

describe('SageMakerModelRegistry', () => {
  beforeEach(() => sagemaker.reset());

  it('describes a package with every field the gate reads', async () => {
    // Prepare
    sagemaker.on(DescribeModelPackageCommand, { ModelPackageName: ARN }).resolves({
      ModelPackageName: 'versionedmp-p-idy6c3e1fiqj',
      ModelPackageGroupName: 'versionedmp-p-idy6c3e1fiqj',
      ModelPackageVersion: 2,
      ModelPackageArn: ARN,
      ModelPackageDescription: 'abalone',
      CreationTime: new Date('2021-02-24T17:00:14Z'),
      LastModifiedTime: new Date('2021-02-25T08:00:00Z'),
      LastModifiedBy: {
        UserProfileName: 'alice',
        IamIdentity: { Arn: 'arn:aws:sts::111122223333:assumed-role/ModelApprovers/alice' },
      },
      ModelPackageStatus: 'Completed',
      ModelPackageStatusDetails: { ValidationStatuses: [] },
      ModelApprovalStatus: 'PendingManualApproval',
      ApprovalDescription: 'waiting',
      InferenceSpecification: {
        Containers: [{ Image: 'xgboost:1.0-1-cpu-py3', ModelDataUrl: 's3://bucket/model.tar.gz' }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
      },
      MetadataProperties: { GeneratedBy: 'arn:aws:sagemaker:us-east-2:111122223333:pipeline/p/execution/x' },
      ModelMetrics: {
        ModelQuality: {
          Statistics: {
            ContentType: 'application/json',
            S3Uri: 's3://bucket/evaluation.json',
            ContentDigest: `sha256:${'a'.repeat(64)}`,
          },
        },
        Bias: {
          PostTrainingReport: { ContentType: 'application/json', S3Uri: 's3://bucket/bias/analysis.json' },
        },
      },
      CustomerMetadataProperties: { team: 'ml' },
      ModelCard: { ModelCardContent: '{"intended_uses":{"risk_rating":"Low"}}', ModelCardStatus: 'Draft' },
    });
    const registry = new SageMakerModelRegistry({ client: new SageMakerClient({}) });
    // Act
    const pkg = await registry.describe(ARN);
    // Assess
    expect(sagemaker.commandCalls(DescribeModelPackageCommand).map((c) => c.args[0].input)).toContainEqual({
      ModelPackageName: ARN,
    });
    expect(pkg).toEqual({
      arn: ARN,
      groupName: 'versionedmp-p-idy6c3e1fiqj',
      version: 2,
      approvalStatus: 'PendingManualApproval',
      status: 'Completed',
      description: 'abalone',
      approvalDescription: 'waiting',
      creationTime: '2021-02-24T17:00:14.000Z',
      lastModifiedTime: '2021-02-25T08:00:00.000Z',
      lastModifiedBy: 'alice',
      // What approver policies are checked against: the IAM identity first.
      lastModifiedByPrincipals: ['arn:aws:sts::111122223333:assumed-role/ModelApprovers/alice', 'alice'],
      modelMetrics: {
        modelQuality: {
          statistics: {
            uri: 's3://bucket/evaluation.json',
            contentType: 'application/json',
            contentDigest: `sha256:${'a'.repeat(64)}`,
          },
        },
        bias: {
          postTrainingReport: { uri: 's3://bucket/bias/analysis.json', contentType: 'application/json' },
        },
      },
      customerMetadata: { team: 'ml' },
      images: ['xgboost:1.0-1-cpu-py3'],
      modelDataUrls: ['s3://bucket/model.tar.gz'],
      generatedBy: 'arn:aws:sagemaker:us-east-2:111122223333:pipeline/p/execution/x',
      modelCardContent: { intended_uses: { risk_rating: 'Low' } },
    });
  });

  it('turns "does not exist" into ObjectNotFoundError', async () => {
    sagemaker
      .on(DescribeModelPackageCommand)
      .rejects(
        Object.assign(new Error(`Model package ${ARN} does not exist.`), { name: 'ValidationException' }),
      );
    const registry = new SageMakerModelRegistry({ client: new SageMakerClient({}) });
    await expect(registry.describe(ARN)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('lists a group newest first across pages, filtered by approval status', async () => {
    sagemaker
      .on(ListModelPackagesCommand)
      .resolvesOnce({
        ModelPackageSummaryList: [
          {
            ModelPackageArn: 'arn:aws:sagemaker:eu-west-1:1:model-package/churn/7',
            ModelPackageGroupName: 'churn',
            ModelPackageVersion: 7,
            ModelApprovalStatus: 'Approved',
            ModelPackageStatus: 'Completed',
            CreationTime: new Date('2026-01-07T00:00:00Z'),
            ModelPackageName: 'churn',
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        ModelPackageSummaryList: [
          {
            ModelPackageArn: 'arn:aws:sagemaker:eu-west-1:1:model-package/churn/3',
            ModelPackageGroupName: 'churn',
            ModelPackageVersion: 3,
            ModelApprovalStatus: 'Approved',
            ModelPackageStatus: 'Completed',
            CreationTime: new Date('2026-01-03T00:00:00Z'),
            ModelPackageName: 'churn',
          },
        ],
      });
    const registry = new SageMakerModelRegistry({ client: new SageMakerClient({}) });
    const list = await registry.list('churn', { approvalStatus: 'Approved' });
    expect(list.map((s) => [s.version, s.approvalStatus, s.creationTime])).toEqual([
      [7, 'Approved', '2026-01-07T00:00:00.000Z'],
      [3, 'Approved', '2026-01-03T00:00:00.000Z'],
    ]);
    expect(sagemaker.commandCalls(ListModelPackagesCommand)).toHaveLength(2);
    expect(sagemaker.commandCalls(ListModelPackagesCommand).map((c) => c.args[0].input)).toEqual([
      {
        ModelPackageGroupName: 'churn',
        ModelApprovalStatus: 'Approved',
        ModelPackageType: 'Versioned',
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 100,
      },
      {
        ModelPackageGroupName: 'churn',
        ModelApprovalStatus: 'Approved',
        ModelPackageType: 'Versioned',
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 100,
        NextToken: 'page-2',
      },
    ]);
  });

  it('updates approval status, description and metadata in one UpdateModelPackage call', async () => {
    sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: ARN });
    const registry = new SageMakerModelRegistry({ client: new SageMakerClient({}) });
    await registry.updateApproval({
      arn: ARN,
      approvalStatus: 'Rejected',
      approvalDescription: 'Vigil approval gate: REJECTED',
      customerMetadata: { 'vigil:decision-id': 'g-v2-1' },
      changedBy: 'registry-gate',
    });
    expect(sagemaker.commandCalls(UpdateModelPackageCommand)[0]!.args[0].input).toEqual({
      ModelPackageArn: ARN,
      ModelApprovalStatus: 'Rejected',
      ApprovalDescription: 'Vigil approval gate: REJECTED',
      CustomerMetadataProperties: { 'vigil:decision-id': 'g-v2-1' },
    });
  });

  it('leaves the status out when only annotating, and leaves throttling to the SDK', async () => {
    sagemaker
      .on(UpdateModelPackageCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ ModelPackageArn: ARN });
    const registry = new SageMakerModelRegistry({ client: new SageMakerClient({}) });
    const update = { arn: ARN, approvalDescription: 'left pending', customerMetadata: {} };
    // aws-sdk-client-mock replaces send(), the SDK's retries included: Vigil does not repeat the call.
    await expect(registry.updateApproval(update)).rejects.toThrow('Rate exceeded');
    expect(sagemaker.commandCalls(UpdateModelPackageCommand)).toHaveLength(1);
    await registry.updateApproval(update);
    expect(sagemaker.commandCalls(UpdateModelPackageCommand)[1]!.args[0].input).toEqual({
      ModelPackageArn: ARN,
      ApprovalDescription: 'left pending',
    });
  });
});
