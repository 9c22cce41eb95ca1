import {
  CreateModelCardCommand,
  DescribeModelCardCommand,
  ListModelCardVersionsCommand,
  SageMakerClient,
  UpdateModelCardCommand,
} from '@aws-sdk/client-sagemaker';
import { SageMakerModelCardStore } from '@vigil/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

const sagemaker = mockClient(SageMakerClient);
const content = { model_overview: { model_name: 'churn' }, intended_uses: { risk_rating: 'Low' } };
const cardsStore = () => new SageMakerModelCardStore({ client: new SageMakerClient({}) });

describe('SageMakerModelCardStore', () => {
  beforeEach(() => sagemaker.reset());

  it('creates a card with its content as a JSON string and its status', async () => {
    sagemaker
      .on(CreateModelCardCommand)
      .resolves({ ModelCardArn: 'arn:aws:sagemaker:eu-west-1:1:model-card/churn-v3' });
    const card = await cardsStore().create('churn-v3', content, 'Draft');
    expect(sagemaker.commandCalls(CreateModelCardCommand)[0]!.args[0].input).toEqual({
      ModelCardName: 'churn-v3',
      Content: JSON.stringify(content),
      ModelCardStatus: 'Draft',
    });
    expect(card).toEqual({
      name: 'churn-v3',
      arn: 'arn:aws:sagemaker:eu-west-1:1:model-card/churn-v3',
      version: 1,
      status: 'Draft',
      content,
    });
  });

  it('describes the latest or a given version, and answers undefined for a missing card', async () => {
    sagemaker.on(DescribeModelCardCommand, { ModelCardName: 'churn-v3', ModelCardVersion: 2 }).resolves({
      ModelCardArn: 'arn:aws:sagemaker:eu-west-1:1:model-card/churn-v3',
      ModelCardName: 'churn-v3',
      ModelCardVersion: 2,
      Content: JSON.stringify(content),
      ModelCardStatus: 'PendingReview',
      CreationTime: new Date('2026-01-01T00:00:00Z'),
      LastModifiedTime: new Date('2026-01-02T00:00:00Z'),
      CreatedBy: {},
    });
    sagemaker
      .on(DescribeModelCardCommand, { ModelCardName: 'nope' })
      .rejects(Object.assign(new Error('Model card nope does not exist'), { name: 'ResourceNotFound' }));
    const store = cardsStore();
    expect(await store.get('churn-v3', 2)).toEqual({
      name: 'churn-v3',
      arn: 'arn:aws:sagemaker:eu-west-1:1:model-card/churn-v3',
      version: 2,
      status: 'PendingReview',
      content,
      createdAt: '2026-01-01T00:00:00.000Z',
      lastModifiedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(await store.get('nope')).toBeUndefined();
    expect(sagemaker.commandCalls(DescribeModelCardCommand).map((c) => c.args[0].input)).toEqual([
      { ModelCardName: 'churn-v3', ModelCardVersion: 2 },
      { ModelCardName: 'nope' },
    ]);
  });

  it('updates content and status in separate UpdateModelCard calls, content always whole', async () => {
    sagemaker.on(UpdateModelCardCommand).resolves({ ModelCardArn: 'arn' });
    sagemaker.on(DescribeModelCardCommand).resolves({
      ModelCardName: 'churn-v3',
      ModelCardVersion: 5,
      Content: JSON.stringify(content),
      ModelCardStatus: 'Draft',
      ModelCardArn: 'arn',
      CreationTime: new Date(),
      CreatedBy: {},
    });
    const store = cardsStore();
    expect(await store.updateContent('churn-v3', content)).toBe(5);
    await store.updateStatus('churn-v3', 'PendingReview');
    expect(sagemaker.commandCalls(UpdateModelCardCommand).map((c) => c.args[0].input)).toEqual([
      { ModelCardName: 'churn-v3', Content: JSON.stringify(content) },
      { ModelCardName: 'churn-v3', ModelCardStatus: 'PendingReview' },
    ]);
    expect(sagemaker.commandCalls(DescribeModelCardCommand).map((c) => c.args[0].input)).toContainEqual({
      ModelCardName: 'churn-v3',
    });
  });

  it('lists every version oldest first across pages', async () => {
    sagemaker
      .on(ListModelCardVersionsCommand)
      .resolvesOnce({
        ModelCardVersionSummaryList: [
          {
            ModelCardName: 'churn-v3',
            ModelCardArn: 'arn',
            ModelCardStatus: 'Draft',
            ModelCardVersion: 1,
            CreationTime: new Date('2026-01-01T00:00:00Z'),
          },
        ],
        NextToken: 't',
      })
      .resolvesOnce({
        ModelCardVersionSummaryList: [
          {
            ModelCardName: 'churn-v3',
            ModelCardArn: 'arn',
            ModelCardStatus: 'Approved',
            ModelCardVersion: 2,
            CreationTime: new Date('2026-01-02T00:00:00Z'),
            LastModifiedTime: new Date('2026-01-03T00:00:00Z'),
          },
        ],
      });
    const versions = await cardsStore().listVersions('churn-v3');
    expect(versions).toEqual([
      { name: 'churn-v3', version: 1, status: 'Draft', createdAt: '2026-01-01T00:00:00.000Z' },
      {
        name: 'churn-v3',
        version: 2,
        status: 'Approved',
        createdAt: '2026-01-02T00:00:00.000Z',
        lastModifiedAt: '2026-01-03T00:00:00.000Z',
      },
    ]);
    expect(sagemaker.commandCalls(ListModelCardVersionsCommand).map((c) => c.args[0].input)).toEqual([
      { ModelCardName: 'churn-v3', SortBy: 'Version', SortOrder: 'Ascending', MaxResults: 100 },
      {
        ModelCardName: 'churn-v3',
        SortBy: 'Version',
        SortOrder: 'Ascending',
        MaxResults: 100,
        NextToken: 't',
      },
    ]);
  });
});
