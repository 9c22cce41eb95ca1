import {
  fixedClock,
  type MetricDatum,
  type MonitoringExecutionDetail,
  silentLog,
  type VigilEvent,
} from '@vigil/core';
import { createDataQualityBaseline, publishDataQualityRun } from '@vigil/core/dataquality';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

describe('publishDataQualityRun', () => {
  it('ends Failed with its event when the check itself throws, writing and publishing nothing', async () => {
    const { profile } = await createDataQualityBaseline(once('a,b\n1,x\n2,y\n'), {
      format: 'csv',
      header: true,
    });
    const store = new MemoryStore('mem://reports');
    const metrics: MetricDatum[] = [];
    const events: VigilEvent[] = [];
    const summary = await publishDataQualityRun(
      {
        metrics: { publish: async (m) => void metrics.push(...m) },
        events: { publish: async (e) => void events.push(...e) },
        clock: fixedClock(new Date('2024-05-01T13:07:00Z')),
        log: silentLog,
      },
      {
        endpoint: 'ep',
        monitoringSchedule: 'ep-data-quality',
        namespace: 'aws/sagemaker/Endpoints/data-metrics',
        scheduledTime: new Date('2024-05-01T13:00:00Z'),
        window: { start: new Date('2024-05-01T12:00:00Z'), end: new Date('2024-05-01T13:00:00Z') },
        reports: { store, key: 'reports/ep/data-quality/2024/05/01/13' },
        publishMetrics: true,
      },
      // A baseline object no schema let through: its features are not a list.
      { profile, baseline: { constraints: { features: 5 } as never }, skipped: [] },
    );
    expect(summary.status).toBe('Failed');
    expect(summary.failureReason).toMatch(/could not be checked against the baseline/);
    expect(events.map((e) => (e.detail as unknown as MonitoringExecutionDetail).status)).toEqual(['Failed']);
    expect(metrics).toEqual([]);
    const written: string[] = [];
    for await (const info of store.list('reports/')) written.push(info.key);
    expect(written).toEqual([]);
  });
});
