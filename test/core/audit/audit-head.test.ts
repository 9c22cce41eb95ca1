import { type EventPublisher, fixedClock, type VigilEvent } from '@vigil/core';
import {
  AUDIT_HEAD_DETAIL_TYPE,
  type AuditHead,
  auditRecordKey,
  ObjectStoreAuditLog,
  publishedHeadKey,
  readAuditLog,
  readPublishedHeads,
  verifyAuditLog,
} from '@vigil/core/audit';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const clock = fixedClock(new Date('2026-01-05T10:00:00Z'));
const entry = (n: number) => ({
  kind: 'rollback.performed',
  actor: 'alarm-router',
  subject: 'churn-prod',
  summary: `decision ${n}`,
  details: { n },
});

/** Keeps what the log's writers published, as the events journal or the heads bucket would. */
class RecordingBus implements EventPublisher {
  readonly events: VigilEvent[] = [];
  async publish(events: readonly VigilEvent[]): Promise<void> {
    this.events.push(...events);
  }
  heads(): AuditHead[] {
    return this.events
      .filter((e) => e.detailType === AUDIT_HEAD_DETAIL_TYPE)
      .map((e) => {
        const { sequence, hash, at } = e.detail as unknown as AuditHead;
        return { sequence, hash, ...(at ? { at } : {}) };
      });
  }
}

const kinds = (result: Awaited<ReturnType<typeof verifyAuditLog>>) =>
  result.problems.map((p) => [p.kind, p.sequence]);

describe('the audit head', () => {
  let store: MemoryStore;
  let bus: RecordingBus;
  let audit: ObjectStoreAuditLog;
  beforeEach(async () => {
    store = new MemoryStore('s3://vigil-audit');
    bus = new RecordingBus();
    audit = new ObjectStoreAuditLog(store, { clock, events: bus });
    for (let n = 1; n <= 5; n++) await audit.append(entry(n));
  });

  it('is published on every append with the sequence and hash of the new record', async () => {
    const records = await readAuditLog(store, 'audit');
    expect(bus.events.map((e) => e.detailType)).toEqual(Array(5).fill('Vigil Audit Head'));
    expect(bus.events[4]?.detail).toEqual({
      sequence: 5,
      hash: records[4]!.hash,
      at: '2026-01-05T10:00:00.000Z',
      log: 's3://vigil-audit/audit',
      prefix: 'audit',
    });
    const result = await verifyAuditLog(store, 'audit', { publishedHeads: bus.heads() });
    expect(result).toMatchObject({ ok: true, publishedHead: { sequence: 5, hash: records[4]!.hash } });
  });

  it('detects records cut off the end with head.json rewritten to match, from the published head', async () => {
    const third = store.json<{ hash: string }>(auditRecordKey('audit', 3));
    store.objects.delete(auditRecordKey('audit', 4));
    store.objects.delete(auditRecordKey('audit', 5));
    await store.put('audit/head.json', JSON.stringify({ sequence: 3, hash: third.hash }));
    // The chain and head.json agree: without a head kept elsewhere the cut is invisible.
    expect((await verifyAuditLog(store)).ok).toBe(true);
    const result = await verifyAuditLog(store, 'audit', { publishedHeads: bus.heads() });
    expect(kinds(result)).toEqual([
      ['truncated', 4],
      ['truncated', 5],
    ]);
    expect(result.problems[1]?.message).toMatch(/ends at record 3 but published head names record 5/);
  });

  it('never reuses the number of a record cut off the end: the next one follows head.json', async () => {
    const fifth = store.json<{ hash: string }>(auditRecordKey('audit', 5));
    store.objects.delete(auditRecordKey('audit', 5));
    const next = await new ObjectStoreAuditLog(store, { clock, events: bus }).append(entry(6));
    expect(next.sequence).toBe(6);
    expect(next.previousHash).toBe(fifth.hash);
    expect(store.objects.has(auditRecordKey('audit', 5))).toBe(false);
    // The cut stays visible as a missing record, and record 6 chains past it.
    expect(kinds(await verifyAuditLog(store, 'audit', { publishedHeads: bus.heads() }))).toEqual([
      ['missing', 5],
    ]);
  });

  it('detects a reused number when head.json was deleted with the records', async () => {
    store.objects.delete(auditRecordKey('audit', 5));
    store.objects.delete('audit/head.json');
    const reused = await new ObjectStoreAuditLog(store, { clock }).append(entry(99));
    expect(reused.sequence).toBe(5);
    const result = await verifyAuditLog(store, 'audit', { publishedHeads: bus.heads() });
    expect(kinds(result)).toEqual([['reused', 5]]);
    expect(result.problems[0]?.message).toMatch(/its number was reused/);
  });

  it('detects an emptied log from head.json, and from the published head when head.json went too', async () => {
    for (let n = 1; n <= 5; n++) store.objects.delete(auditRecordKey('audit', n));
    expect(kinds(await verifyAuditLog(store))).toEqual([['emptied', 5]]);
    store.objects.delete('audit/head.json');
    expect((await verifyAuditLog(store)).ok).toBe(true);
    const result = await verifyAuditLog(store, 'audit', { publishedHeads: bus.heads() });
    expect(kinds(result).at(-1)).toEqual(['emptied', 5]);
    expect(result.ok).toBe(false);
  });

  it('checks head.json: missing, unreadable, or naming another record', async () => {
    const saved = store.text('audit/head.json');
    store.objects.delete('audit/head.json');
    expect(kinds(await verifyAuditLog(store))).toEqual([['head-missing', 5]]);
    await store.put('audit/head.json', '{not json');
    expect(kinds(await verifyAuditLog(store))).toEqual([['head-unreadable', 5]]);
    await store.put('audit/head.json', JSON.stringify({ sequence: 4, hash: 'a'.repeat(64) }));
    expect(kinds(await verifyAuditLog(store))).toEqual([['reused', 4]]);
    await store.put('audit/head.json', saved);
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });

  it('still verifies a log written before heads had hashes, and upgrades its head on the next append', async () => {
    await store.put('audit/head.json', JSON.stringify({ sequence: 5 }));
    expect((await verifyAuditLog(store)).ok).toBe(true);
    const record = await new ObjectStoreAuditLog(store, { clock }).append(entry(6));
    expect(store.json('audit/head.json')).toEqual({ sequence: 6, hash: record.hash, at: record.at });
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });

  it('only moves forward under concurrent appends', async () => {
    const writers = Array.from({ length: 8 }, () => new ObjectStoreAuditLog(store, { clock, events: bus }));
    await Promise.all(writers.map((w, i) => w.append(entry(10 + i))));
    const records = await readAuditLog(store, 'audit');
    expect(records).toHaveLength(13);
    expect(store.json('audit/head.json')).toMatchObject({ sequence: 13, hash: records[12]!.hash });
    expect((await verifyAuditLog(store, 'audit', { publishedHeads: bus.heads() })).ok).toBe(true);
  });
});

describe('published heads kept in a heads bucket', () => {
  it('are read back oldest first, a reused number kept beside the original, junk skipped', async () => {
    const heads = new MemoryStore('s3://vigil-audit-heads');
    const a = { sequence: 2, hash: 'b'.repeat(64), at: '2026-01-05T10:00:00.000Z' };
    const b = { sequence: 1, hash: 'a'.repeat(64) };
    const reused = { sequence: 2, hash: 'c'.repeat(64) };
    for (const head of [a, b, reused])
      await heads.putIfAbsent(publishedHeadKey('audit', head), JSON.stringify(head));
    await heads.put('heads/audit/junk.json', '{"sequence":"x"}');
    expect(publishedHeadKey('audit', a)).toBe(`heads/audit/000000000002-${'b'.repeat(64)}.json`);
    expect(await readPublishedHeads(heads, 'audit')).toEqual([b, a, reused]);
  });
});
