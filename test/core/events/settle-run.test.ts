import {
  fixedClock,
  type MetricDatum,
  type MonitoringExecutionDetail,
  RUN_CLAIM_LEASE_MS,
  RunInProgressError,
  readRunRecord,
  runRecordKey,
  settleRun,
  silentLog,
  type VigilEvent,
} from '@vigil/core';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const detail = (): MonitoringExecutionDetail => ({
  endpointName: 'ep',
  monitoringScheduleName: 'ep-model-quality',
  monitoringType: 'ModelQuality',
  status: 'Completed',
  scheduledTime: '2024-05-01T13:00:00.000Z',
  windowStart: '2024-05-01T12:00:00.000Z',
  windowEnd: '2024-05-01T13:00:00.000Z',
  reportUri: 'mem://r/reports/ep/model-quality/2024/05/01/13/',
  violationCount: 0,
  violations: [],
  metrics: {},
  skipped: [],
  recordCount: 10,
});
const metric: MetricDatum = {
  namespace: 'aws/sagemaker/Endpoints/model-metrics',
  name: 'mae',
  dimensions: { Endpoint: 'ep' },
  value: 0.5,
  timestamp: new Date('2024-05-01T13:00:00Z'),
};

class FlakyStore extends MemoryStore {
  failPutsOf: RegExp | undefined;
  override async put(key: string, body: string | Uint8Array): Promise<void> {
    if (this.failPutsOf?.test(key))
      throw Object.assign(new Error('We encountered an internal error'), { name: 'InternalError' });
    return super.put(key, body);
  }
}

describe('settleRun', () => {
  const setup = () => {
    const store = new FlakyStore('mem://r');
    const events: VigilEvent[] = [];
    const metrics: MetricDatum[] = [];
    const ports = {
      metrics: { publish: async (m: readonly MetricDatum[]) => void metrics.push(...m) },
      events: { publish: async (e: readonly VigilEvent[]) => void events.push(...e) },
      clock: fixedClock(new Date('2024-05-01T13:07:00Z')),
      log: silentLog,
    };
    const settle = () =>
      settleRun(
        ports,
        { store, folder: 'reports/ep/model-quality/2024/05/01/13/' },
        { detail: detail(), files: [{ name: 'statistics.json', body: '{}' }], metrics: [metric] },
        'Model quality monitor',
        { store },
      );
    return { store, events, metrics, settle };
  };

  it('keys the record by endpoint, monitor and window', () => {
    expect(runRecordKey(detail())).toBe(
      'runs/ep/ModelQuality/20240501T120000.000Z_20240501T130000.000Z.json',
    );
    expect(runRecordKey(detail(), 'vigil')).toBe(
      'vigil/runs/ep/ModelQuality/20240501T120000.000Z_20240501T130000.000Z.json',
    );
  });

  it('commits the report with the record last and publishes once per window', async () => {
    const { store, events, metrics, settle } = setup();
    const first = await settle();
    expect(first).toMatchObject({ duplicate: false, metricsPublished: 1 });
    expect(await readRunRecord({ store }, detail())).toMatchObject({
      status: 'Completed',
      files: ['statistics.json'],
      metricsPublished: true,
      eventPublished: true,
    });
    const second = await settle();
    expect(second).toMatchObject({ duplicate: true, metricsPublished: 0, written: [] });
    expect(metrics).toHaveLength(1);
    expect(events).toHaveLength(1);
  });

  it('leaves a report whose write failed marked Failed, not complete, and announces it', async () => {
    const { store, events, metrics, settle } = setup();
    store.failPutsOf = /statistics\.json$/;
    const failed = await settle();
    expect(failed.detail.status).toBe('Failed');
    expect(failed.detail.failureReason).toMatch(/^The report could not be written to mem:\/\/r\/reports\/ep/);
    expect((await readRunRecord({ store }, detail()))?.status).toBe('Failed');
    expect(metrics).toHaveLength(0);
    expect(events.map((e) => (e.detail as unknown as MonitoringExecutionDetail).status)).toEqual(['Failed']);
  });

  it('treats an unreadable record as none, so the run is done again', async () => {
    const { store, settle } = setup();
    await store.put(runRecordKey(detail()), '{ truncated');
    expect(await readRunRecord({ store }, detail())).toBeUndefined();
    expect((await settle()).duplicate).toBe(false);
  });

  it('lets exactly one of concurrent attempts publish a window; the others retry or find it settled', async () => {
    const { store, events, metrics, settle } = setup();
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => settle()));
    const published = outcomes.filter((o) => o.status === 'fulfilled' && !o.value.duplicate);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(published).toHaveLength(1);
    for (const o of refused) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(RunInProgressError);
    expect(metrics).toHaveLength(1);
    expect(events).toHaveLength(1);
    // The refused attempts retry later and find the window settled.
    expect(await settle()).toMatchObject({ duplicate: true });
    expect(events).toHaveLength(1);
    expect((await readRunRecord({ store }, detail()))?.status).toBe('Completed');
  });

  it('refuses a window another attempt has freshly claimed, and takes over a claim older than the lease', async () => {
    const { store, events, settle } = setup();
    const claimed = (at: Date) =>
      JSON.stringify({
        version: 1,
        status: 'InProgress',
        endpointName: 'ep',
        monitoringType: 'ModelQuality',
        windowStart: detail().windowStart,
        windowEnd: detail().windowEnd,
        files: [],
        metricsPublished: false,
        eventPublished: false,
        claimedAt: at.toISOString(),
        detail: detail(),
      });
    const now = new Date('2024-05-01T13:07:00Z').getTime();
    await store.put(runRecordKey(detail()), claimed(new Date(now - 60_000)));
    await expect(settle()).rejects.toBeInstanceOf(RunInProgressError);
    expect(events).toHaveLength(0);
    // The attempt that claimed it died: after the lease, a retry settles the window.
    await store.put(runRecordKey(detail()), claimed(new Date(now - RUN_CLAIM_LEASE_MS - 1)));
    expect(await settle()).toMatchObject({ duplicate: false, metricsPublished: 1 });
    expect(events).toHaveLength(1);
  });
});
