import type { ModelCardStatus as SageMakerCardStatus } from '@aws-sdk/client-sagemaker';
import type { ModelCardStatus, ModelCardStore, ModelCardVersionSummary, StoredModelCard } from '@vigil/core';
import { allPages, SageMakerAdapter, type SageMakerAdapterOptions } from './sagemaker-client.ts';

/** Options of {@link SageMakerModelCardStore}. */
export type SageMakerModelCardStoreOptions = SageMakerAdapterOptions;

/**
 * The ModelCardStore port over SageMaker Model Cards: DescribeModelCard, CreateModelCard,
 * UpdateModelCard (content and status in separate calls, as the API requires; content always
 * whole) and ListModelCardVersions (all pages, oldest first).
 *
 * @example
 * ```ts
 * const cards = new SageMakerModelCardStore();
 * const version = await cards.updateContent('churn-v3', content);
 * ```
 */
export class SageMakerModelCardStore extends SageMakerAdapter implements ModelCardStore {
  async get(name: string, version?: number): Promise<StoredModelCard | undefined> {
    const { sdk, client } = await this.connection();
    try {
      const out = await client.send(
        new sdk.DescribeModelCardCommand({
          ModelCardName: name,
          ...(version !== undefined ? { ModelCardVersion: version } : {}),
        }),
      );
      return {
        name: out.ModelCardName ?? name,
        ...(out.ModelCardArn ? { arn: out.ModelCardArn } : {}),
        version: out.ModelCardVersion ?? 1,
        status: (out.ModelCardStatus ?? 'Draft') as ModelCardStatus,
        content: out.Content ? (JSON.parse(out.Content) as Record<string, unknown>) : {},
        ...(out.CreationTime ? { createdAt: out.CreationTime.toISOString() } : {}),
        ...(out.LastModifiedTime ? { lastModifiedAt: out.LastModifiedTime.toISOString() } : {}),
      };
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFound') return undefined;
      throw error;
    }
  }

  async create(
    name: string,
    content: Record<string, unknown>,
    status: ModelCardStatus,
  ): Promise<StoredModelCard> {
    const { sdk, client } = await this.connection();
    const out = await client.send(
      new sdk.CreateModelCardCommand({
        ModelCardName: name,
        Content: JSON.stringify(content),
        ModelCardStatus: status as SageMakerCardStatus,
      }),
    );
    return { name, ...(out.ModelCardArn ? { arn: out.ModelCardArn } : {}), version: 1, status, content };
  }

  async updateContent(name: string, content: Record<string, unknown>): Promise<number> {
    const { sdk, client } = await this.connection();
    await client.send(
      new sdk.UpdateModelCardCommand({ ModelCardName: name, Content: JSON.stringify(content) }),
    );
    // UpdateModelCard answers only the ARN: read the version number the update created.
    const latest = await this.get(name);
    return latest?.version ?? 0;
  }

  async updateStatus(name: string, status: ModelCardStatus): Promise<void> {
    const { sdk, client } = await this.connection();
    await client.send(
      new sdk.UpdateModelCardCommand({ ModelCardName: name, ModelCardStatus: status as SageMakerCardStatus }),
    );
  }

  async listVersions(name: string): Promise<ModelCardVersionSummary[]> {
    const { sdk, client } = await this.connection();
    const pages = await allPages((token) =>
      client.send(
        new sdk.ListModelCardVersionsCommand({
          ModelCardName: name,
          SortBy: 'Version',
          SortOrder: 'Ascending',
          MaxResults: 100,
          ...token,
        }),
      ),
    );
    return pages.flatMap((out) =>
      (out.ModelCardVersionSummaryList ?? []).map(
        (v): ModelCardVersionSummary => ({
          name: v.ModelCardName ?? name,
          version: v.ModelCardVersion ?? 0,
          status: (v.ModelCardStatus ?? 'Draft') as ModelCardStatus,
          createdAt: v.CreationTime?.toISOString() ?? '',
          ...(v.LastModifiedTime ? { lastModifiedAt: v.LastModifiedTime.toISOString() } : {}),
        }),
      ),
    );
  }
}
