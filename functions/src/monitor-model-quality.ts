import { hourOf, reportPrefix, scheduledMonitor, windowFromOffsets } from '@vigil/core';
import { runModelQualityMonitor } from '@vigil/core/modelquality';
import { assertScheduledMonitorEvent } from './shared/events.ts';
import { lambdaHandler } from './shared/lambda-handler.ts';
import { operationalMetrics } from './shared/operational-metrics.ts';
import { loadRuntime } from './shared/runtime.ts';

/** What a run reports back to the scheduler (and to the logs). */
export interface ModelQualityRunSummary {
  endpoint: string;
  status: string;
  violations: number;
  records: number;
  matched: number;
  reportUri: string;
  failureReason?: string;
}

/**
 * Scheduled model-quality monitor of one endpoint. EventBridge Scheduler invokes it with
 * `{ "endpoint": "<name>" }` (optionally `"scheduledTime"`); it joins the capture window's
 * predictions to the ground-truth window's labels, checks them against the baseline, estimates
 * quality before labels (binary), writes the report, publishes model-metrics and emits "Vigil
 * Monitoring Execution".
 */
export const handler = lambdaHandler(async (event: unknown): Promise<ModelQualityRunSummary> => {
  const { endpoint, scheduledTime } = assertScheduledMonitorEvent(event);
  const runtime = await loadRuntime();
  const startedAt = runtime.clock.now();
  const { endpoint: endpointConfig, monitor } = scheduledMonitor(runtime.config, endpoint, 'modelQuality');
  const hour = hourOf(scheduledTime ?? runtime.clock.now());
  const reports = runtime.storeFor(endpointConfig.reports);
  const result = await runModelQualityMonitor(
    { metrics: runtime.metrics, events: runtime.events, clock: runtime.clock, log: runtime.log },
    {
      endpoint,
      variant: endpointConfig.variant,
      scheduleName: monitor.scheduleName,
      scheduledTime: hour,
      window: windowFromOffsets(hour, monitor.window),
      labelWindow: windowFromOffsets(hour, monitor.groundTruthWindow),
      capture: runtime.storeFor(endpointConfig.capture),
      captureSource: monitor.captureSource,
      extractStore: runtime.store,
      groundTruth: endpointConfig.groundTruth ? runtime.storeFor(endpointConfig.groundTruth) : undefined,
      baseline: runtime.storeFor(monitor.baseline),
      output: { store: reports.store, key: reportPrefix(reports.key, endpoint, 'model-quality', hour) },
      problemType: monitor.problemType,
      attributes: {
        inferenceAttribute: monitor.inferenceAttribute,
        probabilityAttribute: monitor.probabilityAttribute,
        probabilityThreshold: monitor.probabilityThreshold,
        groundTruthAttribute: monitor.groundTruthAttribute,
      },
      namespacePrefix: runtime.config.metricsNamespacePrefix,
      publishMetrics: monitor.publishMetrics,
      records: { store: runtime.store },
      estimate: monitor.estimate,
    },
  );
  const summary: ModelQualityRunSummary = {
    endpoint,
    status: result.detail.status,
    violations: result.detail.violationCount,
    records: result.detail.recordCount,
    matched: result.merge?.matched ?? 0,
    reportUri: result.detail.reportUri,
    failureReason: result.detail.failureReason,
  };
  operationalMetrics.monitorRun(result.detail, startedAt, runtime.clock.now());
  runtime.log.info('Model quality run', { ...summary });
  return summary;
});
