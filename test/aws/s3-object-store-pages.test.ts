import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  S3Client,
} from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@vigil/aws';
import { ObjectNotFoundError } from '@vigil/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

const s3 = mockClient(S3Client);

describe('S3ObjectStore with a mocked client', () => {
  beforeEach(() => s3.reset());

  it('follows ListObjectsV2 continuation tokens until the listing is complete', async () => {
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined }).resolves({
      IsTruncated: true,
      NextContinuationToken: 'page-2',
      Contents: [
        { Key: 'p/1', Size: 1 },
        { Key: 'p/2', Size: 2 },
      ],
    });
    s3.on(ListObjectsV2Command, { ContinuationToken: 'page-2' }).resolves({
      IsTruncated: false,
      Contents: [{ Key: 'p/3', Size: 3, LastModified: new Date('2024-05-01T13:00:00Z') }],
    });
    const store = new S3ObjectStore({ bucket: 'bkt', client: new S3Client({}) });
    const listed = [];
    for await (const info of store.list('p/')) listed.push(info);
    expect(listed.map((i) => [i.key, i.size])).toEqual([
      ['p/1', 1],
      ['p/2', 2],
      ['p/3', 3],
    ]);
    expect(s3.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'bkt', Prefix: 'p/' },
      { Bucket: 'bkt', Prefix: 'p/', ContinuationToken: 'page-2' },
    ]);
  });

  it('maps NoSuchKey to ObjectNotFoundError but leaves NoSuchBucket as it is', async () => {
    const store = new S3ObjectStore({ bucket: 'bkt', client: new S3Client({}) });
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'no key', $metadata: { httpStatusCode: 404 } }));
    await expect(store.get('k')).rejects.toBeInstanceOf(ObjectNotFoundError);
    s3.on(GetObjectCommand).rejects(
      new NoSuchBucket({ message: 'no bucket', $metadata: { httpStatusCode: 404 } }),
    );
    await expect(store.get('k')).rejects.toBeInstanceOf(NoSuchBucket);
  });
});
