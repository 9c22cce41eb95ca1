import { DEFAULT_AUDIT_PREFIX } from '../../../packages/core/src/audit/keys.ts';
import type { ApprovalPolicyConfig } from '../../../packages/core/src/config/approval.ts';
import { approvalPolicyConfig } from '../../../packages/core/src/config/approval.ts';
import type { ReportLocator } from '../../../packages/core/src/governance/evidence.ts';
import { type GateResult, runRegistryGate } from '../../../packages/core/src/governance/gate.ts';
import { storeLocator } from '../../../packages/core/src/governance/store-locator.ts';
import { joinKey } from '../../../packages/core/src/layout/keys.ts';
import type { AuditLog } from '../../../packages/core/src/ports/audit-log.ts';
import type { Clock } from '../../../packages/core/src/ports/clock.ts';
import type { Log } from '../../../packages/core/src/ports/log.ts';
import type { ModelCardStore } from '../../../packages/core/src/ports/model-card-store.ts';
import type {
  ModelPackage,
  RegisteringModelRegistry,
} from '../../../packages/core/src/ports/model-registry.ts';
import type { ObjectStore } from '../../../packages/core/src/ports/object-store.ts';

// A fixed two-candidate scenario of the approval gate with made-up report metrics: test material,
// so it lives beside its test rather than in core.

/** What the governance demo runs on: a registry that can register versions, cards, a store and the audit log. */
export interface GovernanceDemoPorts {
  registry: RegisteringModelRegistry;
  cards: ModelCardStore;
  store: ObjectStore;
  audit: AuditLog;
  clock: Clock;
  log: Log;
  locate?: ReportLocator;
}

export interface GovernanceDemoResult {
  policy: ApprovalPolicyConfig;
  versions: { package: ModelPackage; gate: GateResult }[];
}

/** The policy the demo group is governed by. */
export function demoApprovalPolicy(group: string): ApprovalPolicyConfig {
  return approvalPolicyConfig.parse({
    modelPackageGroup: group,
    requiredReports: ['ModelQuality', 'ModelBias'],
    modelCard: { requiredFields: ['model_overview.model_owner', 'intended_uses.purpose_of_model'] },
    metrics: [
      { metric: 'auc', min: 0.8 },
      { metric: 'bias:DPPL', maxAbs: 0.1 },
      { metric: 'bias:DI', min: 0.8, max: 1.25 },
    ],
    noWorseThanApproved: [{ metric: 'auc', tolerance: 0.02 }],
  });
}

/**
 * Registers two versions of a model in `group` with their model-quality and bias reports and
 * runs the approval gate on each: version 1 (auc 0.91, fair) is approved, version 2 (auc 0.74,
 * DPPL −0.18, worse than version 1) is rejected with its reasons; every step is in the audit log.
 *
 * @example
 * ```ts
 * const { versions } = await runGovernanceDemo({ registry, cards, store, audit, clock, log });
 * for (const v of versions) console.log(v.package.version, v.gate.approvalDescription);
 * ```
 */
export async function runGovernanceDemo(
  ports: GovernanceDemoPorts,
  group = 'credit-risk',
): Promise<GovernanceDemoResult> {
  const policy = demoApprovalPolicy(group);
  const locate = ports.locate ?? storeLocator(ports.store);
  const candidates = [
    { auc: 0.91, accuracy: 0.87, dppl: 0.03, di: 0.96, note: 'gradient-boosted trees, tuned' },
    { auc: 0.74, accuracy: 0.79, dppl: -0.18, di: 0.71, note: 'retrained on a narrower sample' },
  ];
  const versions: GovernanceDemoResult['versions'] = [];
  for (const [i, m] of candidates.entries()) {
    const folder = joinKey('demo', 'governance', group, `candidate-${i + 1}`);
    const mqKey = joinKey(folder, 'model-quality', 'statistics.json');
    const biasKey = joinKey(folder, 'bias', 'analysis.json');
    await ports.store.put(mqKey, modelQualityStatistics(m.auc, m.accuracy), 'application/json');
    await ports.store.put(biasKey, biasAnalysis(m.dppl, m.di), 'application/json');
    const uri = (key: string) => `${ports.store.location.replace(/\/+$/, '')}/${key}`;
    const pkg = await ports.registry.register({
      groupName: group,
      description: `Credit-risk classifier: ${m.note}`,
      modelMetrics: {
        modelQuality: { statistics: { uri: uri(mqKey), contentType: 'application/json' } },
        bias: { report: { uri: uri(biasKey), contentType: 'application/json' } },
      },
      modelCardContent: {
        model_overview: { model_owner: 'Risk analytics team', algorithm_type: 'XGBoost binary classifier' },
        intended_uses: {
          purpose_of_model: 'Score the default risk of consumer credit applications.',
          intended_uses: 'Decision support for credit officers; not for automated refusals.',
          risk_rating: 'High',
          explanations_for_risk_rating: 'Credit scoring is a high-risk use under EU AI Act Annex III(5)(b).',
        },
      },
    });
    const gate = await runRegistryGate(
      { ...ports, locate, auditPrefix: DEFAULT_AUDIT_PREFIX },
      { modelPackageArn: pkg.arn },
      { policies: [policy], actor: 'vigil-demo' },
    );
    versions.push({ package: await ports.registry.describe(pkg.arn), gate });
  }
  return { policy, versions };
}

function modelQualityStatistics(auc: number, accuracy: number): string {
  return JSON.stringify(
    {
      version: 0.0,
      dataset: { item_count: 2000 },
      binary_classification_metrics: {
        confusion_matrix: { '0': { '0': 1180, '1': 120 }, '1': { '0': 140, '1': 560 } },
        accuracy: { value: accuracy, standard_deviation: 0.004 },
        auc: { value: auc, standard_deviation: 0.003 },
      },
    },
    null,
    2,
  );
}

function biasAnalysis(dppl: number, di: number): string {
  const facet = (metrics: { name: string; description: string; value: number }[]) => ({
    label: 'default',
    facets: { sex: [{ value_or_threshold: 'female', metrics }] },
    label_value_or_threshold: '1',
  });
  return JSON.stringify(
    {
      version: '1.0',
      post_training_bias_metrics: facet([
        {
          name: 'DPPL',
          description: 'Difference in Positive Proportions in Predicted Labels (DPPL)',
          value: dppl,
        },
        { name: 'DI', description: 'Disparate Impact (DI)', value: di },
      ]),
    },
    null,
    4,
  );
}
