import { ConfigError, parseConfig } from '@vigil/core';
import { describe, expect, it } from 'vitest';

const withVariants = (variants: unknown) => ({ version: 1, endpoints: [{ name: 'churn', variants }] });

describe('endpoint variants configuration', () => {
  it('fills the comparison defaults', () => {
    const config = parseConfig(
      withVariants({ champion: 'A', challengers: ['B'], problemType: 'BinaryClassification' }),
    );
    expect(config.endpoints[0]!.variants).toMatchObject({
      champion: 'A',
      challengers: ['B'],
      shadows: [],
      significance: 0.05,
      minimumEffect: 0.01,
      power: 0.8,
      schedule: 'rate(1 hour)',
      window: { startOffset: '-PT1H', endOffset: 'PT0H' },
    });
  });

  it('fills the bandit guardrails’ defaults', () => {
    const config = parseConfig(
      withVariants({
        champion: 'A',
        challengers: ['B'],
        problemType: 'BinaryClassification',
        bandit: { reward: { type: 'quality', metric: 'accuracy' } },
      }),
    );
    expect(config.endpoints[0]!.variants!.bandit).toEqual({
      reward: { type: 'quality', metric: 'accuracy' },
      minWeight: 0.05,
      maxWeight: 0.95,
      maxStep: 0.1,
      cooldownMinutes: 60,
      guardrailAlarms: [],
      schedule: 'rate(1 hour)',
    });
  });

  it.each([
    [{ champion: 'A', problemType: 'Regression' }, 'endpoints[0].variants.challengers'],
    [
      { champion: 'A', challengers: ['B'], problemType: 'Regression', metric: 'auc' },
      'endpoints[0].variants.metric',
    ],
    [{ champion: 'A', challengers: ['A'], problemType: 'Regression' }, 'endpoints[0].variants'],
    [
      { champion: 'A', challengers: ['B'], problemType: 'Regression', predictionDriftMethod: 'nope' },
      'endpoints[0].variants.predictionDriftMethod',
    ],
    [{ champion: 'A/..', challengers: ['B'], problemType: 'Regression' }, 'endpoints[0].variants.champion'],
  ])('refuses %j at %s', (variants, path) => {
    let error: unknown;
    try {
      parseConfig(withVariants(variants));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe(path);
  });
});
