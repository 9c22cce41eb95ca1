import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EventShapeError, fixedClock, silentLog } from '@vigil/core';
import {
  normalizeEndpointStatus,
  readEndpointRecord,
  trackEndpointEvent,
  writeEndpointRecord,
} from '@vigil/core/rollback';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../../../shared/fixtures/events/${name}`, import.meta.url)),
      'utf8',
    ),
  );
const deploying = fixture('sagemaker-endpoint-deployment-state-change.json');
const ports = () => ({
  store: new MemoryStore('mem://vigil'),
  clock: fixedClock(new Date('2021-10-26T00:00:00Z')),
  log: silentLog,
});

/** The fixture endpoint reaching InService on `config` at `time`. */
function inService(config: string, time: string, id: string) {
  return {
    ...structuredClone(deploying),
    id,
    'detail-type': 'SageMaker Endpoint State Change',
    time,
    detail: {
      ...structuredClone(deploying.detail),
      EndpointConfigName: config,
      EndpointStatus: 'IN_SERVICE',
      PendingDeploymentSummary: undefined,
    },
  };
}

describe('trackEndpointEvent', () => {
  it('records a deployment in progress from the fixture, then the previous config once the new one serves', async () => {
    const p = ports();
    const first = await trackEndpointEvent(p, deploying);
    expect(first.outcome).toBe('applied');
    expect(first.record).toMatchObject({
      endpoint: 'sample-endpoint',
      status: 'Updating',
      current: { configName: 'sample-endpoint-config-1' },
      deployment: {
        targetConfigName: 'sample-endpoint-config-2',
        fromConfigName: 'sample-endpoint-config-1',
      },
    });
    expect(first.record.previous).toBeUndefined();
    await trackEndpointEvent(p, inService('sample-endpoint-config-2', '2021-10-25T02:30:00Z', 'e2'));
    const record = await readEndpointRecord(p.store, 'sample-endpoint');
    expect(record).toMatchObject({
      status: 'InService',
      current: { configName: 'sample-endpoint-config-2', since: '2021-10-25T02:30:00.000Z' },
      previous: { configName: 'sample-endpoint-config-1' },
    });
    expect(record?.deployment).toBeUndefined();
  });

  it('ignores duplicates and events older than the newest applied', async () => {
    const p = ports();
    await trackEndpointEvent(p, inService('cfg-1', '2021-10-25T01:00:00Z', 'a'));
    await trackEndpointEvent(p, inService('cfg-2', '2021-10-25T03:00:00Z', 'b'));
    expect((await trackEndpointEvent(p, inService('cfg-2', '2021-10-25T03:00:00Z', 'b'))).outcome).toBe(
      'duplicate',
    );
    // cfg-1's late "InService" must not make cfg-2 the previous config.
    expect((await trackEndpointEvent(p, inService('cfg-1', '2021-10-25T02:00:00Z', 'late'))).outcome).toBe(
      'out-of-order',
    );
    const record = await readEndpointRecord(p.store, 'sample-endpoint');
    expect([record?.current.configName, record?.previous?.configName]).toEqual(['cfg-2', 'cfg-1']);
  });

  it('keeps the record when SageMaker rolled a deployment back itself', async () => {
    const p = ports();
    await trackEndpointEvent(p, deploying);
    await trackEndpointEvent(p, inService('sample-endpoint-config-1', '2021-10-25T02:10:00Z', 'rolled-back'));
    const record = await readEndpointRecord(p.store, 'sample-endpoint');
    expect(record?.current.configName).toBe('sample-endpoint-config-1');
    expect(record?.previous).toBeUndefined();
    expect(record?.deployment).toBeUndefined();
  });

  it("holds the record steady while Vigil's own rollback runs", async () => {
    const p = ports();
    await trackEndpointEvent(p, inService('cfg-6', '2021-10-25T01:00:00Z', 'a'));
    await trackEndpointEvent(p, inService('cfg-7', '2021-10-25T02:00:00Z', 'b'));
    const record = await readEndpointRecord(p.store, 'sample-endpoint');
    if (!record) throw new Error('no record');
    // What respondToGuardrailAlarm writes when it rolls back.
    await writeEndpointRecord(p.store, {
      ...record,
      status: 'Updating',
      current: { configName: 'cfg-6', since: '2021-10-25T03:00:00.000Z' },
      previous: record.current,
      rolledBackFrom: ['cfg-7'],
      rollingBackTo: 'cfg-6',
    });
    // SageMaker reports the update: cfg-7 still serving, cfg-6 pending.
    const updating = {
      ...structuredClone(deploying),
      id: 'u',
      time: '2021-10-25T03:00:05Z',
      detail: {
        ...structuredClone(deploying.detail),
        EndpointConfigName: 'cfg-7',
        PendingDeploymentSummary: { EndpointConfigName: 'cfg-6' },
      },
    };
    const during = await trackEndpointEvent(p, updating);
    expect(during.record).toMatchObject({
      current: { configName: 'cfg-6' },
      previous: { configName: 'cfg-7' },
      rollingBackTo: 'cfg-6',
    });
    expect(during.record.deployment).toBeUndefined();
    const done = await trackEndpointEvent(p, inService('cfg-6', '2021-10-25T03:20:00Z', 'c'));
    expect(done.record).toMatchObject({
      status: 'InService',
      current: { configName: 'cfg-6' },
      previous: { configName: 'cfg-7' },
    });
    expect(done.record.rollingBackTo).toBeUndefined();
  });

  it('reads the endpoint state fixture (epoch-ms time string, IN_SERVICE) and rejects other events', async () => {
    const p = ports();
    const result = await trackEndpointEvent(p, fixture('sagemaker-endpoint-state-change.json'));
    expect(result.record).toMatchObject({
      endpoint: 'MyEndpoint',
      status: 'InService',
      current: { configName: 'MyEndpointConfig', since: '2020-03-10T09:18:09.050Z' },
    });
    await expect(trackEndpointEvent(p, fixture('cloudwatch-alarm-state-change.json'))).rejects.toThrow(
      EventShapeError,
    );
    await expect(
      trackEndpointEvent(p, { ...deploying, detail: { ...deploying.detail, EndpointStatus: 'SLEEPING' } }),
    ).rejects.toThrow(EventShapeError);
  });

  it('normalises every status spelling', () => {
    expect(normalizeEndpointStatus('IN_SERVICE')).toBe('InService');
    expect(normalizeEndpointStatus('UPDATE_ROLLBACK_FAILED')).toBe('UpdateRollbackFailed');
    expect(normalizeEndpointStatus('SystemUpdating')).toBe('SystemUpdating');
    expect(normalizeEndpointStatus('OUT_OF_SERVICE')).toBe('OutOfService');
    expect(normalizeEndpointStatus('bogus')).toBeUndefined();
  });
});
