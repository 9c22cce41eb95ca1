import {
  captureHourPrefix,
  cloudWatchMetricNameProblem,
  InputError,
  keySegment,
  reportPrefix,
  sageMakerNameProblem,
} from '@vigil/core';
import { incidentKey, signalKey } from '@vigil/core/alerting';
import { decisionFolder } from '@vigil/core/governance';
import { endpointRecordKey } from '@vigil/core/rollback';
import { LocalModelCardStore, LocalModelRegistry } from '@vigil/local';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const hour = new Date('2024-05-01T13:00:00Z');
const HOSTILE = ['../../audit', 'a/b', '..', '.', '', 'a\\b', 'ep\u0000', 'x'.repeat(256)];

describe('names that become keys', () => {
  it.each(HOSTILE)('refuses %j as a folder name in every key built from an endpoint or group', (name) => {
    for (const build of [
      () => reportPrefix('reports', name, 'data-quality', hour),
      () => captureHourPrefix('capture', name, 'AllTraffic', hour),
      () => captureHourPrefix('capture', 'ep', name, hour),
      () => endpointRecordKey(name),
      () => incidentKey(name),
      () => signalKey(name, 'alarm'),
      () => decisionFolder({ groupName: name, version: 1 }),
    ]) {
      expect(build).toThrow(InputError);
    }
    expect(() => keySegment(name, 'endpoint')).toThrow(/cannot name a folder: use a SageMaker name/);
  });

  it('keeps SageMaker names as they are', () => {
    expect(reportPrefix('reports', 'churn-prod', 'data-quality', hour)).toBe(
      'reports/churn-prod/data-quality/2024/05/01/13/',
    );
    expect(endpointRecordKey('Churn-Prod-2')).toBe('state/endpoints/Churn-Prod-2.json');
    expect(decisionFolder({ groupName: 'churn', version: 3 })).toBe('governance/decisions/churn/v3/');
    expect(signalKey('churn-prod', 'vigil-churn-prod/drift')).toBe(
      'alerting/signals/churn-prod/vigil-churn-prod%2Fdrift.json',
    );
  });

  it("follow SageMaker's and CloudWatch's rules", () => {
    expect(sageMakerNameProblem('churn-prod')).toBeUndefined();
    expect(sageMakerNameProblem('-churn')).toBeDefined();
    expect(sageMakerNameProblem('x'.repeat(64))).toBeDefined();
    expect(sageMakerNameProblem('churn_prod')).toBeDefined();
    expect(cloudWatchMetricNameProblem('feature_baseline_drift_total charges')).toBeUndefined();
    expect(cloudWatchMetricNameProblem('feature_null_montréal')).toBe(
      'has characters outside printable ASCII',
    );
    expect(cloudWatchMetricNameProblem('x'.repeat(256))).toBe('is 256 characters long (1–255 allowed)');
    expect(cloudWatchMetricNameProblem('   ')).toBe('is only spaces');
  });

  it('keeps a model package ARN or card name from walking out of the local registry and cards', async () => {
    const store = new MemoryStore();
    const registry = new LocalModelRegistry(store);
    await expect(
      registry.describe('arn:aws:sagemaker:local:000000000000:model-package/../1'),
    ).rejects.toThrow(InputError);
    await expect(registry.list('..')).rejects.toThrow(InputError);
    await expect(new LocalModelCardStore(store).get('../audit')).rejects.toThrow(InputError);
    expect(store.keys()).toEqual([]);
  });
});
