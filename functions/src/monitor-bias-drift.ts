import { ConfigError } from '@vigil/core';
import { runBiasDriftMonitor } from '@vigil/core/bias';
import {
  captureLocations,
  finishScheduledRun,
  labelLocations,
  scheduledMonitorHandler,
} from './shared/scheduled-monitor.ts';

/**
 * Scheduled bias-drift monitor of one endpoint. EventBridge Scheduler invokes it with
 * `{ "endpoint": "<name>" }` (optionally `"scheduledTime"`); it joins the window's capture with the
 * ground truth of the ground-truth window, computes Clarify's bias metrics, compares them with the
 * baseline analysis.json and reports, publishes and emits as SageMaker's bias monitor does.
 */
export const handler = scheduledMonitorHandler('bias-drift', async (run) => {
  const { endpoint, monitor } = run;
  if (!endpoint.groundTruth) {
    throw new ConfigError(
      `Endpoint "${endpoint.name}" has no groundTruth location: bias drift joins predictions with labels, so set endpoints[].groundTruth`,
      { path: 'endpoints.groundTruth' },
    );
  }
  const result = await runBiasDriftMonitor(run.ports, {
    ...run.target,
    capture: captureLocations(run),
    groundTruth: labelLocations(run, endpoint.groundTruth),
    baseline: run.runtime.storeFor(monitor.baseline),
    analysisConfig: run.runtime.storeFor(monitor.analysisConfig),
    attributes: {
      inferenceAttribute: monitor.inferenceAttribute,
      probabilityAttribute: monitor.probabilityAttribute,
      probabilityThreshold: monitor.probabilityThreshold,
      groundTruthAttribute: monitor.groundTruthAttribute,
    },
    bootstrap: monitor.bootstrap.enabled ? monitor.bootstrap : undefined,
    policy: monitor.violationPolicy,
  });
  return finishScheduledRun(run, result.detail);
});
