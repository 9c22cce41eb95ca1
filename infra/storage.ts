import { configText } from './config';
import { CONFIG_KEY } from './wiring';

/** Vigil's bucket: capture (by default), profiles, reports, baselines, audit log, configuration. */
export const bucket = new sst.aws.Bucket('VigilBucket');

// S3 sends "Object Created" to the account's default bus, where profile-capture's rule listens.
new aws.s3.BucketNotification('VigilBucketToEventBridge', { bucket: bucket.name, eventbridge: true });

/** The configuration the functions load at cold start. */
export const configObject = new aws.s3.BucketObjectv2('VigilConfig', {
  bucket: bucket.name,
  key: CONFIG_KEY,
  content: configText,
  contentType: 'application/json',
});
