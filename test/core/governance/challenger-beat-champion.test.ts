import { parseConfig, silentLog } from '@vigil/core';
import { runRegistryGate } from '@vigil/core/governance';
import { type EndpointRecord, writeEndpointRecord } from '@vigil/core/rollback';
import { parseComparison, runVariantComparison, variantPackagesDuring } from '@vigil/core/variants';
import { describe, expect, it } from 'vitest';
import { clock, world } from './harness.ts';

// The gate's clock is 2026-03-02T09:30Z; the comparison covers 08:00–09:00 of that day.
const window = { start: new Date('2026-03-02T08:00:00Z'), end: new Date('2026-03-02T09:00:00Z') };
const N = 400;
const truth = (i: number) => i % 2;

function captureLine(id: string, label: number): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' },
      endpointOutput: {
        observedContentType: 'text/csv',
        mode: 'OUTPUT',
        data: String(label),
        encoding: 'CSV',
      },
    },
    eventMetadata: { eventId: `e-${id}`, inferenceId: id, inferenceTime: '2026-03-02T08:30:00Z' },
    eventVersion: '0',
  });
}

/** A policy whose one rule is challengerBeatChampion on churn-prod, validated as config loading would. */
function challengerPolicy(extra: Record<string, unknown> = {}) {
  return parseConfig({
    version: 1,
    endpoints: [
      {
        name: 'churn-prod',
        variants: {
          champion: 'A',
          challengers: ['B'],
          problemType: 'BinaryClassification',
          metric: 'accuracy',
        },
      },
    ],
    approvalPolicies: [
      { modelPackageGroup: 'churn', challengerBeatChampion: { endpoint: 'churn-prod', ...extra } },
    ],
  }).approvalPolicies[0]!;
}

const endpoints = [{ name: 'churn-prod', reports: 'reports' }];

/**
 * A world where version 1 serves variant A (right on 35 of every 50 requests: 0.7) and version 2
 * serves B (right on `challengerRight` of every 50), and the compare-variants job has compared them.
 */
async function comparedWorld(challengerRight: number) {
  const w = world();
  const champion = await w.register();
  const challenger = await w.register();
  const record: EndpointRecord = {
    endpoint: 'churn-prod',
    status: 'InService',
    current: {
      configName: 'churn-ab',
      since: '2026-03-01T00:00:00Z',
      variants: ['A', 'B'],
      modelPackageArns: [champion.arn, challenger.arn],
      variantPackages: { A: [champion.arn], B: [challenger.arn] },
    },
    rolledBackFrom: [],
    lastEventAt: '2026-03-01T00:00:00Z',
    recentEventIds: [],
  };
  await writeEndpointRecord(w.store, record);
  const says = (i: number, right: number) => (i % 50 < right ? truth(i) : 1 - truth(i));
  const ids = Array.from({ length: N }, (_, i) => i);
  await w.store.put(
    'capture/churn-prod/A/2026/03/02/08/30-00-000-a.jsonl',
    ids.map((i) => captureLine(`a-${i}`, says(i, 35))).join('\n'),
  );
  await w.store.put(
    'capture/churn-prod/B/2026/03/02/08/30-00-000-b.jsonl',
    ids.map((i) => captureLine(`b-${i}`, says(i, challengerRight))).join('\n'),
  );
  const label = (id: string, value: number) =>
    JSON.stringify({
      groundTruthData: { data: String(value), encoding: 'CSV' },
      eventMetadata: { eventId: id },
      eventVersion: '0',
    });
  await w.store.put(
    'ground-truth/churn/2026/03/02/08/0000.jsonl',
    ids.flatMap((i) => [label(`a-${i}`, truth(i)), label(`b-${i}`, truth(i))]).join('\n'),
  );
  const run = await runVariantComparison(
    { metrics: { publish: async () => {} }, clock, log: silentLog },
    {
      endpoint: 'churn-prod',
      champion: 'A',
      challengers: ['B'],
      shadows: [],
      scheduledTime: window.end,
      window,
      labelWindow: window,
      capture: { store: w.store, key: 'capture' },
      captureSource: 'capture',
      groundTruth: { store: w.store, key: 'ground-truth/churn' },
      reports: { store: w.store, key: 'reports' },
      problemType: 'BinaryClassification',
      attributes: {},
      significance: 0.05,
      minimumEffect: 0.05,
      power: 0.8,
      metric: 'accuracy',
      publishMetrics: false,
      modelPackages: variantPackagesDuring(record, window, ['A', 'B']),
    },
  );
  return { w, champion, challenger, run };
}

describe('approval rule challengerBeatChampion', () => {
  it('records which version each variant served in comparison.json', async () => {
    const { w, champion, challenger, run } = await comparedWorld(45);
    const document = parseComparison(new TextDecoder().decode(await w.store.get(run.reportKey)));
    expect(run.reportKey).toBe('reports/churn-prod/variant-comparison/2026/03/02/09/comparison.json');
    expect(document.modelPackages).toEqual({ A: [champion.arn], B: [challenger.arn] });
  });

  it('approves the challenger’s version when the newest comparison says challenger_better', async () => {
    // 0.9 against 0.7 on 400 labeled predictions each: difference 0.2, pooled z = 0.2 / √(0.8·0.2·2/400)
    // ≈ 7.071, p ≈ 1.537e-12 (scipy).
    const { w, challenger } = await comparedWorld(45);
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: challenger.arn },
      { policies: [challengerPolicy()], endpoints },
    );
    expect(result).toMatchObject({ action: 'decided', outcome: 'approve', approvalStatus: 'Approved' });
    expect(result.rules).toEqual([
      {
        rule: 'challenger beat champion on churn-prod',
        passed: true,
        detail: expect.stringMatching(
          /^B \(challenger\) challenger_better on accuracy: difference 0\.2, p 1\.537e-12 in the comparison of 2026-03-02T08:00:00\.000Z–2026-03-02T09:00:00\.000Z$/,
        ),
      },
    ]);
  });

  it('fails for the champion’s own version, which beat nobody', async () => {
    const { w, champion } = await comparedWorld(45);
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: champion.arn },
      { policies: [challengerPolicy()], endpoints },
    );
    expect(result.outcome).toBe('reject');
    expect(result.rules?.[0]).toMatchObject({
      passed: false,
      detail: expect.stringContaining('served the champion A'),
    });
  });

  it('fails, saying so, when the comparison is inconclusive', async () => {
    // 0.72 against 0.7 on 400 each: pooled z = 0.02 / √(0.71·0.29·2/400) ≈ 0.623, p ≈ 0.5331 (scipy).
    const { w, challenger } = await comparedWorld(36);
    const result = await runRegistryGate(
      w.ports,
      { modelPackageArn: challenger.arn },
      { policies: [challengerPolicy()], endpoints },
    );
    expect(result.outcome).toBe('reject');
    expect(result.rules?.[0]).toMatchObject({
      passed: false,
      detail: expect.stringMatching(
        /^B \(challenger\) inconclusive on accuracy: difference 0\.02, p 0\.5331 in the comparison of /,
      ),
    });
  });

  it('fails when no comparison exists, or the newest is older than maxAgeHours', async () => {
    const fresh = world();
    const pkg = await fresh.register();
    const none = await runRegistryGate(
      fresh.ports,
      { modelPackageArn: pkg.arn },
      { policies: [challengerPolicy()], endpoints },
    );
    expect(none.rules?.[0]).toMatchObject({
      passed: false,
      detail: expect.stringContaining(
        'no comparison.json under s3://vigil-bucket/reports/churn-prod/variant-comparison/',
      ),
    });
    // The comparison's window ended at 09:00; the gate decides at 09:30.
    const { w, challenger } = await comparedWorld(45);
    const stale = await runRegistryGate(
      w.ports,
      { modelPackageArn: challenger.arn },
      { policies: [challengerPolicy({ maxAgeHours: 0.25 })], endpoints },
    );
    expect(stale.rules?.[0]).toMatchObject({
      passed: false,
      detail: expect.stringContaining('is 0.5 h old'),
    });
  });

  it('is refused by configuration validation unless the endpoint has a variants section', () => {
    expect(() =>
      parseConfig({
        version: 1,
        endpoints: [{ name: 'plain' }],
        approvalPolicies: [{ modelPackageGroup: 'churn', challengerBeatChampion: { endpoint: 'plain' } }],
      }),
    ).toThrow(/endpoint "plain" has no variants section/);
  });
});
