import {
  ConfigError,
  captureHourPrefix,
  hourOf,
  hourPath,
  hoursIn,
  joinKey,
  reportPrefix,
  scheduledMonitor,
  windowFromOffsets,
} from '@vigil/core';
import { runBiasDriftMonitor } from '@vigil/core/bias';
import { assertScheduledMonitorEvent } from './shared/events.ts';
import { lambdaHandler } from './shared/lambda-handler.ts';
import { operationalMetrics } from './shared/operational-metrics.ts';
import { loadRuntime } from './shared/runtime.ts';

/** What a run reports back to the scheduler (and to the logs); never payload data. */
export interface BiasDriftRunSummary {
  endpoint: string;
  status: string;
  violations: number;
  records: number;
  reportUri: string;
}

/**
 * Scheduled bias-drift monitor of one endpoint. EventBridge Scheduler invokes it with
 * `{ "endpoint": "<name>" }` (optionally `"scheduledTime"`); it joins the window's capture with the
 * ground truth of the ground-truth window, computes Clarify's bias metrics, compares them with the
 * baseline analysis.json and reports, publishes and emits as SageMaker's bias monitor does.
 */
export const handler = lambdaHandler(async (event: unknown): Promise<BiasDriftRunSummary> => {
  const { endpoint, scheduledTime } = assertScheduledMonitorEvent(event);
  const runtime = await loadRuntime();
  const startedAt = runtime.clock.now();
  const { endpoint: endpointConfig, monitor } = scheduledMonitor(runtime.config, endpoint, 'biasDrift');
  if (!endpointConfig.groundTruth) {
    throw new ConfigError(
      `Endpoint "${endpoint}" has no groundTruth location: bias drift joins predictions with labels, so set endpoints[].groundTruth`,
      { path: 'endpoints.groundTruth' },
    );
  }
  const at = scheduledTime ?? runtime.clock.now();
  const window = windowFromOffsets(at, monitor.window);
  const labelWindow = windowFromOffsets(at, monitor.groundTruthWindow);
  const capture = runtime.storeFor(endpointConfig.capture);
  const groundTruth = runtime.storeFor(endpointConfig.groundTruth);
  const reports = runtime.storeFor(endpointConfig.reports);
  const result = await runBiasDriftMonitor(
    { metrics: runtime.metrics, events: runtime.events, clock: runtime.clock, log: runtime.log },
    {
      endpoint,
      variant: endpointConfig.variant,
      scheduleName: monitor.scheduleName,
      scheduledTime: hourOf(at),
      window,
      capture: hoursIn(window).map((hour) => ({
        store: capture.store,
        key: captureHourPrefix(capture.key, endpoint, endpointConfig.variant, hour),
      })),
      groundTruth: hoursIn(labelWindow).map((hour) => ({
        store: groundTruth.store,
        key: `${joinKey(groundTruth.key, hourPath(hour))}/`,
      })),
      baseline: runtime.storeFor(monitor.baseline),
      analysisConfig: runtime.storeFor(monitor.analysisConfig),
      output: { store: reports.store, key: reportPrefix(reports.key, endpoint, 'bias-drift', hourOf(at)) },
      attributes: {
        inferenceAttribute: monitor.inferenceAttribute,
        probabilityAttribute: monitor.probabilityAttribute,
        probabilityThreshold: monitor.probabilityThreshold,
        groundTruthAttribute: monitor.groundTruthAttribute,
      },
      namespacePrefix: runtime.config.metricsNamespacePrefix,
      publishMetrics: monitor.publishMetrics,
      records: { store: runtime.store },
      bootstrap: monitor.bootstrap.enabled ? monitor.bootstrap : undefined,
      policy: monitor.violationPolicy,
    },
  );
  const summary: BiasDriftRunSummary = {
    endpoint,
    status: result.detail.status,
    violations: result.detail.violationCount,
    records: result.detail.recordCount,
    reportUri: result.detail.reportUri,
  };
  operationalMetrics.monitorRun(result.detail, startedAt, runtime.clock.now());
  runtime.log.info('Bias drift run', { ...summary });
  return summary;
});
