import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@vigil/aws';
import { main } from '@vigil/cli';
import { fixedClock } from '@vigil/core';
import { auditRecordKey, ObjectStoreAuditLog } from '@vigil/core/audit';
import { LocalEventBus, LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockBucket } from '../functions/bucket-mock.ts';

const clock = fixedClock(new Date('2026-12-04T10:00:00Z'));

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), cwd, env: {} },
  };
}

/**
 * A deployment whose audit log lives in its own object-locked bucket, named by
 * config/audit-location.json in Vigil's bucket: what an auditor reads through `--home s3://…`.
 */
describe('the governance trail read through --home s3://<Vigil bucket> of a deployment', () => {
  let bucket: ReturnType<typeof mockBucket>;
  let dir: string;
  let arn: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-deployment-export-'));
    bucket = mockBucket('vigil-main');
    bucket.other('vigil-audit');
    bucket.other('vigil-audit-heads');
    bucket.put(
      'config/audit-location.json',
      JSON.stringify({ auditBucket: 'vigil-audit', auditHeadsBucket: 'vigil-audit-heads' }),
    );
    const run = io(dir);
    expect(
      await main(
        ['registry', 'register', '--home', 's3://vigil-main', '--group', 'churn', '--no-gate'],
        run.io,
      ),
    ).toBe(0);
    arn = /(arn:\S+)/.exec(run.out.join('\n'))![1]!;
    // card-sync in the Lambdas records the run in the audit bucket.
    const audit = new ObjectStoreAuditLog(
      new S3ObjectStore({ bucket: 'vigil-audit', client: new S3Client({}) }),
      {
        clock,
      },
    );
    await audit.append({
      kind: 'monitoring.execution',
      actor: 'card-sync',
      subject: arn,
      summary: 'DataQuality run',
      details: {
        endpointName: 'churn-prod',
        endpointConfigName: 'churn-cfg-1',
        variantName: 'AllTraffic',
        monitoringType: 'DataQuality',
        status: 'Completed',
        scheduledTime: '2026-12-04T10:00:00.000Z',
        violationCount: 0,
        metrics: { feature_baseline_drift_age: 0.01 },
        reportUri: 's3://vigil-main/reports/churn-prod/data-quality/2026/12/04/10/',
      },
    });
  });
  afterEach(async () => {
    bucket.s3.restore();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports the runs and audit records kept in the audit bucket', async () => {
    const out = join(dir, 'bundle');
    const run = io(dir);
    expect(
      await main(['audit', 'export', '--home', 's3://vigil-main', '--group', 'churn', '--out', out], run.io),
    ).toBe(0);
    const bundle = JSON.parse(await readFile(join(out, 'bundle.json'), 'utf8')) as {
      auditVerification: { ok: boolean; recordCount: number };
      versions: { monitoringHistory: { monitoringType: string; endpointConfigName?: string }[] }[];
    };
    expect(bundle.auditVerification).toMatchObject({ ok: true, recordCount: 1 });
    expect(bundle.versions[0]?.monitoringHistory).toMatchObject([
      { monitoringType: 'DataQuality', endpointConfigName: 'churn-cfg-1' },
    ]);
  });
});

describe('vigil audit export in local mode', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-local-export-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('does not call a log verified whose newest records were cut off with head.json rewritten', async () => {
    const home = join(dir, '.vigil');
    expect(await main(['registry', 'register', '--group', 'churn', '--no-gate'], io(dir).io)).toBe(0);
    const store = new LocalObjectStore(home);
    const audit = new ObjectStoreAuditLog(store, { clock, events: new LocalEventBus(home) });
    const kept = await audit.append({
      kind: 'card.updated',
      actor: 'card-sync',
      subject: 'x',
      summary: 'kept',
      details: {},
    });
    const cut = await audit.append({
      kind: 'card.updated',
      actor: 'card-sync',
      subject: 'x',
      summary: 'cut',
      details: {},
    });
    const intact = io(dir);
    expect(await main(['audit', 'export', '--group', 'churn', '--out', join(dir, 'a')], intact.io)).toBe(0);
    expect(intact.out[0]).toMatch(/audit log verified\.$/);
    await unlink(join(home, auditRecordKey('audit', cut.sequence)));
    await writeFile(
      join(home, 'audit/head.json'),
      JSON.stringify({ sequence: kept.sequence, hash: kept.hash }),
    );
    const run = io(dir);
    expect(await main(['audit', 'export', '--group', 'churn', '--out', join(dir, 'b')], run.io)).toBe(0);
    expect(run.out[0]).toMatch(/audit log NOT verified\.$/);
    const bundle = JSON.parse(await readFile(join(dir, 'b', 'bundle.json'), 'utf8')) as {
      auditVerification: { problems: { kind: string; sequence: number }[] };
    };
    expect(bundle.auditVerification.problems).toMatchObject([{ kind: 'truncated', sequence: cut.sequence }]);
  });
});
