/**
 * Bucket and key prefix of a configured location: an `s3://bucket/prefix` URI, or a key prefix
 * inside Vigil's bucket.
 *
 * @example
 * ```ts
 * resolveLocation('s3://labels/churn/', 'vigil-bucket'); // { bucket: 'labels', key: 'churn/' }
 * resolveLocation('capture', 'vigil-bucket'); // { bucket: 'vigil-bucket', key: 'capture' }
 * ```
 */
export function resolveLocation(location: string, vigilBucket: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(location);
  return match ? { bucket: match[1]!, key: match[2] ?? '' } : { bucket: vigilBucket, key: location };
}
