import { type MonitoringExecutionDetail, silentLog } from '@vigil/core';
import { syncModelCard } from '@vigil/core/cards';
import { readMonitoringHistory, runRegistryGate } from '@vigil/core/governance';
import {
  type EndpointRecord,
  readEndpointRecord,
  servedDuring,
  writeEndpointRecord,
} from '@vigil/core/rollback';
import { describe, expect, it } from 'vitest';
import { policy, serve, world } from './harness.ts';

const config = {
  endpoints: [{ name: 'churn-prod', modelPackageGroup: 'churn' }] as never,
  approvalPolicies: [policy()],
};

function run(start: string, end: string): MonitoringExecutionDetail {
  return {
    endpointName: 'churn-prod',
    monitoringScheduleName: 'churn-prod-data-quality',
    monitoringType: 'DataQuality',
    status: 'Completed',
    scheduledTime: end,
    windowStart: start,
    windowEnd: end,
    reportUri: 's3://vigil-bucket/reports/churn-prod/data-quality/2026/03/02/10/',
    violationCount: 0,
    violations: [],
    metrics: {},
    skipped: [],
    recordCount: 100,
  };
}

describe('attribution of monitoring runs to the version that served the window', () => {
  it('names both sides of a window that spans a deployment, each with its part', async () => {
    const w = world();
    await serve(w.store, ['arn:v1'], { configName: 'cfg-1', at: '2026-03-02T08:00:00Z' });
    await serve(w.store, ['arn:v2'], { configName: 'cfg-2', at: '2026-03-02T10:20:00Z' });
    const record = await readEndpointRecord(w.store, 'churn-prod');
    const window = (s: string, e: string) => ({ start: new Date(s), end: new Date(e) });
    expect(servedDuring(record, window('2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z'))).toEqual([
      {
        endpointConfigName: 'cfg-1',
        variantName: 'AllTraffic',
        modelPackageArn: 'arn:v1',
        from: '2026-03-02T09:00:00.000Z',
        to: '2026-03-02T10:00:00.000Z',
      },
    ]);
    expect(
      servedDuring(record, window('2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z')).map((s) => [
        s.modelPackageArn,
        s.from,
        s.to,
      ]),
    ).toEqual([
      ['arn:v1', '2026-03-02T10:00:00.000Z', '2026-03-02T10:20:00.000Z'],
      ['arn:v2', '2026-03-02T10:20:00.000Z', '2026-03-02T11:00:00.000Z'],
    ]);
    // Before anything was deployed, nothing served.
    expect(servedDuring(record, window('2026-03-02T06:00:00Z', '2026-03-02T07:00:00Z'))).toEqual([]);
  });

  it('follows a rollback written over the record, finding the packages of the config rolled back to', async () => {
    const w = world();
    await serve(w.store, ['arn:v1'], { configName: 'cfg-1', at: '2026-03-02T08:00:00Z' });
    await serve(w.store, ['arn:v2'], { configName: 'cfg-2', at: '2026-03-02T09:00:00Z' });
    const record = (await readEndpointRecord(w.store, 'churn-prod')) as EndpointRecord;
    // As alarm-router's rollback writes it: a new current, the history left as it was.
    await writeEndpointRecord(w.store, {
      ...record,
      current: { configName: 'cfg-1', since: '2026-03-02T09:45:00.000Z' },
      previous: record.current,
      rollingBackTo: 'cfg-1',
    });
    const after = await readEndpointRecord(w.store, 'churn-prod');
    const served = servedDuring(after, {
      start: new Date('2026-03-02T09:00:00Z'),
      end: new Date('2026-03-02T10:00:00Z'),
    });
    expect(
      served.map((s) => [s.endpointConfigName, s.modelPackageArn, s.from.slice(11, 16), s.to.slice(11, 16)]),
    ).toEqual([
      ['cfg-2', 'arn:v2', '09:00', '09:45'],
      ['cfg-1', 'arn:v1', '09:45', '10:00'],
    ]);
  });

  it('credits the version that served, not the newest approved one, and keeps the gate’s track record apart', async () => {
    const w = world();
    const v1 = await w.register();
    await runRegistryGate(w.ports, { modelPackageArn: v1.arn }, { policies: [policy()] });
    await serve(w.store, [v1.arn], { at: '2026-03-02T00:00:00Z' });
    // v2 is approved later but never deployed: the old fallback credited it with v1's runs.
    const v2 = await w.register({ auc: 0.92 });
    await runRegistryGate(w.ports, { modelPackageArn: v2.arn }, { policies: [policy()] });
    expect((await w.registry.describe(v2.arn)).approvalStatus).toBe('Approved');
    const result = await syncModelCard(
      { cards: w.cards, registry: w.registry, audit: w.audit, store: w.store, log: silentLog },
      run('2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z'),
      { config },
    );
    expect(result).toMatchObject({ action: 'updated', modelPackageArn: v1.arn, cardName: 'churn-v1' });
    const recorded = (await w.records()).filter((r) => r.kind === 'monitoring.execution');
    expect(recorded.map((r) => r.subject)).toEqual([v1.arn]);
    expect(recorded[0]!.details).toMatchObject({
      modelPackageVersion: 1,
      endpointConfigName: 'churn-prod-config-1',
      variantName: 'AllTraffic',
      servedFrom: '2026-03-02T09:00:00.000Z',
      servedTo: '2026-03-02T10:00:00.000Z',
    });
    expect(await readMonitoringHistory(w.store, v1)).toHaveLength(1);
    expect(await readMonitoringHistory(w.store, v2)).toEqual([]);
  });

  it('credits a window spanning a deployment to both versions, each record naming the whole split', async () => {
    const w = world();
    const v1 = await w.register();
    const v2 = await w.register();
    await serve(w.store, [v1.arn], { configName: 'cfg-1', at: '2026-03-02T00:00:00Z' });
    await serve(w.store, [v2.arn], { configName: 'cfg-2', at: '2026-03-02T09:15:00Z' });
    const result = await syncModelCard(
      { cards: w.cards, registry: w.registry, audit: w.audit, store: w.store, log: silentLog },
      run('2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z'),
      { config },
    );
    expect(result.modelPackageArn).toBe(v2.arn);
    expect(result.alsoCredited?.map((r) => r.modelPackageArn)).toEqual([v1.arn]);
    const recorded = (await w.records()).filter((r) => r.kind === 'monitoring.execution');
    expect(recorded.map((r) => [r.subject, r.details.servedFrom, r.details.servedTo])).toEqual([
      [v1.arn, '2026-03-02T09:00:00.000Z', '2026-03-02T09:15:00.000Z'],
      [v2.arn, '2026-03-02T09:15:00.000Z', '2026-03-02T10:00:00.000Z'],
    ]);
    expect(recorded[0]!.summary).toContain('v1 served 2026-03-02T09:00:00.000Z–2026-03-02T09:15:00.000Z');
    expect((recorded[1]!.details.servedBy as unknown[]).length).toBe(2);
  });

  it('records a run no deployment history covers nowhere, rather than guessing', async () => {
    const w = world();
    const v1 = await w.register();
    await runRegistryGate(w.ports, { modelPackageArn: v1.arn }, { policies: [policy()] });
    const result = await syncModelCard(
      { cards: w.cards, registry: w.registry, audit: w.audit, store: w.store, log: silentLog },
      run('2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z'),
      { config },
    );
    expect(result.action).toBe('no-model-package');
    expect((await w.records()).filter((r) => r.kind === 'monitoring.execution')).toEqual([]);
  });
});
