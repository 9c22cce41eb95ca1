import { type MonitoringExecutionDetail, silentLog } from '@vigil/core';
import {
  appendMonitoringRun,
  buildModelCardContent,
  MAX_CARD_CONTENT_CHARACTERS,
  type ModelCardContent,
  modelCardNameFor,
  renderCardHtml,
  renderCardMarkdown,
  syncModelCard,
  validateModelCard,
} from '@vigil/core/cards';
import { collectPackageEvidence, runRegistryGate } from '@vigil/core/governance';
import { describe, expect, it, vi } from 'vitest';
import { policy, serve, world } from '../governance/harness.ts';

function run(hour: number, overrides: Partial<MonitoringExecutionDetail> = {}): MonitoringExecutionDetail {
  const scheduledTime = new Date(Date.UTC(2026, 2, 2, hour)).toISOString();
  return {
    endpointName: 'churn-prod',
    monitoringScheduleName: 'churn-prod-model-quality',
    monitoringType: 'ModelQuality',
    status: 'Completed',
    scheduledTime,
    windowStart: scheduledTime,
    windowEnd: scheduledTime,
    reportUri: `s3://vigil-bucket/reports/churn-prod/model-quality/2026/03/02/${String(hour).padStart(2, '0')}/`,
    violationCount: 0,
    violations: [],
    metrics: { auc: 0.9 - hour / 1000, accuracy: 0.88 },
    skipped: [],
    recordCount: 1200,
    ...overrides,
  };
}

describe('model card validation', () => {
  it('accepts the card built for a registered version', async () => {
    const w = world();
    const pkg = await w.register();
    const content = buildModelCardContent(pkg, await collectPackageEvidence(pkg, w.ports.locate));
    expect(validateModelCard(modelCardNameFor(pkg.groupName, pkg.version), content)).toEqual([]);
    expect(content.model_overview).toMatchObject({
      model_id: pkg.arn,
      model_version: 1,
      model_owner: 'Churn team',
    });
    expect(content.intended_uses?.risk_rating).toBe('Medium');
    const groups = content.evaluation_details?.[0]?.metric_groups ?? [];
    expect(groups.map((g) => g.name)).toEqual(['model_quality_BinaryClassification', 'bias_post_training']);
    expect(groups[0]!.metric_data).toContainEqual({
      name: 'confusion_matrix',
      type: 'matrix',
      value: [
        [200, 30],
        [20, 250],
      ],
      x_axis_name: ['0', '1'],
      y_axis_name: ['0', '1'],
    });
  });

  it('reports every broken limit: name, content size, unknown keys, enums, metric shapes', () => {
    const big = 'x'.repeat(MAX_CARD_CONTENT_CHARACTERS);
    const issues = validateModelCard('a'.repeat(64), {
      model_overview: { model_description: big },
      intended_uses: { risk_rating: 'Severe' },
      surprise: true,
      evaluation_details: [
        {
          name: 'e',
          metric_groups: [
            {
              name: 'g',
              metric_data: [{ name: 'm', type: 'matrix', value: [[1, 2]], x_axis_name: 'not-a-list' }],
            },
          ],
        },
      ],
    });
    const paths = issues.map((i) => i.path);
    expect(paths).toContain('name');
    expect(paths).toContain('content');
    expect(paths).toContain('model_overview.model_description');
    expect(paths).toContain('intended_uses.risk_rating');
    expect(paths).toContain('');
    expect(paths).toContain('evaluation_details[0].metric_groups[0].metric_data[0].x_axis_name');
    expect(issues.find((i) => i.path === 'content')?.message).toMatch(/more than SageMaker's 100000/);
  });

  it('accepts exactly 100,000 characters of content and refuses one more', () => {
    const sized = (size: number): ModelCardContent => {
      const details: Record<string, string> = {};
      const content = { additional_information: { custom_details: details } };
      let i = 0;
      // Whole 1000-character values while they fit, then one value that lands exactly on `size`.
      while (JSON.stringify(content).length + 1010 < size) details[`k${i++}`] = 'v'.repeat(1000);
      details.z = '';
      details.z = 'v'.repeat(size - JSON.stringify(content).length);
      return content;
    };
    const exact = sized(MAX_CARD_CONTENT_CHARACTERS);
    expect(JSON.stringify(exact).length).toBe(MAX_CARD_CONTENT_CHARACTERS);
    expect(validateModelCard('c', exact).filter((i) => i.path === 'content')).toEqual([]);
    const over = sized(MAX_CARD_CONTENT_CHARACTERS + 1);
    expect(validateModelCard('c', over).map((i) => i.path)).toEqual(['content']);
  });

  it('names cards within 63 characters, distinct per group and version', () => {
    expect(modelCardNameFor('churn', 12)).toBe('churn-v12');
    const long = `team-${'a'.repeat(58)}`;
    const other = `team-${'a'.repeat(57)}b`;
    const name = modelCardNameFor(long, 123);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
    expect(name.endsWith('-v123')).toBe(true);
    expect(modelCardNameFor(other, 123)).not.toBe(name);
  });
});

describe('appendMonitoringRun', () => {
  const base: ModelCardContent = {
    model_overview: { model_name: 'churn' },
    evaluation_details: [{ name: 'registration-v1' }],
  };

  it('adds a run, counts it, and changes nothing when the same run comes again', () => {
    const first = appendMonitoringRun(
      base,
      run(1, { status: 'CompletedWithViolations', violationCount: 2 }),
      24,
    );
    expect(first.changed).toBe(true);
    expect(first.content.evaluation_details?.map((e) => e.name)).toEqual([
      'registration-v1',
      'ModelQuality 2026-03-02T01Z',
    ]);
    expect(first.content.additional_information?.custom_details?.vigil_runs_ModelQuality).toBe(
      'total=1; with_violations=1; failed=0; first=2026-03-02T01:00:00.000Z; last=2026-03-02T01:00:00.000Z',
    );
    const again = appendMonitoringRun(
      first.content,
      run(1, { status: 'CompletedWithViolations', violationCount: 2 }),
      24,
    );
    expect(again).toEqual({ content: first.content, changed: false, dropped: 0 });
  });

  it('keeps only the newest runs, never the registration evaluation, and keeps the totals', () => {
    let content = base;
    for (let h = 0; h < 10; h++) content = appendMonitoringRun(content, run(h), 3).content;
    expect(content.evaluation_details?.map((e) => e.name)).toEqual([
      'registration-v1',
      'ModelQuality 2026-03-02T07Z',
      'ModelQuality 2026-03-02T08Z',
      'ModelQuality 2026-03-02T09Z',
    ]);
    expect(content.additional_information?.custom_details?.vigil_runs_ModelQuality).toMatch(/^total=10; /);
  });

  it('drops old runs to stay within 100,000 characters', () => {
    let content = base;
    const violations = Array.from({ length: 20 }, (_, i) => ({
      subject: `f${i}`,
      checkType: 'baseline_drift_check',
      description: 'd'.repeat(400),
    }));
    const metrics = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`feature_baseline_drift_${'n'.repeat(150)}_${i}`, i / 7]),
    );
    for (let h = 0; h < 24; h++)
      content = appendMonitoringRun(
        content,
        run(h, { violations, violationCount: 20, metrics }),
        200,
      ).content;
    expect(JSON.stringify(content).length).toBeLessThanOrEqual(MAX_CARD_CONTENT_CHARACTERS);
    expect(validateModelCard('c', content)).toEqual([]);
    expect(content.evaluation_details!.length).toBeLessThan(25);
    expect(content.evaluation_details!.at(-1)?.name).toBe('ModelQuality 2026-03-02T23Z');
  });
});

describe('syncModelCard', () => {
  const config = (reviewOnViolations: boolean) => ({
    endpoints: [{ name: 'churn-prod', modelPackageGroup: 'churn' }] as never,
    approvalPolicies: [policy({ cards: { maxMonitoringEvaluations: 5, reviewOnViolations } })],
  });

  it("adds the run to the served version's card as a new version and records it in the audit log", async () => {
    const w = world();
    const pkg = await w.register();
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    await serve(w.store, [pkg.arn]);
    const ports = { cards: w.cards, registry: w.registry, audit: w.audit, store: w.store, log: silentLog };
    const result = await syncModelCard(ports, run(5), { config: config(false) });
    expect(result).toMatchObject({
      action: 'updated',
      cardName: 'churn-v1',
      cardVersion: 3,
      modelPackageArn: pkg.arn,
    });
    const card = await w.cards.get('churn-v1');
    expect((card!.content as ModelCardContent).evaluation_details?.at(-1)?.metadata).toMatchObject({
      status: 'Completed',
      report_uri: 's3://vigil-bucket/reports/churn-prod/model-quality/2026/03/02/05/',
    });
    const recorded = (await w.records()).filter((r) => r.kind === 'monitoring.execution');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ subject: pkg.arn, details: { cardVersion: 3, violationCount: 0 } });
    const duplicate = await syncModelCard(ports, run(5), { config: config(false) });
    expect(duplicate.action).toBe('duplicate');
    expect((await w.cards.listVersions('churn-v1')).length).toBe(3);
  });

  it('adds the run again when a concurrent writer replaced the version it wrote', async () => {
    const w = world();
    const pkg = await w.register();
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    await serve(w.store, [pkg.arn]);
    const base = (await w.cards.get('churn-v1'))!.content;
    const real = w.cards.updateContent.bind(w.cards);
    // Another card-sync writes its own version from the same base right after ours.
    vi.spyOn(w.cards, 'updateContent').mockImplementationOnce(async (name, content) => {
      await real(name, content);
      return real(name, { ...base, evaluation_details: [{ name: 'other writer' }] });
    });
    const ports = { cards: w.cards, registry: w.registry, audit: w.audit, store: w.store, log: silentLog };
    const result = await syncModelCard(ports, run(9), { config: config(false) });
    expect(result).toMatchObject({ action: 'updated', cardVersion: 5 });
    const names = ((await w.cards.get('churn-v1'))!.content as ModelCardContent).evaluation_details?.map(
      (e) => e.name,
    );
    expect(names).toEqual(['other writer', 'ModelQuality 2026-03-02T09Z']);
  });

  it('puts an Approved card back to review in a separate status call when a run finds violations', async () => {
    const w = world();
    const pkg = await w.register();
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    await w.cards.updateStatus('churn-v1', 'Approved');
    await serve(w.store, [pkg.arn]);
    const content = vi.spyOn(w.cards, 'updateContent');
    const status = vi.spyOn(w.cards, 'updateStatus');
    const ports = { cards: w.cards, registry: w.registry, audit: w.audit, store: w.store, log: silentLog };
    const result = await syncModelCard(
      ports,
      run(6, { status: 'CompletedWithViolations', violationCount: 3 }),
      {
        config: config(true),
      },
    );
    expect(result.statusChangedTo).toBe('PendingReview');
    expect(content).toHaveBeenCalledTimes(1);
    expect(status).toHaveBeenCalledWith('churn-v1', 'PendingReview');
    expect(content.mock.invocationCallOrder[0]!).toBeLessThan(status.mock.invocationCallOrder[0]!);
    expect((await w.cards.get('churn-v1'))?.status).toBe('PendingReview');
  });

  it('does not touch an archived card but still records the run; says so when no version is served', async () => {
    const w = world();
    const pkg = await w.register();
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    await w.cards.updateStatus('churn-v1', 'Archived');
    await serve(w.store, [pkg.arn]);
    const ports = { cards: w.cards, registry: w.registry, audit: w.audit, store: w.store, log: silentLog };
    expect((await syncModelCard(ports, run(7), { config: config(false) })).action).toBe('archived');
    expect((await w.cards.listVersions('churn-v1')).length).toBe(2);
    const unknown = await syncModelCard(ports, run(8, { endpointName: 'elsewhere' }), {
      config: config(false),
    });
    expect(unknown.action).toBe('no-model-package');
  });
});

describe('card rendering', () => {
  it('renders Markdown and self-contained HTML with approval history and monitoring results, escaped', async () => {
    const w = world();
    const pkg = await w.register({
      card: {
        model_overview: { model_owner: 'Churn <team> & co' },
        intended_uses: { risk_rating: 'High', purpose_of_model: 'Predict churn | retention' },
      },
    });
    await runRegistryGate(w.ports, { modelPackageArn: pkg.arn }, { policies: [policy()] });
    await serve(w.store, [pkg.arn]);
    const ports = { cards: w.cards, registry: w.registry, audit: w.audit, store: w.store, log: silentLog };
    await syncModelCard(ports, run(3, { status: 'CompletedWithViolations', violationCount: 1 }), {
      config: {
        endpoints: [{ name: 'churn-prod', modelPackageGroup: 'churn' }] as never,
        approvalPolicies: [],
      },
    });
    const card = (await w.cards.get('churn-v1'))!;
    const auditRecords = (await w.records()).filter((r) => r.subject === pkg.arn);
    const generatedAt = new Date('2026-03-03T00:00:00Z');
    const md = renderCardMarkdown(card, { auditRecords, generatedAt });
    expect(md).toContain('# Model card churn-v1');
    expect(md).toContain('- **Risk rating:** High');
    expect(md).toContain('- **Purpose:** Predict churn \\| retention');
    expect(md).toMatch(
      /\| 2026-03-02T09:30:00.000Z \| approval.decided \| registry-gate \| Vigil approval gate: APPROVED/,
    );
    // One row per run, the key metrics in their own columns, the version that served named.
    expect(md).toContain('### ModelQuality runs (1)');
    expect(md).toContain(
      '| Window (UTC) | Served by | Status | Violations | Records | accuracy | auc | Report |',
    );
    expect(md).toContain(
      '| 2026-03-02 03:00 | v1 (churn-prod-config-1) | CompletedWithViolations | 1 | 1200 | 0.88 | 0.897 | s3://vigil-bucket/reports/churn-prod/model-quality/2026/03/02/03/ |',
    );
    // Inside an export bundle the report is a relative link; the package's status is the one stated.
    const bundled = renderCardMarkdown(card, {
      auditRecords,
      generatedAt,
      approvalStatus: 'Rejected',
      reportLink: () => '../reports/churn-prod/model-quality/2026/03/02/03/',
    });
    expect(bundled).toContain('| [report](../reports/churn-prod/model-quality/2026/03/02/03/) |');
    expect(bundled).toMatch(/^_Approval status Rejected\. Card version \d+ \(model card status Draft/m);
    const html = renderCardHtml(card, { auditRecords, generatedAt });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<dd>Churn &lt;team&gt; &amp; co</dd>');
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('<h2>Approval history</h2>');
    expect(html).toContain('@media print');
  });
});
