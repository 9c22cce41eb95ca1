import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { resolve } from 'node:path';
import type { DashboardResponse } from '@vigil/core/dashboard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardServer, startDashboardServer } from '../../packages/cli/src/ui/index.ts';

let server: DashboardServer;
const asked: string[] = [];

beforeAll(async () => {
  server = await startDashboardServer(async (path): Promise<DashboardResponse> => {
    asked.push(path);
    return { status: 200, contentType: 'application/json', body: '{"ok":true}' };
  }, 0);
});
afterAll(() => server.close());

/** A raw HTTP request, so the Host header can be set as a rebinding page would. */
function call(method: string, path: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method, path, headers: host ? { host } : {} },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

describe('the dashboard server', () => {
  it('listens on 127.0.0.1 only and serves the app, uPlot from node_modules and the API', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect((await call('GET', '/')).body).toContain('<script src="vendor/uPlot.iife.js"></script>');
    const uplot = await readFile(resolve('node_modules/uplot/dist/uPlot.iife.js'), 'utf8');
    expect((await call('GET', '/vendor/uPlot.iife.js')).body).toBe(uplot);
    expect(await call('GET', '/api/overview')).toEqual({ status: 200, body: '{"ok":true}' });
    expect(asked).toEqual(['/api/overview']);
    expect((await call('GET', '/elsewhere')).status).toBe(404);
  });

  it('is read-only, and answers no request addressed to another host name (DNS rebinding)', async () => {
    expect((await call('POST', '/api/overview')).status).toBe(405);
    expect((await call('GET', '/api/overview', 'evil.example:80')).status).toBe(403);
    expect((await call('GET', '/api/overview', `localhost:${server.port}`)).status).toBe(200);
    expect(asked).toEqual(['/api/overview', '/api/overview']);
  });
});
