import { parseConfig } from '@vigil/core';
import { updateRunIndex } from '@vigil/core/dashboard';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createDashboardApiHandler } from '../../functions/src/dashboard-api.ts';
import { MemoryStore } from '../support/memory-store.ts';

function request(method: string, rawPath: string): LambdaFunctionURLEvent {
  return { rawPath, requestContext: { http: { method } } } as unknown as LambdaFunctionURLEvent;
}

async function api() {
  const store = new MemoryStore('s3://vigil-bucket');
  await updateRunIndex(
    { store },
    {
      endpointName: 'churn',
      monitoringScheduleName: 'churn-data-quality',
      monitoringType: 'DataQuality',
      status: 'Completed',
      scheduledTime: '2024-05-01T13:00:00.000Z',
      windowStart: '2024-05-01T12:00:00.000Z',
      windowEnd: '2024-05-01T13:00:00.000Z',
      reportUri: 's3://vigil-bucket/reports/churn/data-quality/2024/05/01/13/',
      violationCount: 0,
      violations: [],
      metrics: { feature_baseline_drift_age: 0.02 },
      skipped: [],
      recordCount: 10,
    },
  );
  await store.put('reports/churn/data-quality/2024/05/01/13/report.html', '<h1>run</h1>');
  const config = parseConfig({ version: 1, endpoints: [{ name: 'churn', monitors: {} }] });
  return createDashboardApiHandler(async () => ({ store, config }));
}

describe('dashboard-api (function URL)', () => {
  it('answers GET with the same JSON as `vigil ui`, and report files base64-encoded', async () => {
    const handler = await api();
    const overview = (await handler(request('GET', '/api/overview'))) as { statusCode: number; body: string };
    expect(overview.statusCode).toBe(200);
    expect(JSON.parse(overview.body).endpoints[0]).toMatchObject({
      name: 'churn',
      monitors: [{ monitoringType: 'DataQuality', runCount: 1 }],
    });
    const file = (await handler(
      request('GET', '/api/files/reports/churn/data-quality/2024/05/01/13/report.html'),
    )) as {
      statusCode: number;
      body: string;
      isBase64Encoded: boolean;
      headers: Record<string, string>;
    };
    expect([file.statusCode, file.isBase64Encoded, file.headers['content-type']]).toEqual([
      200,
      true,
      'text/html; charset=utf-8',
    ]);
    expect(Buffer.from(file.body, 'base64').toString()).toBe('<h1>run</h1>');
  });

  it('refuses anything but GET, and serves nothing outside the report files', async () => {
    const handler = await api();
    expect(((await handler(request('POST', '/api/overview'))) as { statusCode: number }).statusCode).toBe(
      405,
    );
    expect(
      ((await handler(request('DELETE', '/api/files/reports/x'))) as { statusCode: number }).statusCode,
    ).toBe(405);
    expect(
      (
        (await handler(request('GET', '/api/files/index/runs/churn/DataQuality.jsonl'))) as {
          statusCode: number;
        }
      ).statusCode,
    ).toBe(404);
  });
});
