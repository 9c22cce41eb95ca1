import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@vigil/core';
import { auditRecordKey, ObjectStoreAuditLog, verifyAuditLog } from '@vigil/core/audit';
import { LocalEventBus, LocalObjectStore, readJournaledAuditHeads } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const clock = fixedClock(new Date('2026-12-04T10:00:00Z'));
const entry = (n: number) => ({
  kind: 'approval.decided',
  actor: 'vigil-cli',
  subject: `arn:aws:sagemaker:local:000000000000:model-package/churn/${n}`,
  summary: `decision ${n}`,
  details: { n },
});

describe('a local audit log whose newest records were deleted together with head.json', () => {
  let home: string;
  let store: LocalObjectStore;
  const writer = () => new ObjectStoreAuditLog(store, { clock, events: new LocalEventBus(home) });
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'vigil-audit-journal-'));
    store = new LocalObjectStore(home);
    const audit = writer();
    for (let n = 1; n <= 4; n++) await audit.append(entry(n));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('numbers the next record after the last head in the events journal, never reusing a number', async () => {
    await unlink(join(home, auditRecordKey('audit', 3)));
    await unlink(join(home, auditRecordKey('audit', 4)));
    await unlink(join(home, 'audit/head.json'));
    const fourth = (await readJournaledAuditHeads(home, `${store.location}/audit`)).at(-1)!;
    const next = await writer().append(entry(5));
    expect(next.sequence).toBe(5);
    expect(next.previousHash).toBe(fourth.hash);
    const heads = await readJournaledAuditHeads(home, `${store.location}/audit`);
    const problems = (await verifyAuditLog(store, 'audit', { publishedHeads: heads })).problems;
    // The cut stays visible as missing records; no number now names two different records.
    expect(problems.map((p) => [p.kind, p.sequence])).toEqual([
      ['missing', 3],
      ['missing', 4],
    ]);
  });

  it('continues after the journaled head when every record and head.json were deleted', async () => {
    await rm(join(home, 'audit'), { recursive: true });
    const next = await writer().append(entry(5));
    expect(next.sequence).toBe(5);
  });
});
