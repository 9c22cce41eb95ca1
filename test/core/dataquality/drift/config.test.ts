import { ConfigError, parseConfig } from '@vigil/core';
import { describe, expect, it } from 'vitest';

const withDrift = (drift: unknown) =>
  parseConfig({
    version: 1,
    endpoints: [{ name: 'ep', monitors: { dataQuality: { baseline: 'baselines/ep', drift } } }],
  }).endpoints[0]?.monitors.dataQuality?.drift;

function pathOf(drift: unknown): { path: string; message: string } {
  try {
    withDrift(drift);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return { path: (error as ConfigError).path, message: (error as Error).message };
  }
  throw new Error('expected a ConfigError');
}

describe('monitors.dataQuality.drift in vigil.config.json', () => {
  it('defaults to the default methods and no violations', () => {
    expect(withDrift(undefined)).toEqual({ features: {}, violations: false });
  });

  it('takes a method name or { method, threshold }, per type and per feature', () => {
    expect(
      withDrift({
        numerical: 'ks',
        categorical: { method: 'chi_squared', threshold: 0.01 },
        features: { age: { method: 'psi', threshold: 0.25 }, city: 'linf' },
        violations: true,
      }),
    ).toEqual({
      numerical: { method: 'ks' },
      categorical: { method: 'chi_squared', threshold: 0.01 },
      features: { age: { method: 'psi', threshold: 0.25 }, city: { method: 'linf' } },
      violations: true,
    });
  });

  it('takes a threshold alone, keeping the type’s method, but not an empty choice', () => {
    expect(withDrift({ numerical: { threshold: 0.2 }, features: { age: { threshold: 0.3 } } })).toMatchObject(
      {
        numerical: { threshold: 0.2 },
        features: { age: { threshold: 0.3 } },
      },
    );
    const { path, message } = pathOf({ features: { age: {} } });
    expect(path).toBe('endpoints[0].monitors.dataQuality.drift.features.age');
    expect(message).toContain('must name a method, a threshold, or both');
  });

  it('names the path of an unknown method and lists the known ones', () => {
    const { path, message } = pathOf({ features: { age: 'wassersten' } });
    expect(path).toBe('endpoints[0].monitors.dataQuality.drift.features.age');
    expect(message).toContain('one of wasserstein, jensen_shannon, psi, ks, linf, linf_simple, chi_squared');
  });

  it('rejects a p-value threshold above 1 for a p-value method', () => {
    const { path, message } = pathOf({ features: { age: { method: 'ks', threshold: 5 } } });
    expect(path).toBe('endpoints[0].monitors.dataQuality.drift.features.age');
    expect(message).toContain('ks compares a p-value with its threshold: use a threshold between 0 and 1');
    expect(pathOf({ categorical: { method: 'chi_squared', threshold: 1.5 } }).path).toBe(
      'endpoints[0].monitors.dataQuality.drift.categorical',
    );
    expect(withDrift({ numerical: { method: 'wasserstein', threshold: 1.5 } })).toMatchObject({
      numerical: { method: 'wasserstein', threshold: 1.5 },
    });
  });

  it('rejects a type default that does not apply to the type', () => {
    const { path, message } = pathOf({ numerical: 'chi_squared' });
    expect(path).toBe('endpoints[0].monitors.dataQuality.drift.numerical');
    expect(message).toContain('applies to numerical features');
    expect(pathOf({ categorical: { method: 'psi' } }).path).toBe(
      'endpoints[0].monitors.dataQuality.drift.categorical',
    );
  });

  it('rejects a negative threshold and unknown fields', () => {
    expect(pathOf({ numerical: { method: 'psi', threshold: -1 } }).path).toBe(
      'endpoints[0].monitors.dataQuality.drift.numerical.threshold',
    );
    expect(pathOf({ driftViolations: true }).message).toMatch(/driftViolations|Unrecognized/);
  });
});
