/**
 * Bucket and key of an `s3://bucket/key` URI (any case of `s3`), or undefined for anything else.
 *
 * @example
 * ```ts
 * parseS3Uri('s3://data/capture/ep/'); // { bucket: 'data', key: 'capture/ep/' }
 * parseS3Uri('capture/ep'); // undefined
 * ```
 */
export function parseS3Uri(location: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(location);
  if (!match) return undefined;
  return { bucket: match[1]!, key: match[2] ?? '' };
}

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
  return parseS3Uri(location) ?? { bucket: vigilBucket, key: location };
}
