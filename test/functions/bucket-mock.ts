import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

/** A bucket in memory behind a mocked S3 client: list, get, put and conditional put (If-None-Match: *). */
export function mockBucket() {
  const objects = new Map<string, Uint8Array>();
  const s3 = mockClient(S3Client);
  const wire = () => {
    s3.reset();
    s3.on(ListObjectsV2Command).callsFake((input: { Prefix?: string }) => ({
      IsTruncated: false,
      Contents: [...objects.keys()]
        .filter((k) => k.startsWith(input.Prefix ?? ''))
        .sort()
        .map((Key) => ({ Key, Size: objects.get(Key)?.length ?? 0 })),
    }));
    s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
      const bytes = objects.get(input.Key);
      if (!bytes)
        throw new NoSuchKey({
          message: 'The specified key does not exist.',
          $metadata: { httpStatusCode: 404 },
        });
      return {
        Body: {
          transformToByteArray: async () => bytes,
          transformToString: async () => new TextDecoder().decode(bytes),
          transformToWebStream: () => new Blob([bytes]).stream(),
        },
      };
    });
    s3.on(PutObjectCommand).callsFake(
      (input: { Key: string; Body: string | Uint8Array; IfNoneMatch?: string }) => {
        if (input.IfNoneMatch === '*' && objects.has(input.Key)) {
          throw new S3ServiceException({
            name: 'PreconditionFailed',
            $fault: 'client',
            message: 'At least one of the pre-conditions you specified did not hold',
            $metadata: { httpStatusCode: 412 },
          });
        }
        objects.set(
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
    wire,
    put: (key: string, text: string) => objects.set(key, new TextEncoder().encode(text)),
    json: <T>(key: string): T => JSON.parse(new TextDecoder().decode(objects.get(key))) as T,
    keys: (prefix: string) => [...objects.keys()].filter((k) => k.startsWith(prefix)).sort(),
  };
}
