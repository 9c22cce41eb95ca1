import { AUDIT_LOCATION_KEY } from '@vigil/core/audit';
import { config } from './config';
import { bucket } from './storage';

/**
 * An object-locked, versioned bucket: every version of every object is kept for the configured
 * retention (`audit.retentionDays`, `audit.lockMode` in vigil.config.json) and cannot be deleted
 * or overwritten in place meanwhile (a PUT makes a new version; the old one stays). Object Lock can
 * only be switched on when a bucket is created and applies to the whole bucket, so the audit log and
 * the published heads each get their own bucket instead of a prefix of Vigil's bucket, whose
 * profiles and state are rewritten all the time. The bucket policy also refuses any PutObject
 * without `If-None-Match` or `If-Match`, whoever sends it.
 */
function lockedBucket(name: string, purpose: string) {
  const created = new aws.s3.BucketV2(name, {
    bucketPrefix: `vigil-${name.toLowerCase()}-`,
    objectLockEnabled: true,
    // Retained versions must outlive `sst remove` of a dev stage only when asked: production retains.
    forceDestroy: $app.stage !== 'production',
    tags: { 'vigil:purpose': purpose },
  });
  new aws.s3.BucketVersioningV2(`${name}Versioning`, {
    bucket: created.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  new aws.s3.BucketObjectLockConfigurationV2(`${name}ObjectLock`, {
    bucket: created.id,
    rule: {
      defaultRetention: { mode: config.audit.lockMode, days: config.audit.retentionDays },
    },
  });
  new aws.s3.BucketPublicAccessBlock(`${name}PublicAccessBlock`, {
    bucket: created.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new aws.s3.BucketPolicy(`${name}Policy`, {
    bucket: created.id,
    policy: created.arn.apply((arn) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OnlyConditionalWrites',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObject',
            Resource: `${arn}/*`,
            Condition: { Null: { 's3:if-none-match': 'true', 's3:if-match': 'true' } },
          },
          {
            Sid: 'HttpsOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [arn, `${arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    ),
  });
  return created;
}

/** The hash-chained audit log (`audit/`): records created once, head.json moved by compare-and-swap. */
export const auditBucket = lockedBucket('AuditLog', 'audit-log');

/** Where audit-head-recorder keeps every published head (`heads/`), out of reach of the log's writers. */
export const auditHeadsBucket = lockedBucket('AuditHeads', 'audit-heads');

/** Tells `vigil audit verify --home s3://<Vigil's bucket>` where the log and its heads are. */
export const auditLocationObject = new aws.s3.BucketObjectv2('VigilAuditLocation', {
  bucket: bucket.name,
  key: AUDIT_LOCATION_KEY,
  content: $resolve([auditBucket.bucket, auditHeadsBucket.bucket]).apply(
    ([auditBucketName, auditHeadsBucketName]) =>
      JSON.stringify({ auditBucket: auditBucketName, auditHeadsBucket: auditHeadsBucketName }),
  ),
  contentType: 'application/json',
});
