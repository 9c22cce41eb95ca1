import { type IncidentRecord, mergeIncidentChange, saveIncidentChange } from '@vigil/core/alerting';
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
