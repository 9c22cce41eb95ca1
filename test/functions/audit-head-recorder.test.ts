import { EventShapeError, fixedClock, type VigilEvent } from '@vigil/core';
import { ObjectStoreAuditLog, readPublishedHeads, verifyAuditLog } from '@vigil/core/audit';
import { toBusEvent } from '@vigil/local';
import { describe, expect, it } from 'vitest';
import { createAuditHeadRecorderHandler } from '../../functions/src/audit-head-recorder.ts';
import { MemoryStore } from '../support/memory-store.ts';

const clock = fixedClock(new Date('2026-12-04T10:00:00Z'));

describe('audit-head-recorder', () => {
  it('keeps every published head in the heads bucket, once, and verify reads them back', async () => {
    const auditStore = new MemoryStore('s3://vigil-audit');
    const heads = new MemoryStore('s3://vigil-audit-heads');
    const published: VigilEvent[] = [];
    const audit = new ObjectStoreAuditLog(auditStore, {
      clock,
      events: { publish: async (events) => void published.push(...events) },
    });
    const record = createAuditHeadRecorderHandler(() => heads);
    for (let n = 1; n <= 3; n++) {
      await audit.append({
        kind: 'card.updated',
        actor: 'card-sync',
        subject: 'c',
        summary: `s${n}`,
        details: {},
      });
    }
    const envelopes = published.map(toBusEvent);
    const results = [];
    for (const event of envelopes) results.push(await record(event));
    expect(results.map((r) => r.created)).toEqual([true, true, true]);
    // EventBridge delivers at least once: a retried event changes nothing.
    expect(await record(envelopes[2])).toEqual({ key: results[2]!.key, created: false });
    expect(heads.keys('heads/audit/')).toHaveLength(3);

    for (const key of auditStore.keys('audit/0')) auditStore.objects.delete(key);
    auditStore.objects.delete('audit/head.json');
    const result = await verifyAuditLog(auditStore, 'audit', {
      publishedHeads: await readPublishedHeads(heads, 'audit'),
    });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.kind)).toEqual(['emptied', 'emptied', 'emptied']);
  });

  it('refuses an event that is not an audit head', async () => {
    const record = createAuditHeadRecorderHandler(() => new MemoryStore());
    const event = toBusEvent({
      source: 'vigil',
      detailType: 'Vigil Audit Head',
      detail: { sequence: 1 },
      time: clock.now(),
    });
    await expect(record(event)).rejects.toBeInstanceOf(EventShapeError);
  });
});
