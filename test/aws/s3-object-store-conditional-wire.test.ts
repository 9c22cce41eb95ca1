import { S3ObjectStore } from '@vigil/aws';
import { PreconditionFailedError } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incrementCounter } from '../support/cas-counter.ts';
import { type S3rverBucket, startS3rverBucket } from '../support/s3rver-store.ts';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('S3ObjectStore conditional writes on the wire (s3rver behind the conditional proxy)', () => {
  let s3: S3rverBucket;
  beforeAll(async () => {
    s3 = await startS3rverBucket('vigil-cond');
  });
  afterAll(async () => {
    await s3.stop();
  });

  it('s3rver alone ignores If-None-Match on PUT, which is why the proxy exists', async () => {
    const direct = new S3ObjectStore({ bucket: s3.bucket, client: s3.directClient });
    expect(await direct.putIfAbsent('direct/a.json', 'first')).toBe(true);
    expect(await direct.putIfAbsent('direct/a.json', 'second')).toBe(true);
    expect(decode(await direct.get('direct/a.json'))).toBe('second');
  });

  it('creates once with If-None-Match: *, and swaps only on the current ETag', async () => {
    expect(await s3.store.putIfAbsent('cond/a.json', 'first')).toBe(true);
    expect(await s3.store.putIfAbsent('cond/a.json', 'second')).toBe(false);
    const { body, etag } = await s3.store.getVersioned('cond/a.json');
    expect(decode(body)).toBe('first');
    // s3rver's ETag is the content's MD5, as S3's for a single PUT: md5("first").
    expect(etag).toBe('"8b04d5e3775d298e78455efc5ca404d5"');
    await s3.store.putIfMatch('cond/a.json', 'third', etag);
    await expect(s3.store.putIfMatch('cond/a.json', 'fourth', etag)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(decode(await s3.store.get('cond/a.json'))).toBe('third');
    await expect(s3.store.putIfMatch('cond/absent.json', 'x', etag)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
  });

  it('loses no increment among 12 concurrent read-swap loops', async () => {
    await s3.store.put('cond/counter.json', JSON.stringify({ count: 0 }));
    await Promise.all(Array.from({ length: 12 }, () => incrementCounter(s3.store, 'cond/counter.json')));
    expect(JSON.parse(decode(await s3.store.get('cond/counter.json')))).toEqual({ count: 12 });
    expect(s3.proxy.refused).toBeGreaterThan(0);
  });
});
