import { silentLog } from '@vigil/core';
import { syncModelCard } from '@vigil/core/cards';
import { type DecisionRecord, METADATA_KEYS, runRegistryGate } from '@vigil/core/governance';
import { describe, expect, it, vi } from 'vitest';
import { policy, world } from './harness.ts';

describe('runRegistryGate', () => {
  it('approves a version whose evidence passes every rule, naming every rule and linking the record', async () => {
    // Prepare
    const w = world();
    const pkg = await w.register({ auc: 0.91, dppl: 0.04 });
    // Act
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, eventId: 'e-1' },
      { policies: [policy()] },
    );
    // Assess
    expect(result).toMatchObject({ action: 'decided', outcome: 'approve', approvalStatus: 'Approved' });
    const after = await w.registry.describe(pkg.arn);
    expect(after.approvalStatus).toBe('Approved');
    expect(after.lastModifiedBy).toBe('registry-gate');
    expect(after.approvalDescription).toBe(
      'Vigil approval gate: APPROVED, 0 of 7 rules failed (decision churn-v1-1). ' +
        'PASS report ModelQuality present: present; PASS report ModelBias present: present; ' +
        'PASS card field model_overview.model_owner: provided; PASS card field intended_uses.risk_rating: provided; ' +
        'PASS auc >= 0.8: auc = 0.91; ' +
        'PASS bias:DPPL within ±0.1: 1 values within bounds; largest DPPL = 0.04 (post-training, gender=F); ' +
        'PASS auc no worse than approved by more than 0.02: no approved version to compare with (policy: pass).',
    );
    expect(after.customerMetadata).toEqual({
      [METADATA_KEYS.decisionId]: 'churn-v1-1',
      [METADATA_KEYS.decision]: 's3://vigil-bucket/governance/decisions/churn/v1/001.json',
      [METADATA_KEYS.outcome]: 'approve',
      [METADATA_KEYS.decisionSha256]: expect.stringMatching(/^[0-9a-f]{64}$/),
      [METADATA_KEYS.auditSequence]: '2',
    });
    const record = w.store.json('governance/decisions/churn/v1/001.json');
    expect(record).toMatchObject({ id: 'churn-v1-1', outcome: 'approve', modelPackageArn: pkg.arn });
    expect((await w.records()).map((r) => r.kind)).toEqual(['card.created', 'approval.decided']);
    const card = await w.cards.get('churn-v1');
    expect(card).toMatchObject({ status: 'Draft', version: 2 });
    expect(card!.content.model_package_details).toMatchObject({
      model_approval_status: 'Approved',
      approval_description: after.approvalDescription,
    });
  });

  it('rejects with the reasons: threshold, bias and comparison with the approved version', async () => {
    const w = world();
    const v1 = await w.register({ auc: 0.9 });
    await runRegistryGate(w.ports, { modelPackageArn: v1.arn }, { policies: [policy()] });
    const v2 = await w.register({ auc: 0.78, dppl: -0.15 });
    const result = await runRegistryGate(w.ports, { modelPackageArn: v2.arn }, { policies: [policy()] });
    expect(result).toMatchObject({ action: 'decided', outcome: 'reject', approvalStatus: 'Rejected' });
    const failed = result.rules!.filter((r) => !r.passed).map((r) => `${r.rule}: ${r.detail}`);
    expect(failed).toEqual([
      'auc >= 0.8: auc = 0.78',
      'bias:DPPL within ±0.1: 1 of 1 out of bounds; worst DPPL = -0.15 (post-training, gender=F)',
      'auc no worse than approved by more than 0.02: 0.78 vs 0.9 (v1)',
    ]);
    const after = await w.registry.describe(v2.arn);
    expect(after.approvalStatus).toBe('Rejected');
    expect(after.approvalDescription).toMatch(
      /^Vigil approval gate: REJECTED, 3 of 7 rules failed \(decision churn-v2-1\)\. FAIL auc >= 0.8/,
    );
    expect((await w.registry.describe(v1.arn)).approvalStatus).toBe('Approved');
  });

  it('puts the monitoring history of the approved version it would replace into the decision record', async () => {
    const w = world();
    const v1 = await w.register({ auc: 0.9 });
    await runRegistryGate(w.ports, { modelPackageArn: v1.arn }, { policies: [policy()] });
    const ports = { cards: w.cards, registry: w.registry, audit: w.audit, store: w.store, log: silentLog };
    for (const [hour, status] of [
      [1, 'Completed'],
      [2, 'CompletedWithViolations'],
    ] as const) {
      const scheduledTime = `2026-03-02T0${hour}:00:00.000Z`;
      await syncModelCard(
        ports,
        {
          endpointName: 'churn-prod',
          monitoringScheduleName: 'churn-prod-data-quality',
          monitoringType: 'DataQuality',
          status,
          scheduledTime,
          windowStart: scheduledTime,
          windowEnd: scheduledTime,
          reportUri: `s3://vigil-bucket/reports/churn-prod/data-quality/2026/03/02/0${hour}/`,
          violationCount: hour - 1,
          violations: [],
          metrics: { feature_baseline_drift_age: hour / 10 },
          skipped: [],
          recordCount: 100,
          modelPackageArn: v1.arn,
        },
        { config: { endpoints: [], approvalPolicies: [] } },
      );
    }
    const v2 = await w.register({ auc: 0.91 });
    const result = await runRegistryGate(w.ports, { modelPackageArn: v2.arn }, { policies: [policy()] });
    const record = w.store.json<DecisionRecord>(result.decisionKey!);
    expect(record.evidence.approvedVersion).toMatchObject({ arn: v1.arn, version: 1 });
    expect(
      record.evidence.monitoringHistory.map((r) => [r.scheduledTime, r.status, r.violationCount, r.metrics]),
    ).toEqual([
      ['2026-03-02T01:00:00.000Z', 'Completed', 0, { feature_baseline_drift_age: 0.1 }],
      ['2026-03-02T02:00:00.000Z', 'CompletedWithViolations', 1, { feature_baseline_drift_age: 0.2 }],
    ]);
    const audited = (await w.records())
      .filter((r) => r.kind === 'monitoring.execution')
      .map((r) => r.sequence);
    expect(record.evidence.monitoringHistory.map((r) => r.auditSequence)).toEqual(audited);
  });

  it('passes the comparison within tolerance and fails it just beyond', async () => {
    const w = world();
    const v1 = await w.register({ auc: 0.9 });
    await runRegistryGate(w.ports, { modelPackageArn: v1.arn }, { policies: [policy()] });
    const within = await w.register({ auc: 0.88 });
    const beyond = await w.register({ auc: 0.879 });
    const b = await runRegistryGate(w.ports, { modelPackageArn: beyond.arn }, { policies: [policy()] });
    const a = await runRegistryGate(w.ports, { modelPackageArn: within.arn }, { policies: [policy()] });
    expect(a.outcome).toBe('approve');
    expect(b.outcome).toBe('reject');
    expect(b.rules!.find((r) => !r.passed)?.detail).toBe('0.879 vs 0.9 (v1)');
  });

  it('treats missing, absent, unreadable and altered reports as failing rules, never as passes', async () => {
    const w = world();
    const noBias = await w.register({ withBias: false });
    const gone = await w.register();
    w.store.objects.delete('models/churn/2/bias/analysis.json');
    const garbled = await w.register();
    await w.store.put('models/churn/3/evaluation.json', '{"truncated":');
    const policies = [policy({ noWorseThanApproved: [] })];
    const r1 = await runRegistryGate(w.ports, { modelPackageArn: noBias.arn }, { policies });
    const r2 = await runRegistryGate(w.ports, { modelPackageArn: gone.arn }, { policies });
    const r3 = await runRegistryGate(w.ports, { modelPackageArn: garbled.arn }, { policies });
    const failures = (r: typeof r1) =>
      r.rules!.filter((x) => !x.passed).map((x) => `${x.rule} → ${x.detail}`);
    expect(r1.outcome).toBe('reject');
    expect(failures(r1)).toEqual([
      'report ModelBias present → missing: not registered with the model package',
      'bias:DPPL within ±0.1 → ModelBias report missing: not registered with the model package',
    ]);
    expect(failures(r2)).toEqual([
      'report ModelBias present → missing: no object at s3://vigil-bucket/models/churn/2/bias/analysis.json',
      'bias:DPPL within ±0.1 → ModelBias report missing: no object at s3://vigil-bucket/models/churn/2/bias/analysis.json',
    ]);
    expect(failures(r3)[0]).toMatch(
      /^report ModelQuality present → unreadable: .*evaluation.json does not parse/,
    );
    expect(failures(r3)[1]).toMatch(/^auc >= 0.8 → ModelQuality report unreadable/);
  });

  it('fails a report whose content no longer matches its registered ContentDigest', async () => {
    const w = world();
    await w.store.put('evil/evaluation.json', '{"binary_classification_metrics":{"auc":{"value":0.99}}}');
    const pkg = await w.registry.register({
      groupName: 'churn',
      modelMetrics: {
        modelQuality: {
          statistics: {
            uri: 's3://vigil-bucket/evil/evaluation.json',
            contentDigest: `sha256:${'0'.repeat(64)}`,
          },
        },
      },
    });
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn },
      {
        policies: [
          policy({
            requiredReports: ['ModelQuality'],
            modelCard: undefined,
            metrics: [{ metric: 'auc', min: 0.8 }],
            noWorseThanApproved: [],
          }),
        ],
      },
    );
    expect(result.outcome).toBe('reject');
    expect(result.rules![0]!.detail).toContain('does not match its registered ContentDigest');
  });

  it('fails a card rule when the field is absent or the risk is still "Unknown"', async () => {
    const w = world();
    const pkg = await w.register({ card: { intended_uses: { risk_rating: 'Unknown' } } });
    const result = await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    expect(
      result.rules!.filter((r) => r.rule.startsWith('card')).map((r) => [r.rule, r.passed, r.detail]),
    ).toEqual([
      ['card field model_overview.model_owner', false, 'not provided'],
      ['card field intended_uses.risk_rating', false, 'not provided'],
    ]);
  });

  it("fails the card rules, saying why, when the registered card content breaks SageMaker's schema", async () => {
    const w = world();
    const pkg = await w.register({ card: { intended_uses: { risk_rating: 'Severe' } } });
    const result = await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    expect(result.outcome).toBe('reject');
    const owner = result.rules!.find((r) => r.rule === 'card field model_overview.model_owner')!;
    expect(owner.passed).toBe(false);
    expect(owner.detail).toMatch(
      /^card churn-v1 is missing: Model card "churn-v1" breaks .* intended_uses.risk_rating/,
    );
    expect(await w.cards.get('churn-v1')).toBeUndefined();
  });

  it('requires the card status when the policy says so', async () => {
    const w = world();
    const pkg = await w.register();
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn },
      { policies: [policy({ modelCard: { requiredStatus: 'Approved' }, onFail: 'leave-pending' })] },
    );
    expect(result.rules!.find((r) => r.rule === 'card status Approved')).toEqual({
      rule: 'card status Approved',
      passed: false,
      detail: 'card churn-v1 v1 is Draft',
    });
    expect(result).toMatchObject({ outcome: 'leave-pending', approvalStatus: 'PendingManualApproval' });
    const after = await w.registry.describe(pkg.arn);
    expect(after.approvalStatus).toBe('PendingManualApproval');
    expect(after.approvalDescription).toMatch(
      /^Vigil approval gate: LEFT PENDING for a person, 1 of 6 rules failed/,
    );
  });

  it('changes nothing on a duplicate delivery of the same event', async () => {
    const w = world();
    const pkg = await w.register();
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn, eventId: 'e-1' }, { policies: [policy()] });
    const before = [...w.store.objects.keys()].sort();
    const update = vi.spyOn(w.registry, 'updateApproval');
    const again = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, eventId: 'e-1' },
      { policies: [policy()] },
    );
    expect(again.action).toBe('duplicate');
    expect(update).not.toHaveBeenCalled();
    expect([...w.store.objects.keys()].sort()).toEqual(before);
  });

  it('changes nothing on the events its own update causes', async () => {
    const w = world();
    const pkg = await w.register({ auc: 0.5 });
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn, eventId: 'e-1' }, { policies: [policy()] });
    const update = vi.spyOn(w.registry, 'updateApproval');
    const auditBefore = (await w.records()).length;
    const own = await runRegistryGate(
      w.ports,
      {
        modelPackageArn: pkg.arn,
        eventId: 'e-2',
        updatedFields: ['ModelApprovalStatus', 'ApprovalDescription', 'CustomerMetadataProperties'],
      },
      { policies: [policy()] },
    );
    expect(own).toMatchObject({ action: 'self-caused', approvalStatus: 'Rejected' });
    expect(update).not.toHaveBeenCalled();
    expect((await w.records()).length).toBe(auditBefore);
  });

  it('records a person overriding its decision, never overrides it back, and records it once', async () => {
    const w = world();
    const pkg = await w.register({ auc: 0.7 });
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    await w.registry.updateApproval({
      arn: pkg.arn,
      approvalStatus: 'Approved',
      approvalDescription: 'Accepted by the risk committee, ticket RC-12',
      customerMetadata: {},
      changedBy: 'alice',
    });
    const update = vi.spyOn(w.registry, 'updateApproval');
    const seen = await runRegistryGate(
      w.ports,
      {
        modelPackageArn: pkg.arn,
        eventId: 'e-7',
        updatedFields: ['ModelApprovalStatus', 'ApprovalDescription'],
      },
      { policies: [policy()] },
    );
    const repeat = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, eventId: 'e-8', updatedFields: ['ModelApprovalStatus'] },
      { policies: [policy()] },
    );
    expect(seen).toMatchObject({ action: 'manual-change-recorded', approvalStatus: 'Approved' });
    expect(repeat.action).toBe('duplicate');
    expect(update).not.toHaveBeenCalled();
    expect((await w.registry.describe(pkg.arn)).approvalStatus).toBe('Approved');
    const manual = (await w.records()).filter((r) => r.kind === 'approval.manual-change-seen');
    expect(manual).toHaveLength(1);
    expect(manual[0]).toMatchObject({ actor: 'alice', subject: pkg.arn });
    expect(manual[0]!.summary).toContain("over Vigil's decision churn-v1-1 (Rejected)");
  });

  it('records a decision a person made before the gate ran, and leaves it', async () => {
    const w = world();
    const pkg = await w.register();
    await w.registry.updateApproval({
      arn: pkg.arn,
      approvalStatus: 'Rejected',
      approvalDescription: 'no',
      customerMetadata: {},
      changedBy: 'bob',
    });
    const result = await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    expect(result.action).toBe('manual-change-recorded');
    expect((await w.registry.describe(pkg.arn)).approvalStatus).toBe('Rejected');
    expect(w.store.keys('governance/decisions/')).toEqual([]);
  });

  it('records a version registered as already Approved (no field list on a registration event)', async () => {
    const w = world();
    const pkg = await w.registry.register({ groupName: 'churn', approvalStatus: 'Approved' });
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, updatedFields: [] },
      { policies: [policy()] },
    );
    expect(result.action).toBe('manual-change-recorded');
    expect((await w.records()).map((r) => [r.kind, r.actor])).toEqual([
      ['approval.manual-change-seen', 'ci-pipeline'],
    ]);
  });

  it('ignores metadata-only changes by others on a decided version', async () => {
    const w = world();
    const pkg = await w.register();
    await w.registry.updateApproval({
      arn: pkg.arn,
      approvalStatus: 'Approved',
      approvalDescription: 'ok',
      customerMetadata: {},
    });
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, updatedFields: ['CustomerMetadataProperties'] },
      { policies: [policy()] },
    );
    expect(result.action).toBe('ignored');
    expect((await w.records()).length).toBe(0);
  });

  it('finishes a decision whose registry update failed, without deciding twice', async () => {
    const w = world();
    const pkg = await w.register();
    const update = vi
      .spyOn(w.registry, 'updateApproval')
      .mockRejectedValueOnce(new Error('ThrottlingException'));
    await expect(
      runRegistryGate(w.ports, { modelPackageArn: pkg.arn, eventId: 'e-1' }, { policies: [policy()] }),
    ).rejects.toThrow('ThrottlingException');
    const retry = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, eventId: 'e-1' },
      { policies: [policy()] },
    );
    expect(retry.action).toBe('re-applied');
    expect(update).toHaveBeenCalledTimes(2);
    expect((await w.registry.describe(pkg.arn)).approvalStatus).toBe('Approved');
    expect((await w.records()).filter((r) => r.kind === 'approval.decided')).toHaveLength(1);
  });

  it('finishes a decision whose audit append failed: appends it once, then updates the registry', async () => {
    const w = world();
    const pkg = await w.register();
    const append = w.audit.append.bind(w.audit);
    vi.spyOn(w.audit, 'append').mockImplementation(async (entry) => {
      if (
        entry.kind === 'approval.decided' &&
        !(await w.records()).some((r) => r.kind === 'approval.decided-attempt')
      ) {
        await append({ ...entry, kind: 'approval.decided-attempt' });
        throw new Error('SlowDown');
      }
      return append(entry);
    });
    await expect(
      runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] }),
    ).rejects.toThrow('SlowDown');
    expect((await w.registry.describe(pkg.arn)).approvalStatus).toBe('PendingManualApproval');
    const retry = await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    expect(retry.action).toBe('re-applied');
    const decided = (await w.records()).filter((r) => r.kind === 'approval.decided');
    expect(decided).toHaveLength(1);
    const after = await w.registry.describe(pkg.arn);
    expect(after.approvalStatus).toBe('Approved');
    expect(after.customerMetadata['vigil:audit-sequence']).toBe(String(decided[0]!.sequence));
    expect(after.customerMetadata['vigil:decision-sha256']).toBe(decided[0]!.details.decisionSha256);
  });

  it('records a person re-approving with their own description as a manual change, not as its own', async () => {
    const w = world();
    const pkg = await w.register();
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    await w.registry.updateApproval({
      arn: pkg.arn,
      approvalStatus: 'Approved',
      approvalDescription: 'Re-approved after review RC-9',
      customerMetadata: {},
      changedBy: 'dana',
    });
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, updatedFields: ['ModelApprovalStatus', 'ApprovalDescription'] },
      { policies: [policy()] },
    );
    expect(result.action).toBe('manual-change-recorded');
    expect((await w.records()).at(-1)).toMatchObject({ kind: 'approval.manual-change-seen', actor: 'dana' });
  });

  it('leaves a version without a policy, or still in progress, alone', async () => {
    const w = world();
    const pkg = await w.register();
    const noPolicy = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn },
      { policies: [policy({ modelPackageGroup: 'other' })] },
    );
    expect(noPolicy.action).toBe('no-policy');
    expect((await w.registry.describe(pkg.arn)).approvalStatus).toBe('PendingManualApproval');
    vi.spyOn(w.registry, 'describe').mockResolvedValueOnce({ ...pkg, status: 'InProgress' });
    const notReady = await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    expect(notReady.action).toBe('not-ready');
  });

  it('evaluates a version left pending again when its card status changes, and only then', async () => {
    const w = world();
    const pkg = await w.register();
    const leavePending = policy({ modelCard: { requiredStatus: 'Approved' }, onFail: 'leave-pending' });
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [leavePending] });
    const unchanged = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, cardStatus: 'Draft' },
      { policies: [leavePending] },
    );
    expect(unchanged.action).toBe('ignored');
    await w.cards.updateStatus('churn-v1', 'Approved');
    const reviewed = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, cardStatus: 'Approved', eventId: 'card-event-1' },
      { policies: [leavePending] },
    );
    expect(reviewed).toMatchObject({ action: 'decided', outcome: 'approve' });
    expect((await w.registry.describe(pkg.arn)).approvalStatus).toBe('Approved');
    const later = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, cardStatus: 'PendingReview' },
      { policies: [leavePending] },
    );
    expect(later.action).toBe('ignored');
  });

  it('re-evaluates a pending version on request with a new attempt', async () => {
    const w = world();
    const pkg = await w.register();
    const leavePending = policy({ modelCard: { requiredStatus: 'Approved' }, onFail: 'leave-pending' });
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [leavePending] });
    await w.cards.updateStatus('churn-v1', 'Approved');
    const again = await runRegistryGate(
      w.ports,
      { modelPackageArn: pkg.arn, reevaluate: true },
      { policies: [leavePending] },
    );
    expect(again).toMatchObject({
      action: 'decided',
      outcome: 'approve',
      decisionKey: 'governance/decisions/churn/v1/002.json',
    });
    expect((await w.registry.describe(pkg.arn)).approvalStatus).toBe('Approved');
  });
});
