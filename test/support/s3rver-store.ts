import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@vigil/aws';
import S3rver from 's3rver';
import { type ConditionalS3Proxy, startConditionalS3Proxy } from './conditional-s3-proxy.ts';

/** An s3rver bucket, reached directly and through the conditional-write proxy. */
export interface S3rverBucket {
  bucket: string;
  /** s3rver itself: ignores If-None-Match / If-Match on PUT. */
  directClient: S3Client;
  /** Through the proxy: conditional PUTs behave as in S3. */
  client: S3Client;
  store: S3ObjectStore;
  proxy: ConditionalS3Proxy;
  stop(): Promise<void>;
}

/** An S3 client for s3rver's fixed credentials, path-style, without checksum trailers s3rver cannot parse. */
export function s3rverClient(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Starts s3rver on a temporary folder with one bucket, and the conditional-write proxy in front of it.
 *
 * @example
 * ```ts
 * const s3 = await startS3rverBucket('vigil-test');
 * await s3.store.putIfAbsent('audit/000000000001.json', '{}');
 * await s3.stop();
 * ```
 */
export async function startS3rverBucket(bucket: string): Promise<S3rverBucket> {
  const directory = await mkdtemp(join(tmpdir(), 'vigil-s3rver-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: process.env.VIGIL_S3RVER_LOG === undefined,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const proxy = await startConditionalS3Proxy(`http://127.0.0.1:${port}`);
  const client = s3rverClient(proxy.endpoint);
  const directClient = s3rverClient(`http://127.0.0.1:${port}`);
  return {
    bucket,
    client,
    directClient,
    proxy,
    store: new S3ObjectStore({ bucket, client }),
    async stop() {
      client.destroy();
      directClient.destroy();
      await proxy.close();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
