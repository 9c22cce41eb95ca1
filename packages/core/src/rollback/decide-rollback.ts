import type { RollbackPolicyConfig } from '../config/alerts.ts';
import type { EndpointDescription } from '../ports/endpoint-controller.ts';
import type { EndpointRecord } from './endpoint-record.ts';

/** What Vigil does about a guardrail alarm on an endpoint, and why. */
export type RollbackDecision =
  /** A deployment is in progress: SageMaker's own guardrails roll it back; Vigil records it. */
  | { kind: 'deployment-guardrails'; from: string; to: string; reason: string }
  /** Policy says notify: the alert goes out, nothing else. */
  | { kind: 'notify-only'; reason: string }
  /** Roll back: point the endpoint at `to` (the previous config). */
  | { kind: 'rollback'; from: string; to: string; reason: string }
  /** Vigil would roll back but cannot: the alert says why, and a person decides. */
  | {
      kind: 'cannot-roll-back';
      why:
        | 'not-in-service'
        | 'no-previous-config'
        | 'previous-config-missing'
        | 'previous-was-rolled-back'
        | 'record-out-of-date';
      reason: string;
    }
  /** The endpoint already serves the previous config (rolled back earlier, by Vigil or a person). */
  | { kind: 'already-rolled-back'; to: string; reason: string };

/** The facts a decision is made on. */
export interface RollbackFacts {
  policy: RollbackPolicyConfig['policy'];
  record: EndpointRecord | undefined;
  live: EndpointDescription;
  /** Whether the previous config still exists (DescribeEndpointConfig); undefined when not asked. */
  previousConfigExists?: boolean;
  /** Whether the alarm is one of the endpoint's AutoRollbackConfiguration alarms. */
  alarmGuardsDeployments: boolean;
}

/**
 * Decides what to do about a guardrail alarm (pure). A deployment in progress is left to
 * SageMaker's guardrails; with policy `rollback` an in-service endpoint goes back to the
 * previously recorded config, unless that config no longer exists, is one Vigil rolled back
 * away from, or the record does not match the live endpoint — then a person decides.
 *
 * @example
 * ```ts
 * const decision = decideRollback({ policy: 'rollback', record, live, previousConfigExists: true, alarmGuardsDeployments: true });
 * if (decision.kind === 'rollback') await controller.switchConfig(live.name, decision.to);
 * ```
 */
export function decideRollback(facts: RollbackFacts): RollbackDecision {
  const { live, record } = facts;
  if (record?.rollingBackTo && (live.status === 'Updating' || live.status === 'SystemUpdating')) {
    return {
      kind: 'already-rolled-back',
      to: record.rollingBackTo,
      reason: `Vigil's rollback to ${record.rollingBackTo} is under way (endpoint ${live.status}).`,
    };
  }
  const pending = live.pendingConfigName ?? record?.deployment?.targetConfigName;
  if (pending && (live.status === 'Updating' || live.status === 'Creating')) {
    const guard = facts.alarmGuardsDeployments
      ? `SageMaker's deployment guardrails roll the endpoint back to ${live.configName}`
      : `this alarm is not in the AutoRollbackConfiguration, so SageMaker keeps deploying; stop it with \`aws sagemaker update-endpoint\` to ${live.configName} if needed`;
    return {
      kind: 'deployment-guardrails',
      from: pending,
      to: live.configName,
      reason: `Deployment of ${pending} in progress: ${guard}.`,
    };
  }
  if (facts.policy === 'notify') {
    return { kind: 'notify-only', reason: 'Rollback policy is "notify": no automatic action.' };
  }
  if (live.status !== 'InService') {
    return {
      kind: 'cannot-roll-back',
      why: 'not-in-service',
      reason: `Endpoint is ${live.status}, not InService: roll back by hand once it settles.`,
    };
  }
  if (record?.previous && live.configName === record.previous.configName) {
    return {
      kind: 'already-rolled-back',
      to: live.configName,
      reason: `Endpoint already serves the previous config ${live.configName}.`,
    };
  }
  if (!record?.previous) {
    return {
      kind: 'cannot-roll-back',
      why: 'no-previous-config',
      reason: `No previous endpoint config is recorded for ${live.name}: Vigil saw no deployment of it yet.`,
    };
  }
  if (record.current.configName !== live.configName) {
    return {
      kind: 'cannot-roll-back',
      why: 'record-out-of-date',
      reason: `The endpoint serves ${live.configName} but Vigil recorded ${record.current.configName}: check the deployment-tracker rule.`,
    };
  }
  const previous = record.previous.configName;
  if (record.rolledBackFrom.includes(previous)) {
    return {
      kind: 'cannot-roll-back',
      why: 'previous-was-rolled-back',
      reason: `The previous config ${previous} was itself rolled back earlier: choose a config by hand.`,
    };
  }
  if (facts.previousConfigExists === false) {
    return {
      kind: 'cannot-roll-back',
      why: 'previous-config-missing',
      reason: `The previous config ${previous} no longer exists (DescribeEndpointConfig failed): redeploy a known-good config by hand.`,
    };
  }
  return {
    kind: 'rollback',
    from: live.configName,
    to: previous,
    reason: `Rolling back from ${live.configName} to the previous config ${previous}.`,
  };
}
