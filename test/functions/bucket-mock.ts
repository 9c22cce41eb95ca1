import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * A bucket in memory behind a mocked S3 client: list, get (with an MD5 ETag), put and conditional put
 * (If-None-Match: *, If-Match: ETag).
 * Without `name` every request reaches `objects`, whatever its Bucket. With it, requests for `name`
 * reach `objects`, requests for a bucket added with `other` reach that bucket's map, and any other
 * bucket does not exist.
 */
export function mockBucket(name?: string) {
  const objects = new Map<string, Uint8Array>();
  const others = new Map<string, Map<string, Uint8Array>>();
  const s3 = mockClient(S3Client);
  const storeOf = (bucket: string | undefined) => {
    const other = bucket === undefined ? undefined : others.get(bucket);
    if (other) return other;
    if (name === undefined || bucket === name) return objects;
    throw new NoSuchBucket({
      message: 'The specified bucket does not exist',
      $metadata: { httpStatusCode: 404 },
    });
  };
  const wire = () => {
    s3.reset();
    s3.on(ListObjectsV2Command).callsFake((input: { Bucket?: string; Prefix?: string }) => {
      const store = storeOf(input.Bucket);
      return {
        IsTruncated: false,
        Contents: [...store.keys()]
          .filter((k) => k.startsWith(input.Prefix ?? ''))
          .sort()
          .map((Key) => ({ Key, Size: store.get(Key)?.length ?? 0 })),
      };
    });
    s3.on(GetObjectCommand).callsFake((input: { Bucket?: string; Key: string }) => {
      const bytes = storeOf(input.Bucket).get(input.Key);
      if (!bytes)
        throw new NoSuchKey({
          message: 'The specified key does not exist.',
          $metadata: { httpStatusCode: 404 },
        });
      return {
        ETag: etagOf(bytes),
        Body: {
          transformToByteArray: async () => bytes,
          transformToString: async () => new TextDecoder().decode(bytes),
          transformToWebStream: () => new Blob([bytes]).stream(),
        },
      };
    });
    s3.on(PutObjectCommand).callsFake(
      (input: {
        Bucket?: string;
        Key: string;
        Body: string | Uint8Array;
        IfNoneMatch?: string;
        IfMatch?: string;
      }) => {
        const store = storeOf(input.Bucket);
        const current = store.get(input.Key);
        if (
          (input.IfNoneMatch === '*' && current) ||
          (input.IfMatch !== undefined && (!current || etagOf(current) !== input.IfMatch))
        ) {
          throw new S3ServiceException({
            name: 'PreconditionFailed',
            $fault: 'client',
            message: 'At least one of the pre-conditions you specified did not hold',
            $metadata: { httpStatusCode: 412 },
          });
        }
        store.set(
          input.Key,
          typeof input.Body === 'string' ? new TextEncoder().encode(input.Body) : input.Body,
        );
        return {};
      },
    );
  };
  wire();
  return {
    objects,
    /** The mocked client, for its recorded calls. */
    s3,
    wire,
    /** Another bucket, `bucket`, in memory (its objects); requests for it reach this map. */
    other: (bucket: string) => {
      const store = others.get(bucket) ?? new Map<string, Uint8Array>();
      others.set(bucket, store);
      return store;
    },
    put: (key: string, text: string) => objects.set(key, new TextEncoder().encode(text)),
    text: (key: string) => new TextDecoder().decode(objects.get(key)),
    json: <T>(key: string): T => JSON.parse(new TextDecoder().decode(objects.get(key))) as T,
    keys: (prefix: string) => [...objects.keys()].filter((k) => k.startsWith(prefix)).sort(),
  };
}

function etagOf(bytes: Uint8Array): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}
