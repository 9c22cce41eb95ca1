import {
  type ApprovalPolicyConfig,
  fixedClock,
  type ModelPackage,
  parseConfig,
  silentLog,
} from '@vigil/core';
import { ObjectStoreAuditLog, readAuditLog } from '@vigil/core/audit';
import { type GatePorts, storeLocator } from '@vigil/core/governance';
import { trackEndpointEvent } from '@vigil/core/rollback';
import { LocalModelCardStore, LocalModelRegistry } from '@vigil/local';
import { MemoryStore } from '../../support/memory-store.ts';

export const clock = fixedClock(new Date('2026-03-02T09:30:00Z'));

/** A policy, validated as configuration loading would. */
export function policy(
  overrides: Partial<Record<keyof ApprovalPolicyConfig, unknown>> = {},
): ApprovalPolicyConfig {
  const policy = {
    modelPackageGroup: 'churn',
    requiredReports: ['ModelQuality', 'ModelBias'],
    modelCard: { requiredFields: ['model_overview.model_owner', 'intended_uses.risk_rating'] },
    metrics: [
      { metric: 'auc', min: 0.8 },
      { metric: 'bias:DPPL', maxAbs: 0.1 },
    ],
    noWorseThanApproved: [{ metric: 'auc', tolerance: 0.02 }],
    ...overrides,
  };
  return parseConfig({ version: 1, approvalPolicies: [policy] }).approvalPolicies[0]!;
}

export function modelQuality(auc: number): string {
  return JSON.stringify({
    version: 0.0,
    dataset: { item_count: 500 },
    binary_classification_metrics: {
      confusion_matrix: { '0': { '0': 200, '1': 30 }, '1': { '0': 20, '1': 250 } },
      auc: { value: auc, standard_deviation: 0.01 },
      accuracy: { value: 0.9, standard_deviation: 0.01 },
    },
  });
}

export function bias(dppl: number | null): string {
  return JSON.stringify({
    version: '1.0',
    post_training_bias_metrics: {
      label: 'churned',
      label_value_or_threshold: '1',
      facets: {
        gender: [
          {
            value_or_threshold: 'F',
            metrics: [
              dppl === null
                ? { name: 'DPPL', description: 'DPPL', value: null, error: 'Facet is empty' }
                : { name: 'DPPL', description: 'DPPL', value: dppl },
              { name: 'DI', description: 'DI', value: 0.93 },
            ],
          },
        ],
      },
    },
  });
}

/** A governance world in memory: store, local registry and cards over it, audit log, locator. */
export function world() {
  const store = new MemoryStore('s3://vigil-bucket');
  const registry = new LocalModelRegistry(store, { clock, identity: 'ci-pipeline' });
  const cards = new LocalModelCardStore(store, { clock });
  const audit = new ObjectStoreAuditLog(store, { clock });
  const ports: GatePorts = {
    registry,
    cards,
    store,
    audit,
    locate: storeLocator(store),
    clock,
    log: silentLog,
  };
  let n = 0;
  return {
    store,
    registry,
    cards,
    audit,
    ports,
    records: () => readAuditLog(store, 'audit'),
    /** Writes the reports and registers a pending version with them. */
    async register(
      options: {
        auc?: number;
        dppl?: number | null;
        withBias?: boolean;
        card?: Record<string, unknown>;
      } = {},
    ): Promise<ModelPackage> {
      n++;
      const mqKey = `models/churn/${n}/evaluation.json`;
      const biasKey = `models/churn/${n}/bias/analysis.json`;
      await store.put(mqKey, modelQuality(options.auc ?? 0.91));
      if (options.withBias !== false)
        await store.put(biasKey, bias(options.dppl === undefined ? 0.04 : options.dppl));
      return registry.register({
        groupName: 'churn',
        modelMetrics: {
          modelQuality: {
            statistics: { uri: `s3://vigil-bucket/${mqKey}`, contentType: 'application/json' },
          },
          ...(options.withBias !== false
            ? { bias: { report: { uri: `s3://vigil-bucket/${biasKey}`, contentType: 'application/json' } } }
            : {}),
        },
        images: ['123.dkr.ecr.eu-west-1.amazonaws.com/xgboost:1.7'],
        modelDataUrls: [`s3://models/churn/${n}/model.tar.gz`],
        modelCardContent: options.card ?? {
          model_overview: { model_owner: 'Churn team' },
          intended_uses: { risk_rating: 'Medium', purpose_of_model: 'Predict churn' },
        },
      });
    },
  };
}

/**
 * Has the deployment tracker record that `endpoint` serves `configName` (with `packages`) from
 * `at`, as a "SageMaker Endpoint State Change" event would: what card-sync attributes runs from.
 */
export async function serve(
  store: MemoryStore,
  packages: string[],
  options: { endpoint?: string; configName?: string; at?: string } = {},
): Promise<void> {
  const endpoint = options.endpoint ?? 'churn-prod';
  const at = options.at ?? '2026-03-01T00:00:00Z';
  await trackEndpointEvent(
    { store, clock, log: silentLog, endpoints: { modelPackagesOf: async () => packages } },
    {
      id: `deploy-${endpoint}-${at}`,
      source: 'aws.sagemaker',
      'detail-type': 'SageMaker Endpoint State Change',
      time: at,
      detail: {
        EndpointName: endpoint,
        EndpointConfigName: options.configName ?? `${endpoint}-config-${packages.length}`,
        EndpointStatus: 'IN_SERVICE',
        ProductionVariants: [{ VariantName: 'AllTraffic' }],
      },
    },
  );
}
