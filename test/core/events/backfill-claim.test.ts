import { RunInProgressError } from '@vigil/core';
import { claimRun, type RunRecord, runRecordKey } from '@vigil/core/events';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const now = new Date('2024-05-01T14:00:00Z');
const record = (status: RunRecord['status'], claimedAt: string): RunRecord => ({
  version: 1,
  status,
  endpointName: 'ep',
  monitoringType: 'DataQuality',
  windowStart: '2024-05-01T12:00:00.000Z',
  windowEnd: '2024-05-01T13:00:00.000Z',
  files: [],
  metricsPublished: true,
  eventPublished: true,
  claimedAt,
  detail: {} as RunRecord['detail'],
});

describe('a backfill claims windows the live path settled', () => {
  it('replaces a settled record by compare-and-swap, where a scheduled run sees a duplicate', async () => {
    const store = new MemoryStore();
    const settled = record('Completed', '2024-05-01T13:01:00Z');
    const key = runRecordKey(settled);
    await store.put(key, JSON.stringify(settled));
    expect(await claimRun({ store }, record('InProgress', now.toISOString()), now)).toEqual({ settled });
    const claim = record('InProgress', now.toISOString());
    expect(await claimRun({ store, replaceSettled: true }, claim, now)).toEqual({ prior: settled });
    expect(JSON.parse(new TextDecoder().decode(await store.get(key)))).toEqual(claim);
  });

  it('never takes a window a live attempt is settling right now', async () => {
    const store = new MemoryStore();
    const live = record('InProgress', '2024-05-01T13:58:00Z');
    await store.put(runRecordKey(live), JSON.stringify(live));
    await expect(
      claimRun({ store, replaceSettled: true }, record('InProgress', now.toISOString()), now),
    ).rejects.toBeInstanceOf(RunInProgressError);
  });
});
