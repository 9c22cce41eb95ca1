import {
  decideNotification,
  type IncidentRecord,
  mergeIncidentChange,
  saveIncidentChange,
} from '@vigil/core/alerting';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const base: IncidentRecord = {
  endpoint: 'churn-prod',
  incidentId: 'churn-prod-20240501T1200',
  status: 'open',
  openedAt: '2024-05-01T13:50:00.000Z',
  episode: 1,
  firingSentAt: [],
  suppressed: 0,
};

describe('mergeIncidentChange', () => {
  it("keeps a concurrent writer's message and adds this writer's suppressed join and action", () => {
    const current: IncidentRecord = {
      ...base,
      lastMessage: { kind: 'firing', at: '2024-05-01T13:50:00.000Z', alertId: 'a.1.firing.x' },
      firingSentAt: ['2024-05-01T13:50:00.000Z'],
      actions: ['Rolled back.'],
    };
    const next: IncidentRecord = { ...base, suppressed: 1, actions: ['Guardrails observed.'] };
    expect(mergeIncidentChange(base, next, current)).toEqual({
      ...current,
      suppressed: 1,
      actions: ['Rolled back.', 'Guardrails observed.'],
    });
  });

  it("applies this writer's message and resolution over a concurrent suppressed count", () => {
    const current: IncidentRecord = { ...base, suppressed: 2 };
    const next: IncidentRecord = {
      ...base,
      status: 'resolved',
      resolvedAt: '2024-05-01T15:00:00.000Z',
      lastMessage: { kind: 'resolved', at: '2024-05-01T15:00:00.000Z', alertId: 'a.1.resolved.y' },
    };
    expect(mergeIncidentChange(base, next, current)).toMatchObject({
      status: 'resolved',
      resolvedAt: '2024-05-01T15:00:00.000Z',
      suppressed: 0,
      lastMessage: next.lastMessage,
    });
  });
});

describe('saveIncidentChange', () => {
  it('loses none of 10 concurrent joins of one incident', async () => {
    const store = new MemoryStore();
    await saveIncidentChange(store, undefined, base);
    // MemoryStore's reads and swaps interleave at every await, as concurrent Lambdas would.
    await Promise.all(
      Array.from({ length: 10 }, () => saveIncidentChange(store, base, { ...base, suppressed: 1 })),
    );
    expect(store.json<IncidentRecord>('alerting/incidents/churn-prod.json').suppressed).toBe(10);
  });
});

describe('decideNotification with an incident another event just opened', () => {
  const opener = {
    eventId: 'evt-a',
    source: 'vigil-churn-prod-drift-age',
    guardsDeployments: true,
    at: '2024-05-01T13:50:00.000Z',
  };
  const opened: IncidentRecord = { ...base, openedBy: opener };
  const facts = {
    endpoint: 'churn-prod',
    incident: opened,
    change: 'fired' as const,
    anyFiring: true,
    runKey: '20240501T1345',
    now: new Date('2024-05-01T13:50:00Z'),
    suppressMs: 3_600_000,
    actionTaken: false,
  };

  it('lets a concurrent alarm join silently while the opener announces', () => {
    const joiner = { ...opener, eventId: 'evt-b', source: 'vigil-churn-prod-drift-income' };
    const decision = decideNotification({ ...facts, opener: joiner });
    expect(decision.send).toBeUndefined();
    expect(decision.incident).toMatchObject({ incidentId: base.incidentId, suppressed: 1 });
  });

  it("has the opener's retried event announce it", () => {
    expect(decideNotification({ ...facts, opener }).send).toBe('firing');
  });

  it('records the opener when an event opens an incident', () => {
    const decision = decideNotification({ ...facts, incident: undefined, opener });
    expect(decision.incident?.openedBy).toEqual(opener);
    expect(decision.incident?.incidentId).toBe('churn-prod-20240501T1345');
  });
});
