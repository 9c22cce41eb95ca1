import { silentLog } from '@vigil/core';
import { auditRecordKey, exportComplianceBundle, renderComplianceBundleMarkdown } from '@vigil/core/audit';
import { syncModelCard } from '@vigil/core/cards';
import { runRegistryGate } from '@vigil/core/governance';
import { describe, expect, it } from 'vitest';
import { clock, policy, world } from '../governance/harness.ts';

async function governedGroup() {
  const w = world();
  const v1 = await w.register({
    auc: 0.9,
    card: {
      model_overview: { model_owner: 'Churn team', algorithm_type: 'XGBoost' },
      intended_uses: {
        risk_rating: 'Medium',
        purpose_of_model: 'Predict churn',
        intended_uses: 'Retention offers',
      },
      additional_information: { caveats_and_recommendations: 'Not for pricing decisions.' },
    },
  });
  await runRegistryGate(w.ports, { modelPackageArn: v1.arn }, { policies: [policy()] });
  const v2 = await w.register({ auc: 0.6 });
  await runRegistryGate(w.ports, { modelPackageArn: v2.arn }, { policies: [policy()] });
  await w.registry.updateApproval({
    arn: v2.arn,
    approvalStatus: 'Approved',
    approvalDescription: 'override',
    customerMetadata: {},
    changedBy: 'carol',
  });
  await runRegistryGate(
    w.ports,
    { modelPackageArn: v2.arn, updatedFields: ['ModelApprovalStatus'] },
    { policies: [policy()] },
  );
  await syncModelCard(
    { cards: w.cards, registry: w.registry, audit: w.audit, store: w.store, log: silentLog },
    {
      endpointName: 'churn-prod',
      monitoringScheduleName: 'churn-prod-model-quality',
      monitoringType: 'ModelQuality',
      status: 'Completed',
      scheduledTime: '2026-03-02T10:00:00.000Z',
      windowStart: '2026-03-02T09:00:00.000Z',
      windowEnd: '2026-03-02T10:00:00.000Z',
      reportUri: 's3://vigil-bucket/reports/churn-prod/model-quality/2026/03/02/10/',
      violationCount: 0,
      violations: [],
      metrics: { auc: 0.88 },
      skipped: [],
      recordCount: 900,
      modelPackageArn: v1.arn,
    },
    { config: { endpoints: [], approvalPolicies: [] } },
  );
  return { w, v1, v2 };
}

describe('exportComplianceBundle', () => {
  it('gathers cards, decisions with evidence, manual changes, monitoring history and a checklist', async () => {
    const { w, v1, v2 } = await governedGroup();
    const bundle = await exportComplianceBundle(
      { registry: w.registry, cards: w.cards, store: w.store, clock },
      'churn',
    );
    expect(bundle.auditVerification.ok).toBe(true);
    expect(bundle.versions.map((v) => [v.package.version, v.package.approvalStatus])).toEqual([
      [1, 'Approved'],
      [2, 'Approved'],
    ]);
    const [first, second] = bundle.versions;
    expect(first!.decisions.map((d) => d.outcome)).toEqual(['approve']);
    expect(first!.decisions[0]!.evidence.reports.find((r) => r.kind === 'ModelQuality')).toMatchObject({
      status: 'present',
      metrics: { auc: 0.9, accuracy: 0.9 },
      sha256: [expect.stringMatching(/^[0-9a-f]{64}$/)],
    });
    expect(first!.monitoringHistory).toEqual([
      expect.objectContaining({
        monitoringType: 'ModelQuality',
        status: 'Completed',
        metrics: { auc: 0.88 },
      }),
    ]);
    expect(first!.card?.version).toBe(3);
    expect(second!.decisions.map((d) => d.outcome)).toEqual(['reject']);
    expect(second!.auditRecords.map((r) => r.kind)).toEqual([
      'card.created',
      'approval.decided',
      'approval.manual-change-seen',
    ]);
    expect(bundle.checklistVersion).toBe(2);
    expect(first!.package.arn).toBe(v1.arn);
    expect(second!.package.arn).toBe(v2.arn);
  });

  it('marks each checklist item present or missing, judged on the newest approved version', async () => {
    const { w } = await governedGroup();
    const bundle = await exportComplianceBundle(
      { registry: w.registry, cards: w.cards, store: w.store, clock },
      'churn',
    );
    const status = Object.fromEntries(
      bundle.checklist.map((i) => [`${i.framework} ${i.reference} ${i.item}`, i.status]),
    );
    // Version 2's card has owner and risk but no training data, no caveats and no monitoring yet.
    expect(
      status['EU AI Act Annex IV(2)(g) Validation and testing: metrics of accuracy and robustness'],
    ).toBe('present');
    expect(
      status['EU AI Act Annex IV(2)(g) Validation and testing: potentially discriminatory impacts'],
    ).toBe('present');
    expect(status['EU AI Act Annex IV(2)(e) Human oversight measures']).toBe('present');
    expect(status['EU AI Act Annex IV(2)(d) Data requirements: training data and its provenance']).toBe(
      'missing',
    );
    expect(status['EU AI Act Annex IV(9) Post-market monitoring plan and results (Art. 72)']).toBe('missing');
    expect(status['EU AI Act Art. 12 Automatic recording of events (logs), tamper-evident']).toBe('present');
    expect(status['SR 11-7 Governance: model inventory Risk tier']).toBe('present');
    expect(status['SR 11-7 Development and use Limitations and compensating controls']).toBe('missing');
    expect(bundle.checklist.find((i) => i.status === 'missing')?.evidence).toMatch(/^missing: /);
    const md = renderComplianceBundleMarkdown(bundle);
    expect(md).toContain('# Compliance bundle: model package group churn');
    expect(md).toContain('- Manual change #');
    expect(md).toMatch(/\| SR 11-7 \| Development and use \| Data lineage \| \*\*missing\*\* \|/);
  });

  it('checks each stored decision record against the digest its audit record noted', async () => {
    const { w } = await governedGroup();
    const key = 'governance/decisions/churn/v2/001.json';
    const before = await exportComplianceBundle(
      { registry: w.registry, cards: w.cards, store: w.store, clock },
      'churn',
    );
    expect(before.versions.map((v) => v.decisionIntegrity)).toEqual([
      { 'churn-v1-1': 'verified' },
      { 'churn-v2-1': 'verified' },
    ]);
    await w.store.put(key, JSON.stringify({ ...w.store.json(key), outcome: 'approve' }, null, 2));
    const after = await exportComplianceBundle(
      { registry: w.registry, cards: w.cards, store: w.store, clock },
      'churn',
    );
    expect(after.versions[1]!.decisionIntegrity).toEqual({ 'churn-v2-1': 'altered' });
    expect(renderComplianceBundleMarkdown(after)).toContain(
      '- Decision churn-v2-1 (2026-03-02T09:30:00.000Z): **approve**, record altered',
    );
  });

  it('marks the record-keeping item missing when the audit log was tampered with', async () => {
    const { w } = await governedGroup();
    const key = auditRecordKey('audit', 2);
    await w.store.put(key, JSON.stringify({ ...w.store.json(key), summary: 'edited' }));
    const bundle = await exportComplianceBundle(
      { registry: w.registry, cards: w.cards, store: w.store, clock },
      'churn',
    );
    expect(bundle.auditVerification.problems.map((p) => p.kind)).toEqual(['edited']);
    expect(bundle.checklist.find((i) => i.reference === 'Art. 12')?.status).toBe('missing');
    expect(renderComplianceBundleMarkdown(bundle)).toContain('**NOT verified**');
  });
});
