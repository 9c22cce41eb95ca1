/** SageMaker's ModelApprovalStatus values. */
export type ModelApprovalStatus = 'Approved' | 'Rejected' | 'PendingManualApproval';

/** A report attached to a model package (SageMaker's MetricsSource). */
export interface MetricsSourceRef {
  /** `s3://bucket/key` in AWS, a path or key in local mode. */
  uri: string;
  contentType?: string;
  /** `sha256:<64 hex>`, checked when present. */
  contentDigest?: string;
}

/** The reports registered with a version (SageMaker's ModelMetrics), by the monitor that reads them. */
export interface ModelMetricsRefs {
  modelQuality?: { statistics?: MetricsSourceRef; constraints?: MetricsSourceRef };
  dataQuality?: { statistics?: MetricsSourceRef; constraints?: MetricsSourceRef };
  bias?: {
    report?: MetricsSourceRef;
    preTrainingReport?: MetricsSourceRef;
    postTrainingReport?: MetricsSourceRef;
  };
  explainability?: { report?: MetricsSourceRef };
}

/** A model package version as the governance jobs need it. */
export interface ModelPackage {
  arn: string;
  groupName: string;
  version: number;
  approvalStatus: ModelApprovalStatus;
  /** SageMaker's ModelPackageStatus (`Completed`, `InProgress`, …). */
  status?: string;
  description?: string;
  approvalDescription?: string;
  creationTime: string;
  lastModifiedTime?: string;
  /** Who last changed the package (user profile name or IAM identity), when known. */
  lastModifiedBy?: string;
  /**
   * Every name the registry gives who last changed it (SageMaker: LastModifiedBy's IAM identity
   * ARN, user profile ARN and name), checked against a policy's approvers; else `lastModifiedBy`.
   */
  lastModifiedByPrincipals?: string[];
  modelMetrics: ModelMetricsRefs;
  customerMetadata: Record<string, string>;
  /** Container images and model artifacts of the inference specification. */
  images: string[];
  modelDataUrls: string[];
  /** MetadataProperties.GeneratedBy, e.g. a pipeline execution ARN. */
  generatedBy?: string;
  sourceUri?: string;
  domain?: string;
  task?: string;
  /** The package's own model card content (ModelPackage.ModelCard), parsed, when it has one. */
  modelCardContent?: Record<string, unknown>;
}

/** One row of a registry listing. */
export interface ModelPackageSummary {
  arn: string;
  groupName: string;
  version: number;
  approvalStatus: ModelApprovalStatus;
  creationTime: string;
}

/** A change of approval: status (optional: leave it out to only annotate), description and metadata. */
export interface ApprovalUpdate {
  arn: string;
  approvalStatus?: ModelApprovalStatus;
  /** At most 1024 characters. */
  approvalDescription: string;
  /** Merged into the package's CustomerMetadataProperties. */
  customerMetadata: Record<string, string>;
  /** Who makes the change, for registries that do not know it themselves (local); SageMaker records the caller. */
  changedBy?: string;
}

/**
 * The model registry: SageMaker Model Registry in AWS, JSON files in local mode.
 *
 * @example
 * ```ts
 * const pkg = await registry.describe(arn);
 * await registry.updateApproval({ arn, approvalStatus: 'Approved', approvalDescription: 'auc 0.91 ≥ 0.8', customerMetadata: {} });
 * ```
 */
export interface ModelRegistry {
  /** Throws `ObjectNotFoundError` when no such package exists. */
  describe(arn: string): Promise<ModelPackage>;
  /** The group's versions, newest first, optionally only those with one approval status. */
  list(groupName: string, filter?: { approvalStatus?: ModelApprovalStatus }): Promise<ModelPackageSummary[]>;
  updateApproval(update: ApprovalUpdate): Promise<void>;
}

/** What registering a version takes (local registry, demo). */
export interface ModelPackageRegistration {
  groupName: string;
  description?: string;
  modelMetrics?: ModelMetricsRefs;
  images?: string[];
  modelDataUrls?: string[];
  customerMetadata?: Record<string, string>;
  approvalStatus?: ModelApprovalStatus;
  /** Card content the version is registered with (intended uses, owner, risk rating, …). */
  modelCardContent?: Record<string, unknown>;
}

/** A registry that can also register versions (the local one; in AWS pipelines call CreateModelPackage). */
export interface RegisteringModelRegistry extends ModelRegistry {
  register(registration: ModelPackageRegistration): Promise<ModelPackage>;
}
