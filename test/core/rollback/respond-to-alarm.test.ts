import { type EndpointDescription, fixedClock, silentLog } from '@vigil/core';
import {
  decideRollback,
  type EndpointRecord,
  readEndpointRecord,
  respondToGuardrailAlarm,
  writeEndpointRecord,
} from '@vigil/core/rollback';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';
import { testConfig } from '../alerting/test-config.ts';
import { FakeController, MemoryAudit } from './fake-controller.ts';

const V6 = 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/6';
const V7 = 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/7';
const record: EndpointRecord = {
  endpoint: 'churn-prod',
  status: 'InService',
  current: { configName: 'churn-cfg-7', since: '2024-05-01T09:00:00.000Z' },
  previous: { configName: 'churn-cfg-6', since: '2024-04-20T09:00:00.000Z' },
  rolledBackFrom: [],
  lastEventAt: '2024-05-01T09:00:00.000Z',
  recentEventIds: [],
};
const live: EndpointDescription = { name: 'churn-prod', status: 'InService', configName: 'churn-cfg-7' };

function setup(
  policy: 'notify' | 'rollback',
  configs = new Map([
    ['churn-cfg-6', [V6]],
    ['churn-cfg-7', [V7]],
  ]),
) {
  const store = new MemoryStore('mem://vigil');
  const controller = new FakeController(new Map([['churn-prod', { ...live }]]), configs);
  const audit = new MemoryAudit();
  const endpoint = testConfig({ policy }).endpoints[0];
  if (!endpoint) throw new Error('no endpoint');
  const ports = {
    store,
    controller,
    audit,
    clock: fixedClock(new Date('2024-05-01T13:50:00Z')),
    log: silentLog,
  };
  const facts = {
    endpoint,
    incidentId: 'churn-prod-20240501T1300',
    alarmName: 'vigil-churn-prod-model-quality-recall',
    eventId: 'evt-1',
    reason: 'Threshold Crossed: recall 0.41 < 0.62',
    alarmGuardsDeployments: true,
  };
  return { store, controller, audit, ports, facts };
}

describe('respondToGuardrailAlarm', () => {
  it('rolls a fully deployed version back to the recorded previous config, rejects it and audits it', async () => {
    const { store, controller, audit, ports, facts } = setup('rollback');
    await writeEndpointRecord(store, record);
    const outcome = await respondToGuardrailAlarm(ports, facts);
    expect(outcome.decision).toEqual({
      kind: 'rollback',
      from: 'churn-cfg-7',
      to: 'churn-cfg-6',
      reason: 'Rolling back from churn-cfg-7 to the previous config churn-cfg-6.',
    });
    expect(outcome.action).toBe(
      `Rolled back churn-prod from churn-cfg-7 to churn-cfg-6; rejected model package ${V7}.`,
    );
    expect(controller.calls).toEqual([
      'describe churn-prod',
      'configExists churn-cfg-6',
      'switch churn-prod churn-cfg-6',
      `reject ${V7} true`,
    ]);
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      kind: 'rollback.performed',
      actor: 'alarm-router',
      subject: 'churn-prod',
      details: { incidentId: 'churn-prod-20240501T1300', rejectedModelPackages: [V7] },
    });
    const after = await readEndpointRecord(store, 'churn-prod');
    expect(after).toMatchObject({
      current: { configName: 'churn-cfg-6' },
      previous: { configName: 'churn-cfg-7' },
      rolledBackFrom: ['churn-cfg-7'],
    });
  });

  it('decides once per incident: a duplicate or a second alarm gets the stored outcome', async () => {
    const { store, controller, audit, ports, facts } = setup('rollback');
    await writeEndpointRecord(store, record);
    const first = await respondToGuardrailAlarm(ports, facts);
    const again = await respondToGuardrailAlarm(ports, facts);
    const other = await respondToGuardrailAlarm(ports, { ...facts, eventId: 'evt-2', alarmName: 'other' });
    expect(again).toEqual({ ...first, repeated: true });
    expect(other).toEqual({ ...first, repeated: true });
    expect(controller.calls.filter((c) => c.startsWith('switch'))).toHaveLength(1);
    expect(audit.entries).toHaveLength(1);
  });

  it('resumes a failed attempt of the same event without switching twice', async () => {
    const { store, controller, audit, ports, facts } = setup('rollback');
    await writeEndpointRecord(store, record);
    controller.failRejects = 1;
    await expect(respondToGuardrailAlarm(ports, facts)).rejects.toThrow('ThrottlingException');
    const outcome = await respondToGuardrailAlarm(ports, facts);
    expect(outcome.decision.kind).toBe('rollback');
    expect(outcome.repeated).toBe(false);
    expect(controller.calls.filter((c) => c.startsWith('switch'))).toEqual(['switch churn-prod churn-cfg-6']);
    expect(controller.calls.filter((c) => c.startsWith('reject'))).toEqual([`reject ${V7} true`]);
    expect(audit.entries).toHaveLength(1);
  });

  it('still rolls back when IAM denies rejecting a package outside the configured groups, and says so', async () => {
    const { store, controller, audit, ports, facts } = setup('rollback');
    await writeEndpointRecord(store, record);
    controller.rejectModelPackage = async () => {
      throw Object.assign(new Error('not authorized to perform: sagemaker:UpdateModelPackage'), {
        name: 'AccessDeniedException',
      });
    };
    const outcome = await respondToGuardrailAlarm(ports, facts);
    expect(outcome.decision.kind).toBe('rollback');
    expect(outcome.rejectedModelPackages).toEqual([]);
    expect(outcome.action).toBe(
      `Rolled back churn-prod from churn-cfg-7 to churn-cfg-6; could not reject ${V7} (not authorized to perform: sagemaker:UpdateModelPackage): reject it by hand, and set the endpoint's modelPackageGroup so Vigil may reject that group's versions.`,
    );
    expect(controller.calls.filter((c) => c.startsWith('switch'))).toEqual(['switch churn-prod churn-cfg-6']);
    expect(audit.entries).toHaveLength(1);
  });

  it('never rolls back to a config that no longer exists: it says so instead', async () => {
    const { store, controller, audit, ports, facts } = setup('rollback', new Map([['churn-cfg-7', [V7]]]));
    await writeEndpointRecord(store, record);
    const outcome = await respondToGuardrailAlarm(ports, facts);
    expect(outcome.decision).toMatchObject({ kind: 'cannot-roll-back', why: 'previous-config-missing' });
    expect(outcome.action).toContain('churn-cfg-6 no longer exists');
    expect(controller.calls.some((c) => c.startsWith('switch'))).toBe(false);
    expect(audit.entries[0]?.kind).toBe('rollback.refused');
  });

  it('leaves a deployment in progress to SageMaker guardrails and records it', async () => {
    const { store, controller, audit, ports, facts } = setup('rollback');
    await writeEndpointRecord(store, record);
    controller.endpoints.set('churn-prod', { ...live, status: 'Updating', pendingConfigName: 'churn-cfg-8' });
    const outcome = await respondToGuardrailAlarm(ports, facts);
    expect(outcome.action).toBe(
      "Deployment of churn-cfg-8 in progress: SageMaker's deployment guardrails roll the endpoint back to churn-cfg-7.",
    );
    expect(controller.calls.some((c) => c.startsWith('switch'))).toBe(false);
    expect(audit.entries[0]?.kind).toBe('rollback.deployment-guardrails');
  });

  it('only notifies under policy notify, without touching the endpoint or the audit log', async () => {
    const { store, controller, audit, ports, facts } = setup('notify');
    await writeEndpointRecord(store, record);
    const outcome = await respondToGuardrailAlarm(ports, facts);
    expect(outcome.action).toBe('None (rollback policy: notify).');
    expect(controller.calls).toEqual(['describe churn-prod']);
    expect(audit.entries).toEqual([]);
  });
});

describe('decideRollback', () => {
  const facts = {
    policy: 'rollback' as const,
    record,
    live,
    previousConfigExists: true,
    alarmGuardsDeployments: true,
  };

  it('refuses when the endpoint is not in service, nothing is recorded, or the record is stale', () => {
    expect(decideRollback({ ...facts, live: { ...live, status: 'UpdateRollbackFailed' } })).toMatchObject({
      kind: 'cannot-roll-back',
      why: 'not-in-service',
    });
    expect(decideRollback({ ...facts, record: undefined })).toMatchObject({ why: 'no-previous-config' });
    expect(decideRollback({ ...facts, live: { ...live, configName: 'churn-cfg-9' } })).toMatchObject({
      why: 'record-out-of-date',
    });
    expect(
      decideRollback({ ...facts, record: { ...record, rolledBackFrom: ['churn-cfg-6'] } }),
    ).toMatchObject({
      why: 'previous-was-rolled-back',
    });
  });

  it("does not act while Vigil's own rollback is under way", () => {
    const rolling = { ...record, rollingBackTo: 'churn-cfg-6' };
    const decision = decideRollback({
      ...facts,
      record: rolling,
      live: { ...live, status: 'Updating', pendingConfigName: 'churn-cfg-6' },
    });
    expect(decision).toEqual({
      kind: 'already-rolled-back',
      to: 'churn-cfg-6',
      reason: "Vigil's rollback to churn-cfg-6 is under way (endpoint Updating).",
    });
  });

  it('sees an endpoint already back on its previous config', () => {
    expect(decideRollback({ ...facts, live: { ...live, configName: 'churn-cfg-6' } })).toMatchObject({
      kind: 'already-rolled-back',
      to: 'churn-cfg-6',
    });
  });

  it('says when an alarm outside AutoRollbackConfiguration fires during a deployment', () => {
    const decision = decideRollback({
      ...facts,
      alarmGuardsDeployments: false,
      live: { ...live, status: 'Updating', pendingConfigName: 'churn-cfg-8' },
    });
    expect(decision.kind).toBe('deployment-guardrails');
    expect(decision.reason).toContain('not in the AutoRollbackConfiguration');
  });
});
