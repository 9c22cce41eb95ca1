import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@vigil/aws';
import S3rver from 's3rver';

/** A fault the proxy injects: requests of `method` whose key matches `key` get `status`, `times` times. */
export interface S3Fault {
  method: 'GET' | 'PUT' | 'HEAD';
  key: RegExp;
  status: 500 | 503;
  times: number;
}

/** A real S3-protocol server (s3rver) behind a proxy that answers chosen requests with 500 or 503. */
export interface FaultyS3 {
  store: S3ObjectStore;
  /** Faults still to inject; push to add, the proxy decrements `times`. */
  faults: S3Fault[];
  /** Every request the proxy saw: method, key and the status it answered. */
  requests: { method: string; key: string; status: number }[];
  close(): Promise<void>;
}

const BUCKET = 'vigil-faults';

/**
 * Starts s3rver with one bucket and the fault-injecting proxy in front of it; the store's client
 * goes through the proxy with the SDK's own retries (2 attempts), so a fault with `times` ≥ the
 * attempts of the SDK and of the store outlasts every retry.
 */
export async function startFaultyS3(): Promise<FaultyS3> {
  const directory = await mkdtemp(join(tmpdir(), 'vigil-faulty-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port: upstream } = await server.run();
  const faults: S3Fault[] = [];
  const requests: FaultyS3['requests'] = [];
  const proxy: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const key = decodeURIComponent(url.pathname.replace(`/${BUCKET}/`, '').replace(`/${BUCKET}`, ''));
    const fault = faults.find((f) => f.times > 0 && f.method === req.method && f.key.test(key));
    if (fault) {
      fault.times--;
      requests.push({ method: req.method ?? '', key, status: fault.status });
      req.resume();
      req.on('end', () => {
        const code = fault.status === 503 ? 'SlowDown' : 'InternalError';
        res.writeHead(fault.status, { 'content-type': 'application/xml' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected fault</Message></Error>`,
        );
      });
      return;
    }
    const forward = request(
      // A fresh connection per request: a pooled one the server closed when idle would fail on reuse,
      // a fault nobody injected.
      {
        host: '127.0.0.1',
        port: upstream,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent: false,
      },
      (answer) => {
        requests.push({ method: req.method ?? '', key, status: answer.statusCode ?? 0 });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  // Keep the client's idle connections open longer than any pause of a loaded machine, for the same reason.
  proxy.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
  });
  return {
    store: new S3ObjectStore({ bucket: BUCKET, client }),
    faults,
    requests,
    async close() {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
