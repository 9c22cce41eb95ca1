import { S3ObjectStore } from '@vigil/aws';
import { auditRecordKey } from '@vigil/core/audit';
import { afterEach, describe, expect, it } from 'vitest';
import { DeploymentAuditLog } from '../../packages/cli/src/deployment-audit-log.ts';
import { mockBucket } from '../functions/bucket-mock.ts';

const entry = {
  kind: 'approval.manual',
  actor: 'alice',
  subject: 'arn:x',
  summary: 'Approved by hand',
  details: {},
};

describe('DeploymentAuditLog', () => {
  let bucket: ReturnType<typeof mockBucket>;
  afterEach(() => bucket.s3.restore());

  it('appends to the audit bucket config/audit-location.json names, where the Lambdas append', async () => {
    bucket = mockBucket('vigil-main');
    const audit = bucket.other('vigil-audit');
    bucket.put(
      'config/audit-location.json',
      JSON.stringify({ auditBucket: 'vigil-audit', auditHeadsBucket: 'h' }),
    );
    const log = new DeploymentAuditLog(new S3ObjectStore({ bucket: 'vigil-main' }), '/tmp');
    expect((await log.append(entry)).sequence).toBe(1);
    expect((await log.append(entry)).sequence).toBe(2);
    expect([...audit.keys()].sort()).toEqual([
      auditRecordKey('audit', 1),
      auditRecordKey('audit', 2),
      'audit/head.json',
    ]);
    expect(bucket.keys('audit/')).toEqual([]);
  });

  it('keeps the log in the bucket itself for a deployment without audit buckets', async () => {
    bucket = mockBucket('vigil-main');
    const log = new DeploymentAuditLog(new S3ObjectStore({ bucket: 'vigil-main' }), '/tmp');
    await log.append(entry);
    expect(bucket.keys('audit/')).toEqual([auditRecordKey('audit', 1), 'audit/head.json']);
  });
});
