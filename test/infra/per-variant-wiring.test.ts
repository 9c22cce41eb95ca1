import { parseConfig, scheduledRunTarget } from '@vigil/core';
import { guardrailAlarms } from '@vigil/core/alerting';
import { runRecordKey } from '@vigil/core/events';
import { describe, expect, it } from 'vitest';
import { localWiring, monitorSchedules } from '../../infra/wiring.ts';
import { MemoryStore } from '../support/memory-store.ts';
import { TWO_ENDPOINTS_CONFIG } from '../support/two-endpoints-config.ts';

/** The shared two-endpoint configuration, its churn-prod endpoint monitored per variant. */
function perVariantConfig() {
  const raw = structuredClone(TWO_ENDPOINTS_CONFIG);
  const churn = raw.endpoints[0] as (typeof raw.endpoints)[0] & {
    variants: { monitorEachVariant?: boolean };
  };
  churn.variants.monitorEachVariant = true;
  return parseConfig(raw);
}

describe('wiring of an endpoint monitored per variant', () => {
  it('schedules every monitor once per variant, each naming its variant; other endpoints are unchanged', () => {
    const schedules = monitorSchedules(perVariantConfig());
    expect(schedules.map((s) => [s.name, s.event])).toEqual([
      ['ChurnProdDataQualityChampion', { endpoint: 'churn-prod', variant: 'champion' }],
      ['ChurnProdDataQualityChallenger', { endpoint: 'churn-prod', variant: 'challenger' }],
      ['ChurnProdDataQualityShadow', { endpoint: 'churn-prod', variant: 'shadow' }],
      ['ChurnProdModelQualityChampion', { endpoint: 'churn-prod', variant: 'champion' }],
      ['ChurnProdModelQualityChallenger', { endpoint: 'churn-prod', variant: 'challenger' }],
      ['ChurnProdModelQualityShadow', { endpoint: 'churn-prod', variant: 'shadow' }],
      ['ChurnProdBiasDriftChampion', { endpoint: 'churn-prod', variant: 'champion' }],
      ['ChurnProdBiasDriftChallenger', { endpoint: 'churn-prod', variant: 'challenger' }],
      ['ChurnProdBiasDriftShadow', { endpoint: 'churn-prod', variant: 'shadow' }],
      ['ChurnProdFeatureAttributionChampion', { endpoint: 'churn-prod', variant: 'champion' }],
      ['ChurnProdFeatureAttributionChallenger', { endpoint: 'churn-prod', variant: 'challenger' }],
      ['ChurnProdFeatureAttributionShadow', { endpoint: 'churn-prod', variant: 'shadow' }],
      ['FraudDataQuality', { endpoint: 'fraud' }],
    ]);
    // The local twin runs the same schedules with the same inputs, then the variant comparison.
    const wiring = localWiring(perVariantConfig(), {} as never, 'vigil-local');
    expect(wiring.schedules.map((s) => [s.name, s.event])).toEqual([
      ...schedules.map((s) => [s.name, s.event]),
      ['ChurnProdVariantComparison', { endpoint: 'churn-prod' }],
    ]);
  });

  it('defines each guardrail alarm per variant, on that variant’s MonitoringSchedule and SageMaker’s dimensions', () => {
    const alarms = guardrailAlarms(perVariantConfig(), 'churn-prod');
    const rollUps = alarms.filter((a) => a.kind === 'violations');
    expect(rollUps.map((a) => [a.name, a.variant, a.dimensions])).toEqual(
      ['data-quality', 'model-quality', 'bias-drift', 'feature-attribution'].flatMap((monitor) =>
        ['champion', 'challenger', 'shadow'].map((variant) => [
          `vigil-churn-prod-${variant}-${monitor}-violations`,
          variant,
          { Endpoint: 'churn-prod', MonitoringSchedule: `churn-prod-${monitor}-${variant}` },
        ]),
      ),
    );
    expect(new Set(alarms.map((a) => a.name)).size).toBe(alarms.length);
    expect(
      alarms.find((a) => a.name === 'vigil-churn-prod-shadow-data-quality-heartbeat')?.description,
    ).toContain('variant shadow of endpoint churn-prod');
    // The endpoint monitored as one stream keeps its names.
    expect(guardrailAlarms(perVariantConfig(), 'fraud').map((a) => a.name)).toEqual([
      'fraudguard-fraud-data-quality-violations',
      'fraudguard-fraud-data-quality-heartbeat',
    ]);
  });

  it('resolves a variant’s run target: its report folder, schedule name and own run records', () => {
    const config = perVariantConfig();
    const endpoint = config.endpoints[0]!;
    const store = new MemoryStore();
    const stores = { store, storeFor: (key: string) => ({ store, key }) };
    const at = new Date('2024-05-01T13:04:00Z');
    const target = scheduledRunTarget('data-quality', endpoint, endpoint.monitors.dataQuality!, {
      at,
      stores,
      variant: 'challenger',
    });
    expect(target).toMatchObject({
      endpoint: 'churn-prod',
      variant: 'challenger',
      scheduleName: 'churn-prod-data-quality-challenger',
      output: { key: 'reports/churn-prod/data-quality/challenger/2024/05/01/13/' },
      records: { variant: 'challenger' },
    });
    const run = {
      endpointName: 'churn-prod',
      monitoringType: 'DataQuality' as const,
      windowStart: '2024-05-01T12:00:00.000Z',
      windowEnd: '2024-05-01T13:00:00.000Z',
    };
    expect(runRecordKey(run, '', 'challenger')).toBe(
      'runs/churn-prod/DataQuality/challenger/20240501T120000.000Z_20240501T130000.000Z.json',
    );
    expect(runRecordKey(run)).toBe(
      'runs/churn-prod/DataQuality/20240501T120000.000Z_20240501T130000.000Z.json',
    );
    // Without monitorEachVariant, the same endpoint is the one stream it always was.
    const plain = parseConfig(TWO_ENDPOINTS_CONFIG).endpoints[0]!;
    const one = scheduledRunTarget('data-quality', plain, plain.monitors.dataQuality!, { at, stores });
    expect(one).toMatchObject({
      variant: 'AllTraffic',
      scheduleName: undefined,
      output: { key: 'reports/churn-prod/data-quality/2024/05/01/13/' },
      records: { store },
    });
    expect(one.records).not.toHaveProperty('variant');
    expect(() =>
      scheduledRunTarget('data-quality', plain, plain.monitors.dataQuality!, {
        at,
        stores,
        variant: 'challenger',
      }),
    ).toThrow(/has no variant "challenger".*monitored: AllTraffic/);
  });
});
