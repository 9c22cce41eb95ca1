import type {
  DescribeModelPackageCommandOutput,
  MetricsSource,
  ModelMetrics,
  UserContext,
} from '@aws-sdk/client-sagemaker';
import {
  type ApprovalUpdate,
  type MetricsSourceRef,
  type ModelApprovalStatus,
  type ModelMetricsRefs,
  type ModelPackage,
  type ModelPackageSummary,
  type ModelRegistry,
  ObjectNotFoundError,
} from '@vigil/core';
import { allPages, SageMakerAdapter, type SageMakerAdapterOptions } from './sagemaker-client.ts';

/** Options of {@link SageMakerModelRegistry}. */
export type SageMakerModelRegistryOptions = SageMakerAdapterOptions;

/**
 * The ModelRegistry port over SageMaker Model Registry: DescribeModelPackage, ListModelPackages
 * (newest first, all pages) and UpdateModelPackage, retried on throttling and 5xx.
 *
 * @example
 * ```ts
 * const registry = new SageMakerModelRegistry();
 * const pkg = await registry.describe('arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn/3');
 * ```
 */
export class SageMakerModelRegistry extends SageMakerAdapter implements ModelRegistry {
  async describe(arn: string): Promise<ModelPackage> {
    const { sdk, client } = await this.connection();
    try {
      const out = await client.send(new sdk.DescribeModelPackageCommand({ ModelPackageName: arn }));
      return toModelPackage(out);
    } catch (error) {
      // SageMaker answers a missing package with a ValidationException saying it "does not exist".
      if (error instanceof Error && /does not exist|not found/i.test(error.message)) {
        throw new ObjectNotFoundError(arn, { cause: error });
      }
      throw error;
    }
  }

  async list(
    groupName: string,
    filter: { approvalStatus?: ModelApprovalStatus } = {},
  ): Promise<ModelPackageSummary[]> {
    const { sdk, client } = await this.connection();
    const pages = await allPages((token) =>
      client.send(
        new sdk.ListModelPackagesCommand({
          ModelPackageGroupName: groupName,
          ...(filter.approvalStatus ? { ModelApprovalStatus: filter.approvalStatus } : {}),
          ModelPackageType: 'Versioned',
          SortBy: 'CreationTime',
          SortOrder: 'Descending',
          MaxResults: 100,
          ...token,
        }),
      ),
    );
    const summaries: ModelPackageSummary[] = [];
    for (const s of pages.flatMap((out) => out.ModelPackageSummaryList ?? [])) {
      if (!s.ModelPackageArn) continue;
      summaries.push({
        arn: s.ModelPackageArn,
        groupName: s.ModelPackageGroupName ?? groupName,
        version: s.ModelPackageVersion ?? versionFromArn(s.ModelPackageArn),
        approvalStatus: (s.ModelApprovalStatus ?? 'PendingManualApproval') as ModelApprovalStatus,
        creationTime: iso(s.CreationTime) ?? '',
      });
    }
    return summaries;
  }

  async updateApproval(update: ApprovalUpdate): Promise<void> {
    const { sdk, client } = await this.connection();
    const metadata = Object.keys(update.customerMetadata).length ? update.customerMetadata : undefined;
    await client.send(
      new sdk.UpdateModelPackageCommand({
        ModelPackageArn: update.arn,
        ...(update.approvalStatus ? { ModelApprovalStatus: update.approvalStatus } : {}),
        ApprovalDescription: update.approvalDescription,
        ...(metadata ? { CustomerMetadataProperties: metadata } : {}),
      }),
    );
  }
}

/** Maps a DescribeModelPackage answer onto the port's ModelPackage. */
export function toModelPackage(
  out: DescribeModelPackageCommandOutput | Omit<DescribeModelPackageCommandOutput, '$metadata'>,
): ModelPackage {
  const arn = out.ModelPackageArn ?? '';
  const containers = out.InferenceSpecification?.Containers ?? [];
  let modelCardContent: Record<string, unknown> | undefined;
  if (out.ModelCard?.ModelCardContent) {
    try {
      modelCardContent = JSON.parse(out.ModelCard.ModelCardContent) as Record<string, unknown>;
    } catch {
      // A package card that is not JSON cannot seed the standalone card; the card is built without it.
      modelCardContent = undefined;
    }
  }
  return {
    arn,
    groupName: out.ModelPackageGroupName ?? groupFromArn(arn),
    version: out.ModelPackageVersion ?? versionFromArn(arn),
    approvalStatus: (out.ModelApprovalStatus ?? 'PendingManualApproval') as ModelApprovalStatus,
    ...(out.ModelPackageStatus ? { status: out.ModelPackageStatus } : {}),
    ...(out.ModelPackageDescription ? { description: out.ModelPackageDescription } : {}),
    ...(out.ApprovalDescription ? { approvalDescription: out.ApprovalDescription } : {}),
    creationTime: iso(out.CreationTime) ?? '',
    ...(out.LastModifiedTime ? { lastModifiedTime: iso(out.LastModifiedTime) } : {}),
    ...(identity(out.LastModifiedBy) ? { lastModifiedBy: identity(out.LastModifiedBy) } : {}),
    ...(principals(out.LastModifiedBy).length
      ? { lastModifiedByPrincipals: principals(out.LastModifiedBy) }
      : {}),
    modelMetrics: toMetricsRefs(out.ModelMetrics),
    customerMetadata: out.CustomerMetadataProperties ?? {},
    images: containers.flatMap((c) => (c.Image ? [c.Image] : [])),
    modelDataUrls: containers.flatMap((c) => (c.ModelDataUrl ? [c.ModelDataUrl] : [])),
    ...(out.MetadataProperties?.GeneratedBy ? { generatedBy: out.MetadataProperties.GeneratedBy } : {}),
    ...(out.SourceUri ? { sourceUri: out.SourceUri } : {}),
    ...(out.Domain ? { domain: out.Domain } : {}),
    ...(out.Task ? { task: out.Task } : {}),
    ...(modelCardContent ? { modelCardContent } : {}),
  };
}

function toMetricsRefs(m: ModelMetrics | undefined): ModelMetricsRefs {
  if (!m) return {};
  const refs: ModelMetricsRefs = {};
  if (m.ModelQuality)
    refs.modelQuality = {
      statistics: ref(m.ModelQuality.Statistics),
      constraints: ref(m.ModelQuality.Constraints),
    };
  if (m.ModelDataQuality) {
    refs.dataQuality = {
      statistics: ref(m.ModelDataQuality.Statistics),
      constraints: ref(m.ModelDataQuality.Constraints),
    };
  }
  if (m.Bias) {
    refs.bias = {
      report: ref(m.Bias.Report),
      preTrainingReport: ref(m.Bias.PreTrainingReport),
      postTrainingReport: ref(m.Bias.PostTrainingReport),
    };
  }
  if (m.Explainability) refs.explainability = { report: ref(m.Explainability.Report) };
  return JSON.parse(JSON.stringify(refs)) as ModelMetricsRefs; // drops the undefined members
}

function ref(source: MetricsSource | undefined): MetricsSourceRef | undefined {
  if (!source?.S3Uri) return undefined;
  return {
    uri: source.S3Uri,
    ...(source.ContentType ? { contentType: source.ContentType } : {}),
    ...(source.ContentDigest ? { contentDigest: source.ContentDigest } : {}),
  };
}

function identity(user: UserContext | undefined): string | undefined {
  return user?.UserProfileName ?? user?.IamIdentity?.Arn ?? undefined;
}

// The IAM identity first: approver policies name roles and users by ARN.
function principals(user: UserContext | undefined): string[] {
  return [user?.IamIdentity?.Arn, user?.UserProfileArn, user?.UserProfileName].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  );
}

function iso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function groupFromArn(arn: string): string {
  return /:model-package\/([^/]+)\//.exec(arn)?.[1] ?? '';
}

function versionFromArn(arn: string): number {
  return Number(/\/(\d+)$/.exec(arn)?.[1] ?? 0);
}
