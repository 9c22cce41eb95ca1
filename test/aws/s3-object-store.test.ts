import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@vigil/aws';
import { ObjectNotFoundError } from '@vigil/core';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function clientFor(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

describe('S3ObjectStore against s3rver', () => {
  let directory: string;
  let server: S3rver;
  let store: S3ObjectStore;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'vigil-s3rver-'));
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory,
      configureBuckets: [{ name: 'vigil-test', configs: [] }],
    });
    const { port } = await server.run();
    store = new S3ObjectStore({ bucket: 'vigil-test', client: clientFor(`http://127.0.0.1:${port}`) });
  });
  afterAll(async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('puts and gets an object, string or bytes', async () => {
    await store.put('config/vigil.config.json', '{"version":1}', 'application/json');
    expect(decode(await store.get('config/vigil.config.json'))).toBe('{"version":1}');
    await store.put('bin/x', new Uint8Array([0, 1, 2, 255]));
    expect([...(await store.get('bin/x'))]).toEqual([0, 1, 2, 255]);
    expect(store.location).toBe('s3://vigil-test');
  });

  it('lists by prefix in key order, with sizes', async () => {
    // s3rver cannot paginate on OpenSSL 3 (its continuation token uses DES), so pagination is
    // checked with a mocked client in s3-object-store-pages.test.ts; this checks the wire.
    const written = ['list/b/2.json', 'list/a.json', 'list/b/1.json', 'list-other/x.json', 'list/a-b.json'];
    for (const key of written) await store.put(key, key);
    const listed: { key: string; size: number }[] = [];
    for await (const info of store.list('list/')) listed.push({ key: info.key, size: info.size });
    expect(listed).toEqual(
      ['list/a-b.json', 'list/a.json', 'list/b/1.json', 'list/b/2.json'].map((key) => ({
        key,
        size: key.length,
      })),
    );
  });

  it('streams a multi-megabyte object in several chunks', async () => {
    const size = 6 * 1024 * 1024 + 3;
    const body = new Uint8Array(size);
    for (let i = 0; i < size; i++) body[i] = (i * 13 + 5) & 0xff;
    await store.put('big/capture.jsonl', body);
    const copy = new Uint8Array(size);
    let total = 0;
    let chunks = 0;
    for await (const chunk of store.stream('big/capture.jsonl')) {
      copy.set(chunk, total);
      total += chunk.byteLength;
      chunks += 1;
    }
    expect(total).toBe(size);
    expect(chunks).toBeGreaterThan(1);
    expect(copy.findIndex((byte, i) => byte !== body[i])).toBe(-1);
  });

  it('streams an object from a byte offset (a ranged GET), as a partition reads it', async () => {
    const body = new TextEncoder().encode('0123456789abcdef');
    await store.put('range/capture.jsonl', body);
    for (const start of [0, 1, 9, 15]) {
      let text = '';
      for await (const chunk of store.stream('range/capture.jsonl', start))
        text += new TextDecoder().decode(chunk);
      expect(text).toBe('0123456789abcdef'.slice(start));
    }
  });

  it('throws ObjectNotFoundError for a missing key from get and stream', async () => {
    await expect(store.get('absent.json')).rejects.toBeInstanceOf(ObjectNotFoundError);
    const read = async () => {
      for await (const _ of store.stream('absent.json')) {
        // consume
      }
    };
    await expect(read()).rejects.toMatchObject({ key: 'absent.json' });
  });

  it('writes a new object with putIfAbsent', async () => {
    // s3rver ignores If-None-Match on PUT, so only the "absent" path can be checked here;
    // the 412 answer of real S3 is served by the wire test below.
    expect(await store.putIfAbsent('audit/000001.json', 'first', 'application/json')).toBe(true);
    expect(decode(await store.get('audit/000001.json'))).toBe('first');
  });
});

describe('S3ObjectStore.putIfAbsent on the wire', () => {
  let server: Server;
  let endpoint: string;
  const seen: { method?: string; ifNoneMatch?: string | string[] }[] = [];
  let answer: { status: number; code: string } = { status: 412, code: 'PreconditionFailed' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ method: req.method, ifNoneMatch: req.headers['if-none-match'] });
      req.resume();
      req.on('end', () => {
        const current = answer;
        if (current.status === 200) {
          res.writeHead(200, { ETag: '"abc"' }).end();
          return;
        }
        // The error body real S3 sends for a failed conditional write.
        res
          .writeHead(current.status, { 'Content-Type': 'application/xml' })
          .end(
            `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${current.code}</Code>` +
              '<Message>At least one of the pre-conditions you specified did not hold</Message>' +
              '<Condition>If-None-Match</Condition><RequestId>R</RequestId><HostId>H</HostId></Error>',
          );
        if (current.code === 'ConditionalRequestConflict') answer = { status: 200, code: '' };
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends If-None-Match: * and answers false on 412 PreconditionFailed', async () => {
    const client = clientFor(endpoint);
    const store = new S3ObjectStore({ bucket: 'b', client });
    answer = { status: 412, code: 'PreconditionFailed' };
    seen.length = 0;
    expect(await store.putIfAbsent('audit/000001.json', 'again')).toBe(false);
    expect(seen[0]).toEqual({ method: 'PUT', ifNoneMatch: '*' });
    client.destroy();
  });

  it('retries a 409 ConditionalRequestConflict and then succeeds', async () => {
    const client = clientFor(endpoint);
    const store = new S3ObjectStore({ bucket: 'b', client });
    answer = { status: 409, code: 'ConditionalRequestConflict' };
    seen.length = 0;
    expect(await store.putIfAbsent('audit/000002.json', 'x')).toBe(true);
    expect(seen.filter((s) => s.method === 'PUT').length).toBeGreaterThanOrEqual(2);
    client.destroy();
  });
});
