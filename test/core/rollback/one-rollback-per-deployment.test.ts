import { fixedClock, silentLog } from '@vigil/core';
import { respondToGuardrailAlarm, writeEndpointRecord } from '@vigil/core/rollback';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';
import { testConfig } from '../alerting/test-config.ts';
import { FakeController, MemoryAudit } from './fake-controller.ts';

const V6 = 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/6';
const V7 = 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/7';

describe('respondToGuardrailAlarm across incidents', () => {
  it('switches the endpoint once when two incidents race to roll back the same deployment', async () => {
    const store = new MemoryStore('mem://vigil');
    const controller = new FakeController(
      new Map([['churn-prod', { name: 'churn-prod', status: 'InService', configName: 'churn-cfg-7' }]]),
      new Map([
        ['churn-cfg-6', [V6]],
        ['churn-cfg-7', [V7]],
      ]),
    );
    await writeEndpointRecord(store, {
      endpoint: 'churn-prod',
      status: 'InService',
      current: { configName: 'churn-cfg-7', since: '2024-05-01T09:00:00.000Z' },
      previous: { configName: 'churn-cfg-6', since: '2024-04-20T09:00:00.000Z' },
      rolledBackFrom: [],
      lastEventAt: '2024-05-01T09:00:00.000Z',
      recentEventIds: [],
    });
    const audit = new MemoryAudit();
    const endpoint = testConfig({ policy: 'rollback' }).endpoints[0]!;
    const ports = {
      store,
      controller,
      audit,
      clock: fixedClock(new Date('2024-05-01T13:50:00Z')),
      log: silentLog,
    };
    const respond = (incidentId: string, eventId: string) =>
      respondToGuardrailAlarm(ports, {
        endpoint,
        incidentId,
        alarmName: 'vigil-churn-prod-drift-age',
        eventId,
        reason: 'Threshold Crossed',
        alarmGuardsDeployments: true,
      });
    // Two incident ids (windows 12:00 and 13:45) decided at the same moment on the same live state.
    const [first, second] = await Promise.all([
      respond('churn-prod-20240501T1200', 'evt-a'),
      respond('churn-prod-20240501T1345', 'evt-b'),
    ]);
    expect(controller.calls.filter((c) => c.startsWith('switch'))).toEqual(['switch churn-prod churn-cfg-6']);
    expect([first.decision.kind, second.decision.kind].sort()).toEqual(['already-rolled-back', 'rollback']);
    const loser = first.decision.kind === 'rollback' ? second : first;
    expect(loser.action).toMatch(
      /already rolled churn-prod back from churn-cfg-7: one rollback per deployment/,
    );
    expect(audit.entries.map((e) => e.kind).sort()).toEqual(['rollback.not-needed', 'rollback.performed']);
  });
});
