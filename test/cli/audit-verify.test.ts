import { mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@vigil/aws';
import { main } from '@vigil/cli';
import { fixedClock, type VigilEvent } from '@vigil/core';
import { auditRecordKey, ObjectStoreAuditLog } from '@vigil/core/audit';
import { LocalEventBus, LocalObjectStore, toBusEvent } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditHeadRecorderHandler } from '../../functions/src/audit-head-recorder.ts';
import { mockBucket } from '../functions/bucket-mock.ts';

const clock = fixedClock(new Date('2026-12-04T10:00:00Z'));
const entry = (n: number) => ({
  kind: 'approval.decided',
  actor: 'registry-gate',
  subject: `arn:aws:sagemaker:eu-west-1:1:model-package/churn/${n}`,
  summary: `decision ${n}`,
  details: { n },
});

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), cwd, env: {} },
  };
}

describe('vigil audit verify in local mode', () => {
  let dir: string;
  let home: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-audit-cli-'));
    home = join(dir, '.vigil');
    const audit = new ObjectStoreAuditLog(new LocalObjectStore(home), {
      clock,
      events: new LocalEventBus(home),
    });
    for (let n = 1; n <= 4; n++) await audit.append(entry(n));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies against the last head in the events journal by default', async () => {
    const run = io(dir);
    expect(await main(['audit', 'verify'], run.io)).toBe(0);
    expect(run.out[0]).toMatch(
      /^Audit log verified: 4 records, chain intact\. Head 4:[0-9a-f]{64} Matches the last published head 4:/,
    );
    expect(run.out[0]).toContain('(events journal)');
  });

  it('detects the newest records cut off and head.json rewritten to match, without any option', async () => {
    const store = new LocalObjectStore(home);
    const second = JSON.parse(new TextDecoder().decode(await store.get(auditRecordKey('audit', 2)))) as {
      hash: string;
    };
    await unlink(join(home, auditRecordKey('audit', 3)));
    await unlink(join(home, auditRecordKey('audit', 4)));
    await writeFile(join(home, 'audit/head.json'), JSON.stringify({ sequence: 2, hash: second.hash }));
    const run = io(dir);
    expect(await main(['audit', 'verify'], run.io)).toBe(1);
    expect(run.err.join('\n')).toMatch(/ends at record 2 but published head names record 4/);
    expect(run.out.at(-1)).toMatch(/^Audit log NOT verified/);
  });

  it('still checks the journaled heads after the home folder was moved or copied elsewhere', async () => {
    // An auditor verifies a copy of the home: the heads were journaled under its old path.
    const moved = join(dir, 'copy-for-audit');
    await rename(home, moved);
    const store = new LocalObjectStore(moved);
    const second = JSON.parse(new TextDecoder().decode(await store.get(auditRecordKey('audit', 2)))) as {
      hash: string;
    };
    const intact = io(dir);
    expect(await main(['audit', 'verify', '--home', moved], intact.io)).toBe(0);
    expect(intact.out[0]).toContain('Matches the last published head 4:');
    await unlink(join(moved, auditRecordKey('audit', 3)));
    await unlink(join(moved, auditRecordKey('audit', 4)));
    await writeFile(join(moved, 'audit/head.json'), JSON.stringify({ sequence: 2, hash: second.hash }));
    const cut = io(dir);
    expect(await main(['audit', 'verify', '--home', moved], cut.io)).toBe(1);
    expect(cut.err.join('\n')).toMatch(/ends at record 2 but published head names record 4/);
  });
});

describe('vigil audit verify --home s3://<Vigil bucket> of a deployment', () => {
  it('finds the audit and heads buckets from config/audit-location.json and checks the published heads', async () => {
    const bucket = mockBucket('vigil-main');
    const auditObjects = bucket.other('vigil-audit');
    bucket.other('vigil-audit-heads');
    bucket.put(
      'config/audit-location.json',
      JSON.stringify({ auditBucket: 'vigil-audit', auditHeadsBucket: 'vigil-audit-heads' }),
    );
    const client = new S3Client({});
    const published: VigilEvent[] = [];
    const audit = new ObjectStoreAuditLog(new S3ObjectStore({ bucket: 'vigil-audit', client }), {
      clock,
      events: { publish: async (events) => void published.push(...events) },
    });
    for (let n = 1; n <= 3; n++) await audit.append(entry(n));
    const recordHead = createAuditHeadRecorderHandler(
      () => new S3ObjectStore({ bucket: 'vigil-audit-heads', client }),
    );
    for (const event of published) await recordHead(toBusEvent(event));

    const dir = await mkdtemp(join(tmpdir(), 'vigil-audit-cli-'));
    try {
      const ok = io(dir);
      expect(await main(['audit', 'verify', '--home', 's3://vigil-main'], ok.io)).toBe(0);
      expect(ok.out[0]).toBe('Audit log at s3://vigil-audit/audit');
      expect(ok.out[1]).toMatch(
        /Matches the last published head 3:[0-9a-f]{64} \(heads bucket vigil-audit-heads\)/,
      );

      // Cut record 3 and make head.json agree: only the heads bucket still knows.
      const second = JSON.parse(new TextDecoder().decode(auditObjects.get(auditRecordKey('audit', 2)))) as {
        hash: string;
      };
      auditObjects.delete(auditRecordKey('audit', 3));
      auditObjects.set(
        'audit/head.json',
        new TextEncoder().encode(JSON.stringify({ sequence: 2, hash: second.hash })),
      );
      const cut = io(dir);
      expect(await main(['audit', 'verify', '--home', 's3://vigil-main'], cut.io)).toBe(1);
      expect(cut.err.join('\n')).toMatch(/ends at record 2 but published head names record 3/);
    } finally {
      bucket.s3.restore();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
