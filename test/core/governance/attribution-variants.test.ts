import { silentLog } from '@vigil/core';
import { readEndpointRecord, servedDuring, trackEndpointEvent } from '@vigil/core/rollback';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const window = { start: new Date('2026-03-02T09:00:00Z'), end: new Date('2026-03-02T10:00:00Z') };

/** An A/B endpoint: variant Champion serves package 5, Challenger package 6, from one config. */
async function abEndpoint(): Promise<MemoryStore> {
  const store = new MemoryStore('s3://vigil-bucket');
  const byVariant: Record<string, string[]> = { Champion: ['arn:v5'], Challenger: ['arn:v6'] };
  await trackEndpointEvent(
    {
      store,
      clock: { now: () => new Date('2026-03-02T08:00:00Z') },
      log: silentLog,
      endpoints: {
        modelPackagesOf: async () => ['arn:v5', 'arn:v6'],
        modelPackagesByVariant: async () => byVariant,
      },
    },
    {
      id: 'deploy-ab',
      source: 'aws.sagemaker',
      'detail-type': 'SageMaker Endpoint State Change',
      time: '2026-03-02T08:00:00Z',
      detail: {
        EndpointName: 'churn-prod',
        EndpointConfigName: 'churn-ab',
        EndpointStatus: 'IN_SERVICE',
        ProductionVariants: [{ VariantName: 'Champion' }, { VariantName: 'Challenger' }],
      },
    },
  );
  return store;
}

describe('attribution on an endpoint with several production variants', () => {
  it("credits a variant's run to the package that variant serves, not to every package of the config", async () => {
    const record = await readEndpointRecord(await abEndpoint(), 'churn-prod');
    expect(servedDuring(record, window, 'Champion').map((s) => [s.variantName, s.modelPackageArn])).toEqual([
      ['Champion', 'arn:v5'],
    ]);
    expect(servedDuring(record, window, 'Challenger').map((s) => [s.variantName, s.modelPackageArn])).toEqual(
      [['Challenger', 'arn:v6']],
    );
  });

  it('names every package of the config when the run names no variant', async () => {
    const record = await readEndpointRecord(await abEndpoint(), 'churn-prod');
    expect(servedDuring(record, window).map((s) => s.modelPackageArn)).toEqual(['arn:v5', 'arn:v6']);
  });
});
