import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@vigil/aws';
import { PreconditionFailedError } from '@vigil/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

const s3 = mockClient(S3Client);

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: 'client',
    message: 'At least one of the pre-conditions you specified did not hold',
    $metadata: { httpStatusCode: status },
  });
}

describe('S3ObjectStore conditional writes with a mocked client', () => {
  beforeEach(() => s3.reset());

  it('reads the ETag with the body', async () => {
    const bytes = new TextEncoder().encode('{"status":"open"}');
    s3.on(GetObjectCommand, { Bucket: 'b', Key: 'alerting/incidents/ep.json' }).resolves({
      ETag: '"9a0364b9e99bb480dd25e1f0284c8555"',
      Body: { transformToByteArray: async () => bytes } as never,
    });
    const store = new S3ObjectStore({ bucket: 'b', client: new S3Client({}) });
    const read = await store.getVersioned('alerting/incidents/ep.json');
    expect(read.etag).toBe('"9a0364b9e99bb480dd25e1f0284c8555"');
    expect(new TextDecoder().decode(read.body)).toBe('{"status":"open"}');
  });

  it('sends If-Match with the ETag read and succeeds on 200', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"new"' });
    const store = new S3ObjectStore({ bucket: 'b', client: new S3Client({}) });
    await store.putIfMatch('k.json', 'body', '"old"', 'application/json');
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'b', Key: 'k.json', Body: 'body', ContentType: 'application/json', IfMatch: '"old"' },
    ]);
  });

  it.each([
    ['PreconditionFailed', 412],
    ['ConditionalRequestConflict', 409],
    ['NoSuchKey', 404],
  ])('turns %s (%i) into PreconditionFailedError, once, without retrying', async (name, status) => {
    s3.on(PutObjectCommand).rejects(s3Error(name, status));
    const store = new S3ObjectStore({ bucket: 'b', client: new S3Client({}) });
    const error = await store.putIfMatch('k.json', 'body', '"old"').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((error as PreconditionFailedError).key).toBe('k.json');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(1);
  });

  it('lets other failures through as they are', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));
    const store = new S3ObjectStore({ bucket: 'b', client: new S3Client({}) });
    await expect(store.putIfMatch('k.json', 'body', '"old"')).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('sends If-None-Match: * for a create-only write and answers false on 412', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    const store = new S3ObjectStore({ bucket: 'b', client: new S3Client({}) });
    expect(await store.putIfAbsent('audit/000000000001.json', 'x')).toBe(false);
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      IfNoneMatch: '*',
      Key: 'audit/000000000001.json',
    });
  });
});
