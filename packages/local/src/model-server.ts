import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModelRecord } from '@vigil/core';
import { type ModelFormat, splitCsv, toModelValue } from '@vigil/core/explain';

export interface ModelServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Default 127.0.0.1: the model is not exposed beyond this machine. */
  host?: string;
}

/** A running model server; `url` is its base URL, `close()` stops it. */
export interface RunningModelServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves a model given as a function over HTTP with SageMaker's container contract: `GET /ping`
 * answers 200, `POST /invocations` takes CSV rows (`text/csv`) or JSON Lines
 * (`{"features":[...]}` per line) and answers one line per record, CSV scores or
 * `{"score": x}` (`{"scores": [...]}` for several outputs) per line for JSON Lines. The demo serves
 * its trained model with it.
 *
 * @example
 * ```ts
 * const server = await serveModel((x) => model.predict(x));
 * const invoker = httpModelInvoker({ url: server.url });
 * await server.close();
 * ```
 */
export async function serveModel(
  score: (record: ModelRecord) => number | readonly number[],
  options: ModelServerOptions = {},
): Promise<RunningModelServer> {
  const server = createServer((request, response) => {
    handle(score, request, response).catch((error: unknown) => {
      respond(response, 500, 'text/plain', `Model error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () => close(server),
  };
}

/** The model format the server speaks for a content type, for `httpModelInvoker`. */
export function modelServerFormat(contentType: 'text/csv' | 'application/jsonlines'): ModelFormat {
  return contentType === 'text/csv'
    ? { contentType, acceptType: contentType }
    : { contentType, acceptType: contentType, probability: 'score' };
}

async function handle(
  score: (record: ModelRecord) => number | readonly number[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method === 'GET' && path === '/ping') return respond(response, 200, 'text/plain', '');
  if (request.method !== 'POST' || path !== '/invocations') {
    return respond(response, 404, 'text/plain', 'Only GET /ping and POST /invocations are served');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const contentType = (request.headers['content-type'] ?? 'text/csv').split(';')[0]!.trim();
  const lines = body.split(/\r?\n/).filter((line) => line.trim().length > 0);
  if (contentType === 'text/csv') {
    const out = lines.map((line) => {
      const result = score(splitCsv(line).map((cell) => toModelValue(cell) ?? Number.NaN));
      return typeof result === 'number' ? String(result) : result.join(',');
    });
    return respond(response, 200, 'text/csv', out.join('\n'));
  }
  if (contentType === 'application/jsonlines' || contentType === 'application/x-jsonlines') {
    const out: string[] = [];
    for (const line of lines) {
      const parsed = JSON.parse(line) as { features?: unknown } | unknown[];
      const features = Array.isArray(parsed) ? parsed : (parsed as { features?: unknown }).features;
      if (!Array.isArray(features)) {
        return respond(response, 400, 'text/plain', 'Each JSON line must be {"features":[...]} or an array');
      }
      const result = score(features.map((v) => toModelValue(v) ?? Number.NaN));
      out.push(JSON.stringify(typeof result === 'number' ? { score: result } : { scores: result }));
    }
    return respond(response, 200, 'application/jsonlines', out.join('\n'));
  }
  return respond(
    response,
    415,
    'text/plain',
    `Unsupported content type ${contentType}: send text/csv or application/jsonlines`,
  );
}

function respond(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType });
  response.end(body);
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
