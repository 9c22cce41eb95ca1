import { scheduledMonitor } from '@vigil/core';
import { runDataQualityMonitor } from '@vigil/core/dataquality';
import { assertScheduledMonitorEvent } from './shared/events.ts';
import { lambdaHandler } from './shared/lambda-handler.ts';
import { operationalMetrics } from './shared/operational-metrics.ts';
import { loadRuntime } from './shared/runtime.ts';

/** What a run reports back to the scheduler (and to the logs). */
export interface DataQualityRunResult {
  endpoint: string;
  status: string;
  violations: number;
  records: number;
  reportUri?: string;
  failureReason?: string;
}

/**
 * Scheduled data-quality monitor of one endpoint. EventBridge Scheduler invokes it with
 * `{ "endpoint": "<name>" }` (optionally `"scheduledTime"`); it merges the window's capture
 * profiles, checks them against the baseline, writes the reports, publishes the metrics and emits
 * "Vigil Monitoring Execution". A run without baseline or data ends as Failed (in the event and
 * the result), not as an error, so the scheduler does not retry it.
 */
export const handler = lambdaHandler(async (event: unknown): Promise<DataQualityRunResult> => {
  const { endpoint, scheduledTime } = assertScheduledMonitorEvent(event);
  const runtime = await loadRuntime();
  const startedAt = runtime.clock.now();
  const { endpoint: endpointConfig } = scheduledMonitor(runtime.config, endpoint, 'dataQuality');
  const summary = await runDataQualityMonitor(
    {
      store: runtime.store,
      storeFor: (location) => runtime.storeFor(location),
      metrics: runtime.metrics,
      events: runtime.events,
      clock: runtime.clock,
      log: runtime.log,
    },
    {
      endpoint: endpointConfig,
      scheduledTime,
      metricsNamespacePrefix: runtime.config.metricsNamespacePrefix,
    },
  );
  const result: DataQualityRunResult = {
    endpoint,
    status: summary.status,
    violations: summary.detail.violationCount,
    records: summary.recordCount,
    reportUri: summary.reportUri,
    failureReason: summary.failureReason,
  };
  operationalMetrics.monitorRun(summary.detail, startedAt, runtime.clock.now());
  runtime.log.info('Data-quality run', { ...result });
  return result;
});
