import {
  type ApprovalUpdate,
  type Clock,
  InputError,
  type ModelApprovalStatus,
  type ModelPackage,
  type ModelPackageRegistration,
  type ModelPackageSummary,
  ObjectNotFoundError,
  type ObjectStore,
  type RegisteringModelRegistry,
  systemClock,
  VigilError,
} from '@vigil/core';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './bus-event.ts';
import { VersionedJsonFiles } from './versioned-json-files.ts';

const ARN_PATTERN = /:model-package\/([^/]+)\/(\d+)$/;
const GROUP_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Options of the local registry. */
export interface LocalModelRegistryOptions {
  clock?: Clock;
  /** Key prefix in the store; default `registry` (so `.vigil/registry/` in the local home). */
  prefix?: string;
  /** Who changes are attributed to when an update does not say (e.g. the OS user). */
  identity?: string;
}

/**
 * The ModelRegistry port in local mode: one JSON file per version at
 * `{prefix}/{group}/{version, 6 digits}.json`, ARNs shaped like SageMaker's
 * (`arn:aws:sagemaker:local:000000000000:model-package/{group}/{version}`) so events and the gate
 * work unchanged. Versions are numbered with `putIfAbsent`, so concurrent registrations never
 * share a number.
 *
 * @example
 * ```ts
 * const registry = new LocalModelRegistry(new LocalObjectStore('.vigil'));
 * const pkg = await registry.register({ groupName: 'churn', modelMetrics: { modelQuality: { statistics: { uri } } } });
 * ```
 */
export class LocalModelRegistry implements RegisteringModelRegistry {
  private readonly store: ObjectStore;
  private readonly clock: Clock;
  private readonly prefix: string;
  private readonly identity: string;
  private readonly files: VersionedJsonFiles<ModelPackage>;

  constructor(store: ObjectStore, options: LocalModelRegistryOptions = {}) {
    this.store = store;
    this.clock = options.clock ?? systemClock;
    this.prefix = options.prefix ?? 'registry';
    this.identity = options.identity ?? 'local-user';
    this.files = new VersionedJsonFiles(store, this.prefix, 'model package group');
  }

  async register(registration: ModelPackageRegistration): Promise<ModelPackage> {
    const group = registration.groupName;
    if (!GROUP_PATTERN.test(group)) {
      throw new InputError(
        `Model package group "${group}" is not valid: use letters, digits and hyphens, at most 63 characters`,
      );
    }
    let version = (await this.files.versions(group)).at(-1) ?? 0;
    for (let attempt = 0; attempt < 50; attempt++) {
      version++;
      const now = this.clock.now().toISOString();
      const pkg: ModelPackage = {
        arn: `arn:aws:sagemaker:${LOCAL_REGION}:${LOCAL_ACCOUNT}:model-package/${group}/${version}`,
        groupName: group,
        version,
        approvalStatus: registration.approvalStatus ?? 'PendingManualApproval',
        status: 'Completed',
        ...(registration.description ? { description: registration.description } : {}),
        creationTime: now,
        lastModifiedTime: now,
        lastModifiedBy: this.identity,
        modelMetrics: registration.modelMetrics ?? {},
        customerMetadata: registration.customerMetadata ?? {},
        images: registration.images ?? [],
        modelDataUrls: registration.modelDataUrls ?? [],
        ...(registration.modelCardContent ? { modelCardContent: registration.modelCardContent } : {}),
      };
      if (await this.files.create(group, version, pkg)) return pkg;
    }
    throw new VigilError(
      `Could not register a version in group "${group}": too many concurrent registrations, retry`,
      {
        code: 'REGISTRY_CONFLICT',
      },
    );
  }

  async describe(arn: string): Promise<ModelPackage> {
    const { group, version } = parseArn(arn);
    try {
      return await this.files.read(group, version);
    } catch (error) {
      if (error instanceof ObjectNotFoundError) {
        throw new ObjectNotFoundError(this.files.keyOf(group, version), { cause: error });
      }
      throw error;
    }
  }

  async list(
    groupName: string,
    filter: { approvalStatus?: ModelApprovalStatus } = {},
  ): Promise<ModelPackageSummary[]> {
    const summaries: ModelPackageSummary[] = [];
    for (const version of (await this.files.versions(groupName)).reverse()) {
      const pkg = await this.files.read(groupName, version);
      if (filter.approvalStatus && pkg.approvalStatus !== filter.approvalStatus) continue;
      summaries.push({
        arn: pkg.arn,
        groupName: pkg.groupName,
        version: pkg.version,
        approvalStatus: pkg.approvalStatus,
        creationTime: pkg.creationTime,
      });
    }
    return summaries;
  }

  async updateApproval(update: ApprovalUpdate): Promise<void> {
    if (update.approvalDescription.length > 1024) {
      throw new InputError('ApprovalDescription is longer than 1024 characters: shorten it');
    }
    const pkg = await this.describe(update.arn);
    const updated: ModelPackage = {
      ...pkg,
      ...(update.approvalStatus ? { approvalStatus: update.approvalStatus } : {}),
      approvalDescription: update.approvalDescription,
      customerMetadata: { ...pkg.customerMetadata, ...update.customerMetadata },
      lastModifiedTime: this.clock.now().toISOString(),
      lastModifiedBy: update.changedBy ?? this.identity,
    };
    await this.files.replace(pkg.groupName, pkg.version, updated);
  }

  /** Groups that have at least one version. */
  async groups(): Promise<string[]> {
    const groups = new Set<string>();
    for await (const info of this.store.list(`${this.prefix}/`)) {
      const group = info.key.slice(this.prefix.length + 1).split('/')[0];
      if (group) groups.add(group);
    }
    return [...groups].sort();
  }
}

function parseArn(arn: string): { group: string; version: number } {
  const match = ARN_PATTERN.exec(arn);
  if (!match) {
    throw new InputError(`"${arn}" is not a versioned model package ARN (…:model-package/<group>/<version>)`);
  }
  return { group: match[1]!, version: Number(match[2]) };
}
