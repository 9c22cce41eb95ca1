import type { MonitoringExecutionDetail } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import { writeDemoReport } from '../../packages/cli/src/demo/demo-report.ts';
import { MemoryStore } from '../support/memory-store.ts';

const IMG = '<img src=x onerror=alert(1)>';

describe('the demo report', () => {
  it('shows hostile run details, decisions and versions as text', async () => {
    const store = new MemoryStore();
    const run = {
      endpointName: 'seattle-rain',
      monitoringType: `DataQuality${IMG}`,
      status: 'Failed',
      scheduledTime: '2024-05-01T13:00:00.000Z',
      windowStart: '2024-05-01T12:00:00.000Z',
      windowEnd: '2024-05-01T13:00:00.000Z',
      violationCount: 0,
      violations: [],
      metrics: {},
      skipped: [],
      recordCount: 10,
      failureReason: `<script>alert(1)</script>`,
    } as unknown as MonitoringExecutionDetail;
    await writeDemoReport(
      store,
      {
        home: '/tmp/x',
        decisions: [{ version: `v1${IMG}`, note: '<b>note</b>', decision: '<script>x</script>' }],
        runs: [run],
        estimates: [],
        auditRecords: 1,
        auditOk: true,
        endpointConfig: `cfg${IMG}`,
        outbox: 0,
        reportPath: '/tmp/x/report.html',
      },
      { start: new Date('2024-05-01T12:00:00Z'), end: new Date('2024-05-01T13:00:00Z') },
    );
    const html = new TextDecoder().decode(await store.get('report.html'));
    expect(html).not.toMatch(/<script|<img|<b>note/);
    expect(html).toContain('v1&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('DataQuality&lt;img src=x onerror=alert(1)&gt;');
  });
});
