import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { readAuditLog } from '@vigil/core/audit';
import { LocalModelRegistry, LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-approvers-'));
  await writeFile(
    join(dir, 'vigil.config.json'),
    JSON.stringify({
      version: 1,
      approvalPolicies: [
        {
          modelPackageGroup: 'churn',
          requiredReports: ['ModelQuality'],
          onFail: 'leave-pending',
          approvers: ['alice'],
        },
      ],
    }),
  );
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function vigil(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    cwd: dir,
    env: { USER: 'ci' },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('vigil registry approve/reject --as', () => {
  it('refuses someone the policy does not name, audits it, changes nothing; lets an approver decide', async () => {
    expect((await vigil(['registry', 'register', '--group', 'churn'])).code).toBe(0);
    const registry = new LocalModelRegistry(new LocalObjectStore(join(dir, '.vigil')));
    const [v1] = await registry.list('churn');
    expect(v1?.approvalStatus).toBe('PendingManualApproval');

    const refused = await vigil([
      'registry',
      'approve',
      '--group',
      'churn',
      '--version',
      '1',
      '--reason',
      'ship it',
      '--as',
      'mallory',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('mallory is not an approver of group "churn" (approvers: alice)');
    expect(refused.err).toContain('stays PendingManualApproval');
    expect((await registry.describe(v1!.arn)).approvalStatus).toBe('PendingManualApproval');

    const rejected = await vigil([
      'registry',
      'reject',
      '--group',
      'churn',
      '--version',
      '1',
      '--reason',
      'no reports',
      '--as',
      'alice',
    ]);
    expect(rejected.code).toBe(0);
    expect((await registry.describe(v1!.arn)).approvalStatus).toBe('Rejected');

    const records = await readAuditLog(new LocalObjectStore(join(dir, '.vigil')), 'audit');
    const approvals = records.filter((r) => r.kind.startsWith('approval.'));
    expect(approvals.map((r) => [r.kind, r.actor, r.details.principal])).toEqual([
      ['approval.decided', 'vigil-cli gate', 'vigil-cli gate'],
      ['approval.refused', 'mallory', 'mallory'],
      ['approval.manual-change-seen', 'alice', 'alice'],
    ]);
    expect(approvals[1]!.details).toMatchObject({
      attemptedStatus: 'Approved',
      principalSource: 'vigil-cli --as',
    });
  });
});
