import { silentLog } from '@vigil/core';
import { verifyAuditLog } from '@vigil/core/audit';
import { describe, expect, it } from 'vitest';
import { runGovernanceDemo } from './governance-demo.ts';
import { world } from './harness.ts';

describe('runGovernanceDemo', () => {
  it('approves the first version and rejects the second with reasons, all in the audit log', async () => {
    const w = world();
    const { versions } = await runGovernanceDemo(
      { ...w.ports, registry: w.registry, log: silentLog },
      'credit-risk',
    );
    expect(versions.map((v) => [v.package.version, v.package.approvalStatus])).toEqual([
      [1, 'Approved'],
      [2, 'Rejected'],
    ]);
    const reasons = versions[1]!.gate.rules!.filter((r) => !r.passed).map((r) => r.rule);
    expect(reasons).toEqual([
      'auc >= 0.8',
      'bias:DPPL within ±0.1',
      'bias:DI >= 0.8 and <= 1.25',
      'auc no worse than approved by more than 0.02',
    ]);
    expect(versions[1]!.package.approvalDescription).toContain('FAIL auc >= 0.8: auc = 0.74');
    const audit = await verifyAuditLog(w.store);
    expect(audit.ok).toBe(true);
    expect(audit.recordCount).toBe(4);
  });
});
