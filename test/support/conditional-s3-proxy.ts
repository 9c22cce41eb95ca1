import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * TEST SUPPORT ONLY. s3rver 3.7.1 ignores `If-None-Match` and `If-Match` on PutObject (real S3 has
 * honoured them since 2024), so conditional writes cannot be tested against it as it is. This proxy
 * sits in front of s3rver and adds exactly that: a PUT carrying either header is checked against
 * the object's current ETag (a HEAD to s3rver) and forwarded or answered 412 PreconditionFailed with
 * S3's error body. Requests on one key are served one at a time, so check and write are atomic and
 * a GET never sees a half-written file (s3rver writes in place; S3 shows a PUT all at once).
 * Requests pass through otherwise untouched (same path, headers and body, so SigV4 signatures
 * still verify).
 */
export interface ConditionalS3Proxy {
  endpoint: string;
  /** Conditional PUTs refused with 412 so far. */
  refused: number;
  close(): Promise<void>;
}

/**
 * Starts the proxy in front of the s3rver listening at `target` (`http://127.0.0.1:port`).
 *
 * @example
 * ```ts
 * const { port } = await s3rver.run();
 * const proxy = await startConditionalS3Proxy(`http://127.0.0.1:${port}`);
 * const store = new S3ObjectStore({ bucket, client: new S3Client({ endpoint: proxy.endpoint, forcePathStyle: true }) });
 * ```
 */
export async function startConditionalS3Proxy(target: string): Promise<ConditionalS3Proxy> {
  const upstream = new URL(target);
  const queues = new Map<string, Promise<void>>();
  const state: ConditionalS3Proxy = {
    endpoint: '',
    refused: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const forward = (method: string, path: string, headers: IncomingHttpHeaders, body?: Buffer) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = request({ host: upstream.hostname, port: upstream.port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const ifNoneMatch = req.headers['if-none-match'];
      const ifMatch = req.headers['if-match'];
      try {
        const objectPath = path.split('?')[0] ?? path;
        // `/bucket` or `/bucket/`: a listing, which touches no single object.
        if (!/^\/[^/]+\/.+/.test(objectPath)) {
          const answer = await forward(req.method ?? 'GET', path, req.headers, body);
          res.writeHead(answer.status, answer.headers).end(answer.body);
          return;
        }
        const previous = queues.get(objectPath) ?? Promise.resolve();
        let release!: () => void;
        const mine = new Promise<void>((resolve) => {
          release = resolve;
        });
        const chained = previous.then(() => mine);
        queues.set(objectPath, chained);
        await previous;
        try {
          if (req.method !== 'PUT' || (ifNoneMatch === undefined && ifMatch === undefined)) {
            const answer = await forward(req.method ?? 'GET', path, req.headers, body);
            res.writeHead(answer.status, answer.headers).end(answer.body);
            return;
          }
          const head = await forward('HEAD', objectPath, { host: req.headers.host ?? upstream.host });
          const etag = head.status === 200 ? String(head.headers.etag ?? '') : undefined;
          const holds =
            (ifNoneMatch === undefined || (ifNoneMatch === '*' && etag === undefined)) &&
            (ifMatch === undefined || (etag !== undefined && etag === ifMatch));
          if (!holds) {
            state.refused += 1;
            res
              .writeHead(412, { 'Content-Type': 'application/xml' })
              .end(
                '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code>' +
                  '<Message>At least one of the pre-conditions you specified did not hold</Message>' +
                  `<Condition>${ifMatch !== undefined ? 'If-Match' : 'If-None-Match'}</Condition></Error>`,
              );
            return;
          }
          const answer = await forward('PUT', path, req.headers, body);
          res.writeHead(answer.status, answer.headers).end(answer.body);
        } finally {
          release();
          if (queues.get(objectPath) === chained) queues.delete(objectPath);
        }
      } catch (error) {
        res.writeHead(502).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
