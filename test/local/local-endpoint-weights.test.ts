import { fixedClock } from '@vigil/core';
import { ObjectStoreAuditLog, readAuditLog } from '@vigil/core/audit';
import { EndpointWeightsError, runBanditStep } from '@vigil/core/bandit';
import { LocalAlarmStates, LocalEndpointWeights } from '@vigil/local';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../support/memory-store.ts';

describe('LocalEndpointWeights and LocalAlarmStates', () => {
  it('keeps a split per endpoint in the home and reads alarm states the local evaluation wrote', async () => {
    const home = new MemoryStore('mem://home');
    const weights = new LocalEndpointWeights(home);
    await expect(weights.current('churn')).rejects.toThrow(EndpointWeightsError);
    await weights.update('churn', [
      { variant: 'A', weight: 3 },
      { variant: 'B', weight: 1 },
    ]);
    expect(await weights.current('churn')).toEqual([
      { variant: 'A', weight: 0.75 },
      { variant: 'B', weight: 0.25 },
    ]);
    await home.put('local/alarms/guard-1.json', JSON.stringify({ value: 'ALARM' }));
    await home.put('local/alarms/guard-2.json', JSON.stringify({ value: 'OK' }));
    expect(await new LocalAlarmStates(home).inAlarm(['guard-1', 'guard-2', 'guard-3'])).toEqual(['guard-1']);
  });

  it('runs a bandit step over the home: the split moves and the shift is in the hash-chained audit log', async () => {
    const home = new MemoryStore('mem://home');
    const clock = fixedClock(new Date('2024-05-01T13:00:00Z'));
    const weights = new LocalEndpointWeights(home);
    await weights.update('churn', [
      { variant: 'A', weight: 0.9 },
      { variant: 'B', weight: 0.1 },
    ]);
    const step = await runBanditStep(
      { weights, audit: new ObjectStoreAuditLog(home, { clock }), clock, alarms: new LocalAlarmStates(home) },
      {
        endpoint: 'churn',
        arms: [
          { variant: 'A', kind: 'rate', successes: 600, trials: 1000 },
          { variant: 'B', kind: 'rate', successes: 90, trials: 100 },
        ],
        guardrails: { minWeight: 0.05, maxWeight: 0.95, maxStep: 0.1, cooldownMinutes: 60 },
        guardrailAlarms: ['guard-1'],
        seed: 3,
        actor: 'vigil-cli',
      },
    );
    expect(step.outcome.action).toBe('shift');
    expect(await weights.current('churn')).toEqual([
      { variant: 'A', weight: 0.8 },
      { variant: 'B', weight: 0.2 },
    ]);
    const [record] = await readAuditLog(home, 'audit');
    expect(record).toMatchObject({
      sequence: 1,
      kind: 'bandit.weights-shifted',
      subject: 'churn',
      summary: 'Shifted traffic of churn to A 80.0%, B 20.0%',
    });
  });
});
