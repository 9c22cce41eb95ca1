import { fixedClock } from '@vigil/core';
import {
  auditRecordHash,
  auditRecordKey,
  GENESIS_HASH,
  ObjectStoreAuditLog,
  readAuditLog,
  verifyAuditLog,
} from '@vigil/core/audit';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const clock = fixedClock(new Date('2026-01-05T10:00:00Z'));
const entry = (n: number) => ({
  kind: 'approval.decided',
  actor: 'registry-gate',
  subject: `arn:aws:sagemaker:eu-west-1:1:model-package/churn/${n}`,
  summary: `decision ${n}`,
  details: { n, nested: { b: 2, a: [1, 'x'] } },
});

describe('ObjectStoreAuditLog', () => {
  let store: MemoryStore;
  beforeEach(async () => {
    store = new MemoryStore();
    const audit = new ObjectStoreAuditLog(store, { clock });
    for (let n = 1; n <= 5; n++) await audit.append(entry(n));
  });

  it('numbers records from 1 at sequence keys and chains each to the previous hash', async () => {
    // Act
    const records = await readAuditLog(store, 'audit');
    // Assess
    expect(store.keys('audit/0')).toEqual([1, 2, 3, 4, 5].map((n) => auditRecordKey('audit', n)));
    expect(store.keys('audit/')[0]).toBe('audit/000000000001.json');
    expect(records.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    // head.json names the newest record by sequence and hash.
    expect(store.json('audit/head.json')).toEqual({
      sequence: 5,
      hash: records[4]!.hash,
      at: '2026-01-05T10:00:00.000Z',
    });
    expect(records[0]!.previousHash).toBe(GENESIS_HASH);
    for (let i = 1; i < records.length; i++) expect(records[i]!.previousHash).toBe(records[i - 1]!.hash);
    for (const r of records) expect(r.hash).toBe(auditRecordHash(r));
    expect(records[2]).toMatchObject({ at: '2026-01-05T10:00:00.000Z', summary: 'decision 3' });
  });

  it('verifies an untouched log and reports its head', async () => {
    const result = await verifyAuditLog(store, 'audit');
    const records = await readAuditLog(store, 'audit');
    expect(result).toEqual({
      ok: true,
      recordCount: 5,
      head: { sequence: 5, hash: records[4]!.hash },
      problems: [],
    });
  });

  it('continues an existing log from a new instance (a cold start)', async () => {
    const record = await new ObjectStoreAuditLog(store, { clock }).append(entry(6));
    const previous = store.json<{ hash: string }>(auditRecordKey('audit', 5));
    expect(record.sequence).toBe(6);
    expect(record.previousHash).toBe(previous.hash);
    expect((await verifyAuditLog(store)).ok).toBe(true);
  });

  it('never forks the chain when many writers append at once', async () => {
    // Prepare: ten independent instances, as ten concurrent Lambdas would be
    const writers = Array.from({ length: 10 }, () => new ObjectStoreAuditLog(store, { clock }));
    // Act
    const written = await Promise.all(writers.map((w, i) => w.append(entry(100 + i))));
    // Assess
    expect(new Set(written.map((r) => r.sequence)).size).toBe(10);
    expect(written.map((r) => r.sequence).sort((a, b) => a - b)).toEqual([
      6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
    const result = await verifyAuditLog(store);
    expect(result.problems).toEqual([]);
    expect(result.recordCount).toBe(15);
  });

  it('detects an edited record', async () => {
    const key = auditRecordKey('audit', 3);
    const record = store.json(key);
    await store.put(key, JSON.stringify({ ...record, summary: 'decision 3 (approved after all)' }));
    const result = await verifyAuditLog(store);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'edited', sequence: 3, message: expect.stringContaining('Record 3') }),
    ]);
  });

  it('detects an edit whose hash was recomputed, at the next record', async () => {
    const key = auditRecordKey('audit', 3);
    const record = store.json<Record<string, unknown> & { hash: string }>(key);
    const forged = { ...record, details: { n: 3, forged: true } };
    const rehashed = { ...forged, hash: auditRecordHash(forged as never) };
    await store.put(key, JSON.stringify(rehashed));
    const result = await verifyAuditLog(store);
    expect(result.problems.map((p) => [p.kind, p.sequence])).toEqual([['broken-link', 4]]);
    expect(result.problems[0]!.message).toContain('record 3 was edited and re-hashed or replaced');
  });

  it('detects a deleted record', async () => {
    store.objects.delete(auditRecordKey('audit', 2));
    const result = await verifyAuditLog(store);
    expect(result.problems.map((p) => [p.kind, p.sequence])).toEqual([['missing', 2]]);
  });

  it('detects reordered records', async () => {
    const k2 = auditRecordKey('audit', 2);
    const k4 = auditRecordKey('audit', 4);
    const two = store.text(k2);
    await store.put(k2, store.text(k4));
    await store.put(k4, two);
    const result = await verifyAuditLog(store);
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.kind === 'misplaced').map((p) => p.sequence)).toEqual([2, 4]);
    expect(result.problems.some((p) => p.kind === 'broken-link')).toBe(true);
  });

  it('detects an unreadable record', async () => {
    await store.put(auditRecordKey('audit', 5), '{ not json');
    const result = await verifyAuditLog(store);
    expect(result.problems.map((p) => [p.kind, p.sequence])).toEqual([['unreadable', 5]]);
  });

  it('detects deleted newest records from head.json, and against a head noted earlier', async () => {
    const head = (await verifyAuditLog(store)).head!;
    store.objects.delete(auditRecordKey('audit', 5));
    // head.json still names record 5: the cut is visible without any option (it was not before).
    const plain = await verifyAuditLog(store);
    expect(plain.ok).toBe(false);
    expect(plain.problems.map((p) => [p.kind, p.sequence, p.key])).toEqual([
      ['truncated', 5, 'audit/head.json'],
    ]);
    const result = await verifyAuditLog(store, 'audit', { expectedHead: head });
    expect(result.problems.map((p) => [p.kind, p.sequence])).toEqual([
      ['truncated', 5],
      ['truncated', 5],
    ]);
  });

  it('appends after the true tail whether the head hint is stale, missing or wrong', async () => {
    await store.put('audit/head.json', JSON.stringify({ sequence: 2 }));
    expect((await new ObjectStoreAuditLog(store, { clock }).append(entry(6))).sequence).toBe(6);
    store.objects.delete('audit/head.json');
    expect((await new ObjectStoreAuditLog(store, { clock }).append(entry(7))).sequence).toBe(7);
    await store.put('audit/head.json', JSON.stringify({ sequence: 99 }));
    expect((await new ObjectStoreAuditLog(store, { clock }).append(entry(8))).sequence).toBe(8);
    expect((await verifyAuditLog(store)).problems).toEqual([]);
  });

  it('refuses to append onto an unreadable record found while probing from the hint', async () => {
    await store.put('audit/head.json', JSON.stringify({ sequence: 4 }));
    await store.put(auditRecordKey('audit', 5), 'garbage');
    await expect(new ObjectStoreAuditLog(store, { clock }).append(entry(9))).rejects.toThrow(
      /unreadable or misplaced/,
    );
  });

  it('refuses to append after an unreadable last record', async () => {
    await store.put(auditRecordKey('audit', 5), 'garbage');
    await expect(new ObjectStoreAuditLog(store, { clock }).append(entry(9))).rejects.toThrow(
      /vigil audit verify/,
    );
  });
});
