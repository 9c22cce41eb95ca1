import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DashboardResponse } from '@vigil/core/dashboard';

/** The address the dashboard listens on: loopback only, never another interface. */
export const DASHBOARD_HOST = '127.0.0.1';

// The web app's files, beside src/ and dist/ alike (packages/cli/web/).
const WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
const require = createRequire(import.meta.url);
// uPlot is served from node_modules by this server: no CDN, the pinned version.
const UPLOT_DIST = dirname(require.resolve('uplot/dist/uPlot.iife.js'));

/** The static files of the web app, by URL path. */
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: join(WEB_ROOT, 'index.html'), type: 'text/html; charset=utf-8' },
  '/app.js': { file: join(WEB_ROOT, 'app.js'), type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: join(WEB_ROOT, 'app.css'), type: 'text/css; charset=utf-8' },
  '/vendor/uPlot.iife.js': {
    file: join(UPLOT_DIST, 'uPlot.iife.js'),
    type: 'text/javascript; charset=utf-8',
  },
  '/vendor/uPlot.min.css': { file: join(UPLOT_DIST, 'uPlot.min.css'), type: 'text/css; charset=utf-8' },
};

/**
 * Where the dashboard's API answers come from: `dashboardResponse` over a home folder, or the
 * deployed dashboard-api reached through a signed client.
 */
export type DashboardApi = (path: string) => Promise<DashboardResponse>;

/** A running dashboard. */
export interface DashboardServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the dashboard's web app on 127.0.0.1 (port 0: any free port), answering `/api/…` with
 * `api`. Only GET and HEAD are answered; the API never writes.
 *
 * @example
 * ```ts
 * const sources = await localDashboardSources('.vigil');
 * const server = await startDashboardServer((path) => dashboardResponse(sources, path), 8787);
 * console.log(server.url); // http://127.0.0.1:8787/
 * ```
 */
export async function startDashboardServer(api: DashboardApi, port = 0): Promise<DashboardServer> {
  let allowedHosts: string[] = [];
  const server: Server = createServer((request, response) => {
    // A page elsewhere may point a name of its own at 127.0.0.1 (DNS rebinding): answer only
    // requests addressed to the loopback address or localhost.
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      send(
        response,
        403,
        'application/json',
        JSON.stringify({ error: 'Open the dashboard at its 127.0.0.1 address' }),
      );
      return;
    }
    handle(api, request, response).catch((error: Error) => {
      if (!response.headersSent)
        send(response, 500, 'application/json', JSON.stringify({ error: error.message }));
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, DASHBOARD_HOST, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  allowedHosts = [`${DASHBOARD_HOST}:${bound}`, `localhost:${bound}`];
  return {
    url: `http://${DASHBOARD_HOST}:${bound}/`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(api: DashboardApi, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(
      response,
      405,
      'application/json',
      JSON.stringify({ error: 'The dashboard is read-only: GET only' }),
    );
    return;
  }
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const asset = STATIC_FILES[path];
  if (asset) {
    send(response, 200, asset.type, await readFile(asset.file));
    return;
  }
  if (path.startsWith('/api/')) {
    const answer = await api(path);
    send(response, answer.status, answer.contentType, answer.body);
    return;
  }
  send(response, 404, 'application/json', JSON.stringify({ error: `No page at ${path}` }));
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}
