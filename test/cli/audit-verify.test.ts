import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { fixedClock } from '@vigil/core';
import { auditRecordKey, ObjectStoreAuditLog } from '@vigil/core/audit';
import { LocalEventBus, LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

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
});
