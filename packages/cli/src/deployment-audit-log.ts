import type { AuditEntry, AuditLog, AuditRecord, ObjectStore } from '@vigil/core';
import { ObjectStoreAuditLog, readAuditLocation } from '@vigil/core/audit';
import { openLocation } from './adapters.ts';

/**
 * The audit log of a deployment reached through Vigil's bucket (`--home s3://<bucket>`): on the
 * first append it reads `config/audit-location.json` and appends to the object-locked audit bucket
 * it names, where the Lambdas append too; a bucket without that file (a deployment from before
 * the audit buckets) keeps its log under `audit/` of the bucket itself.
 *
 * @example
 * ```ts
 * const audit = new DeploymentAuditLog(openLocation('s3://vigil-prod-bucket/', cwd).store, cwd);
 * await audit.append({ kind: 'approval.manual', actor: 'alice', subject: arn, summary: 'Approved by hand', details: {} });
 * ```
 */
export class DeploymentAuditLog implements AuditLog {
  private resolved: Promise<AuditLog> | undefined;

  constructor(
    private readonly vigilBucket: ObjectStore,
    private readonly cwd: string,
  ) {}

  append(entry: AuditEntry): Promise<AuditRecord> {
    this.resolved ??= this.resolve().catch((error: unknown) => {
      this.resolved = undefined;
      throw error;
    });
    return this.resolved.then((log) => log.append(entry));
  }

  private async resolve(): Promise<AuditLog> {
    return new ObjectStoreAuditLog(await deploymentAuditStore(this.vigilBucket, this.cwd));
  }
}

/**
 * Where a deployment keeps its audit log: the audit bucket `config/audit-location.json` of Vigil's
 * bucket names, else (a deployment from before the audit buckets) Vigil's bucket itself. Whoever
 * reads the log (exports, cards, the gate's track record) must read it there, as the Lambdas write it there.
 *
 * @example
 * ```ts
 * const records = await readAuditLog(await deploymentAuditStore(vigilBucket, cwd), 'audit');
 * ```
 */
export async function deploymentAuditStore(vigilBucket: ObjectStore, cwd: string): Promise<ObjectStore> {
  const location = await readAuditLocation(vigilBucket);
  return location ? openLocation(`s3://${location.auditBucket}/`, cwd).store : vigilBucket;
}
