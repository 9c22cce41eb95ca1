import type { ObjectStore } from '@vigil/core/ports';

/**
 * The store behind an `ObjectStore.location` string, opened again on a worker thread (stores do
 * not cross threads): `s3://bucket`, a local folder, or `''` for the filesystem root.
 *
 * @example
 * ```ts
 * const store = await storeAt('s3://my-bucket');
 * ```
 */
export async function storeAt(location: string): Promise<ObjectStore> {
  const bucket = /^s3:\/\/([^/]+)\/?$/i.exec(location)?.[1];
  if (bucket !== undefined) {
    const { S3ObjectStore } = await import('@vigil/aws');
    return new S3ObjectStore({ bucket });
  }
  const { LocalObjectStore } = await import('@vigil/local');
  // A local store's location is its root folder, or '' for the filesystem root.
  return new LocalObjectStore(location === '' ? '/' : location);
}
