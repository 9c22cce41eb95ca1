import { exportComplianceBundle, renderComplianceBundleMarkdown } from '@vigil/core/audit';
import { runRegistryGate } from '@vigil/core/governance';
import { describe, expect, it } from 'vitest';
import { clock, policy, world } from '../governance/harness.ts';

// Who changed an approval by hand comes from the registry (an IAM identity, a local `--as`):
// the compliance bundle's Markdown must show it as text.
describe('the compliance bundle Markdown', () => {
  it('escapes identities and texts recorded from outside Vigil', async () => {
    const w = world();
    const v1 = await w.register({ auc: 0.6 });
    await runRegistryGate(w.ports, { modelPackageArn: v1.arn }, { policies: [policy()] });
    await w.registry.updateApproval({
      arn: v1.arn,
      approvalStatus: 'Approved',
      approvalDescription: 'override',
      customerMetadata: {},
      changedBy: '<img src=x onerror=alert(1)> [click](javascript:alert(1)) | forged',
    });
    await runRegistryGate(
      w.ports,
      { modelPackageArn: v1.arn, updatedFields: ['ModelApprovalStatus'] },
      { policies: [policy()] },
    );
    const bundle = await exportComplianceBundle(
      { registry: w.registry, cards: w.cards, store: w.store, clock },
      'churn',
    );
    const md = renderComplianceBundleMarkdown(bundle);
    const manual = md.split('\n').find((line) => line.startsWith('- Manual change'));
    expect(manual).toBeDefined();
    expect(manual).toContain('\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1)) \\| forged');
    expect(md).not.toMatch(/(^|[^\\])<img/m);
    expect(md).not.toMatch(/(^|[^\\])\[click(?<!\\)\]\(/);
  });
});
