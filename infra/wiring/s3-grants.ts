import { joinKey, type VigilConfig } from '@vigil/core';
import { PREFIXES } from './functions.ts';
import { resolveLocation } from './locations.ts';
import type { DeploymentContext, Permission } from './permissions.ts';

/** Gathers S3 grants and emits one statement per action kind (and per bucket for listings). */
export class S3Grants {
  private readonly reads = new Set<string>();
  private readonly writes = new Set<string>();
  private readonly lists = new Map<string, Set<string>>();
  /** Object ARNs writable only with `If-None-Match: *` (create, never overwrite). */
  private readonly creates = new Set<string>();
  /** Object ARNs writable only with `If-Match: <ETag>` (compare-and-swap). */
  private readonly swaps = new Set<string>();

  constructor(private readonly ctx: DeploymentContext) {}

  /** Objects under `prefix` (or the single object `prefix` when `folder` is false). */
  read(bucket: string, prefix: string, folder = true): void {
    this.reads.add(this.objectArn(bucket, prefix, folder));
  }

  write(bucket: string, prefix: string): void {
    this.writes.add(this.objectArn(bucket, prefix, true));
  }

  list(bucket: string, prefix: string): void {
    const set = this.lists.get(bucket) ?? new Set<string>();
    set.add(`${prefix}*`);
    this.lists.set(bucket, set);
  }

  /** Read and list a configured location (baseline folder, ground truth). */
  readFolder(location: string | undefined): void {
    if (!location) return;
    const { bucket, key } = resolveLocation(location, this.ctx.bucket);
    this.read(bucket, key);
    this.list(bucket, key);
  }

  /** Every endpoint's report folder, for functions that gather monitoring evidence. */
  readAllReports(config: VigilConfig): void {
    for (const endpoint of config.endpoints) {
      const { bucket, key } = resolveLocation(endpoint.reports, this.ctx.bucket);
      const prefix = `${joinKey(key, endpoint.name)}/`;
      this.read(bucket, prefix);
      this.list(bucket, prefix);
    }
  }

  /** Read, write and list a folder of Vigil's own state. */
  readWrite(bucket: string, prefix: string): void {
    this.read(bucket, prefix);
    this.write(bucket, prefix);
    this.list(bucket, prefix);
  }

  /**
   * The hash-chained audit log: read and list it, create records (`If-None-Match: *` only, so
   * none can be overwritten) and move head.json by compare-and-swap (`If-Match` only). No delete.
   */
  auditLog(bucket: string): void {
    this.read(bucket, PREFIXES.audit);
    this.list(bucket, PREFIXES.audit);
    this.createOnly(bucket, PREFIXES.audit);
    this.swaps.add(this.objectArn(bucket, `${PREFIXES.audit}head.json`, false));
  }

  /** Objects under `prefix` may be created, never overwritten (`If-None-Match: *` required). */
  createOnly(bucket: string, prefix: string): void {
    this.creates.add(this.objectArn(bucket, prefix, true));
  }

  statements(): Permission[] {
    const out: Permission[] = [];
    if (this.reads.size > 0) out.push({ actions: ['s3:GetObject'], resources: [...this.reads] });
    if (this.writes.size > 0) out.push({ actions: ['s3:PutObject'], resources: [...this.writes] });
    if (this.creates.size > 0) {
      out.push({
        actions: ['s3:PutObject'],
        resources: [...this.creates],
        conditions: [{ test: 'StringEquals', variable: 's3:if-none-match', values: ['*'] }],
      });
    }
    if (this.swaps.size > 0) {
      out.push({
        actions: ['s3:PutObject'],
        resources: [...this.swaps],
        conditions: [{ test: 'Null', variable: 's3:if-match', values: ['false'] }],
      });
    }
    for (const [bucket, prefixes] of this.lists) {
      out.push({
        actions: ['s3:ListBucket'],
        resources: [`arn:${this.ctx.partition}:s3:::${bucket}`],
        conditions: [{ test: 'StringLike', variable: 's3:prefix', values: [...prefixes] }],
      });
    }
    return out;
  }

  private objectArn(bucket: string, prefix: string, folder: boolean): string {
    return `arn:${this.ctx.partition}:s3:::${bucket}/${prefix}${folder ? '*' : ''}`;
  }
}
