import type { GuardrailAlarm } from './alarm-definition.ts';

/** SageMaker's limit on alarms in AutoRollbackConfiguration. */
export const MAX_ROLLBACK_ALARMS = 10;

const PRIORITY: Record<GuardrailAlarm['kind'], number> = {
  violations: 0,
  'model-metric': 1,
  'feature-drift': 2,
  heartbeat: 3,
};

/** How the blue/green update shifts traffic. */
export interface DeploymentConfigOptions {
  /** Percent of capacity on the canary; default 10. */
  canaryPercent?: number;
  /** Baking time after the canary step, seconds (0–3600); default 600. */
  waitIntervalSeconds?: number;
  /** Final baking before the old fleet goes, seconds (0–3600); default 600. */
  terminationWaitSeconds?: number;
}

/** The snippet to paste into UpdateEndpoint, and what did not fit. */
export interface DeploymentConfigSnippet {
  DeploymentConfig: {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: {
        Type: 'CANARY';
        CanarySize: { Type: 'CAPACITY_PERCENT'; Value: number };
        WaitIntervalInSeconds: number;
      };
      TerminationWaitInSeconds: number;
      MaximumExecutionTimeoutInSeconds: number;
    };
    AutoRollbackConfiguration: { Alarms: { AlarmName: string }[] };
  };
  /** Alarms that guard deployments but exceed SageMaker's limit of 10. */
  omitted: string[];
}

/**
 * The DeploymentConfig (BlueGreenUpdatePolicy + AutoRollbackConfiguration) naming the
 * endpoint's deployment guardrails, for `UpdateEndpoint`. Heartbeat alarms are left out: a
 * silent monitor is worth an alert, not a rollback. SageMaker takes at most 10 alarms: the
 * per-monitor roll-ups come first (they cover every violation), then the model metric, then
 * per-feature drift; what does not fit is listed in `omitted`.
 *
 * @example
 * ```ts
 * const { DeploymentConfig } = deploymentConfigFor(guardrailAlarms(config, 'churn-prod'));
 * await sagemaker.send(new UpdateEndpointCommand({ EndpointName, EndpointConfigName, DeploymentConfig }));
 * ```
 */
export function deploymentConfigFor(
  alarms: readonly GuardrailAlarm[],
  options: DeploymentConfigOptions = {},
): DeploymentConfigSnippet {
  // The roll-ups cover every violation, so they go first when SageMaker's limit cuts the list.
  const guarding = alarms
    .filter((a) => a.guardsDeployments)
    .sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind])
    .map((a) => a.name);
  const wait = options.waitIntervalSeconds ?? 600;
  const termination = options.terminationWaitSeconds ?? 600;
  // SageMaker requires the timeout to exceed the total baking time; 600 s is its minimum.
  const timeout = Math.min(28_800, Math.max(600, wait + termination + 1800));
  return {
    DeploymentConfig: {
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: {
          Type: 'CANARY',
          CanarySize: { Type: 'CAPACITY_PERCENT', Value: options.canaryPercent ?? 10 },
          WaitIntervalInSeconds: wait,
        },
        TerminationWaitInSeconds: termination,
        MaximumExecutionTimeoutInSeconds: timeout,
      },
      AutoRollbackConfiguration: {
        Alarms: guarding.slice(0, MAX_ROLLBACK_ALARMS).map((AlarmName) => ({ AlarmName })),
      },
    },
    omitted: guarding.slice(MAX_ROLLBACK_ALARMS),
  };
}
