import { approverMatches, mayDecideByHand, principalNames, runRegistryGate } from '@vigil/core/governance';
import { describe, expect, it } from 'vitest';
import { policy, world } from './harness.ts';

const ROLE = 'arn:aws:iam::111122223333:role/ModelApprovers';
const session = (role: string, who: string) => `arn:aws:sts::111122223333:assumed-role/${role}/${who}`;

describe('who may approve by hand', () => {
  it('matches IAM roles through their assumed-role sessions, users by ARN, and * wildcards', () => {
    expect(principalNames(session('ModelApprovers', 'alice'))).toEqual([
      session('ModelApprovers', 'alice'),
      ROLE,
    ]);
    const p = policy({ approvers: [ROLE, 'arn:aws:iam::111122223333:user/*', 'carol'] });
    expect(mayDecideByHand(p, [session('ModelApprovers', 'alice')]).allowed).toBe(true);
    expect(mayDecideByHand(p, ['arn:aws:iam::111122223333:user/bob']).allowed).toBe(true);
    expect(mayDecideByHand(p, ['carol']).allowed).toBe(true);
    expect(mayDecideByHand(p, [session('DataScientists', 'mallory')])).toEqual({
      allowed: false,
      reason: `${session('DataScientists', 'mallory')} is not an approver of group "churn" (approvers: ${ROLE}, arn:aws:iam::111122223333:user/*, carol)`,
    });
    expect(mayDecideByHand(p, []).allowed).toBe(false);
    expect(mayDecideByHand(policy({ approvers: [] }), ['carol']).allowed).toBe(false);
    expect(mayDecideByHand(policy(), ['anyone']).allowed).toBe(true);
    // A dot in a pattern is a dot, not any character.
    expect(approverMatches('a.b', 'axb')).toBe(false);
  });

  it('undoes an approval by someone not among the approvers, audits the refusal, and is not fooled by its own undo', async () => {
    const w = world();
    const pkg = await w.register();
    const policies = [policy({ approvers: [ROLE], onPass: 'leave-pending' })];
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies });
    const before = await w.registry.describe(pkg.arn);
    expect(before.approvalStatus).toBe('PendingManualApproval');
    // A data scientist approves in the SageMaker console; DescribeModelPackage names their session.
    const mallory = session('DataScientists', 'mallory');
    await w.registry.updateApproval({
      arn: pkg.arn,
      approvalStatus: 'Approved',
      approvalDescription: 'looks fine to me',
      customerMetadata: {},
      changedBy: mallory,
    });
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, eventId: 'approve-1', updatedFields: ['ModelApprovalStatus'] },
      { policies },
    );
    expect(result).toMatchObject({
      action: 'manual-change-refused',
      approvalStatus: 'PendingManualApproval',
    });
    const after = await w.registry.describe(pkg.arn);
    expect(after.approvalStatus).toBe('PendingManualApproval');
    expect(after.approvalDescription).toMatch(
      new RegExp(
        `^Vigil refused the change to Approved by ${mallory.replace(/[/]/g, '\\/')}: .*not an approver`,
      ),
    );
    const refused = (await w.records()).filter((r) => r.kind === 'approval.refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      actor: mallory,
      subject: pkg.arn,
      details: { attemptedStatus: 'Approved', restoredStatus: 'PendingManualApproval', principal: mallory },
    });
    // The event of Vigil's own undo changes nothing more.
    const echo = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, eventId: 'restore-1', updatedFields: ['ModelApprovalStatus'] },
      { policies },
    );
    expect(echo.action).toBe('self-caused');
    expect((await w.records()).filter((r) => r.kind.startsWith('approval.'))).toHaveLength(2);
  });

  it('records an approver’s change with its principal, and the gate’s own decisions with theirs', async () => {
    const w = world();
    const pkg = await w.register();
    const policies = [policy({ approvers: [ROLE], onPass: 'leave-pending' })];
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies });
    const alice = session('ModelApprovers', 'alice');
    await w.registry.updateApproval({
      arn: pkg.arn,
      approvalStatus: 'Approved',
      approvalDescription: 'reviewed the bias report',
      customerMetadata: {},
      changedBy: alice,
    });
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, updatedFields: ['ModelApprovalStatus'] },
      { policies },
    );
    expect(result.action).toBe('manual-change-recorded');
    expect((await w.registry.describe(pkg.arn)).approvalStatus).toBe('Approved');
    const records = await w.records();
    expect(records.find((r) => r.kind === 'approval.decided')?.details).toMatchObject({
      principal: 'registry-gate',
      principalSource: expect.stringContaining('automatic'),
    });
    expect(records.find((r) => r.kind === 'approval.manual-change-seen')).toMatchObject({
      actor: alice,
      details: { principal: alice, approverCheck: expect.stringContaining(`matches ${ROLE}`) },
    });
  });

  it('leaves a rejection by a non-approver in place (the safe direction) but flags it; takes the guardrail’s rejection as Vigil’s', async () => {
    const w = world();
    const policies = [policy({ approvers: [ROLE] })];
    const a = await w.register();
    const b = await w.register();
    await runRegistryGate(w.ports, { modelPackageArn: a.arn }, { policies });
    await runRegistryGate(w.ports, { modelPackageArn: b.arn }, { policies });
    const mallory = session('DataScientists', 'mallory');
    await w.registry.updateApproval({
      arn: a.arn,
      approvalStatus: 'Rejected',
      approvalDescription: 'I do not like it',
      customerMetadata: {},
      changedBy: mallory,
    });
    const refused = await runRegistryGate(
      w.ports,
      { modelPackageArn: a.arn, updatedFields: ['ModelApprovalStatus'] },
      { policies },
    );
    expect(refused).toMatchObject({ action: 'manual-change-refused', approvalStatus: 'Rejected' });
    expect(await w.registry.describe(a.arn)).toMatchObject({
      approvalStatus: 'Rejected',
      approvalDescription: 'I do not like it',
    });
    // alarm-router's role is no approver, but its guardrail rollback's rejection is Vigil's own decision.
    await w.registry.updateApproval({
      arn: b.arn,
      approvalStatus: 'Rejected',
      approvalDescription:
        'Rejected by Vigil: guardrail alarm vigil-churn-prod-data-quality-violations on endpoint churn-prod (incident i-1); rolled back from cfg-2 to cfg-1.',
      customerMetadata: {},
      changedBy: session('vigil-alarm-router', 'lambda'),
    });
    const guardrail = await runRegistryGate(
      w.ports,
      { modelPackageArn: b.arn, updatedFields: ['ModelApprovalStatus'] },
      { policies },
    );
    expect(guardrail.action).toBe('manual-change-recorded');
    expect((await w.registry.describe(b.arn)).approvalStatus).toBe('Rejected');
    const records = await w.records();
    expect(
      records.filter((r) => r.kind === 'approval.refused').map((r) => [r.subject, r.details.undone]),
    ).toEqual([[a.arn, false]]);
    expect(
      records.find((r) => r.kind === 'approval.manual-change-seen' && r.subject === b.arn)?.details,
    ).toMatchObject({
      approverCheck: expect.stringContaining('guardrail rollback'),
    });
  });
});
