import { httpModelInvoker, SageMakerInvoker } from '@vigil/aws';
import {
  captureHourPrefix,
  hourOf,
  hoursIn,
  type ModelInvoker,
  reportPrefix,
  scheduledMonitor,
  windowFromOffsets,
} from '@vigil/core';
import {
  type ClarifyAnalysisConfig,
  modelFormatFor,
  runFeatureAttributionMonitor,
} from '@vigil/core/explain';
import { assertScheduledMonitorEvent } from './shared/events.ts';
import { lambdaHandler } from './shared/lambda-handler.ts';
import { operationalMetrics } from './shared/operational-metrics.ts';
import { loadRuntime } from './shared/runtime.ts';

/** What a run reports back to the scheduler (and to the logs). */
export interface FeatureAttributionRunSummary {
  endpoint: string;
  status: string;
  violations: number;
  records: number;
  reportUri: string;
}

/**
 * Scheduled feature-attribution drift monitor of one endpoint. EventBridge Scheduler invokes it
 * with `{ "endpoint": "<name>" }` (optionally `"scheduledTime"`); it samples the window's capture,
 * explains it with KernelSHAP through the model (the endpoint itself unless the config names
 * another model), compares with the baseline analysis.json and reports as SageMaker does.
 */
export const handler = lambdaHandler(async (event: unknown): Promise<FeatureAttributionRunSummary> => {
  const { endpoint, scheduledTime } = assertScheduledMonitorEvent(event);
  const runtime = await loadRuntime();
  const startedAt = runtime.clock.now();
  const { endpoint: endpointConfig, monitor } = scheduledMonitor(
    runtime.config,
    endpoint,
    'featureAttribution',
  );
  const at = scheduledTime ?? runtime.clock.now();
  const window = windowFromOffsets(at, monitor.window);
  const capture = runtime.storeFor(endpointConfig.capture);
  const reports = runtime.storeFor(endpointConfig.reports);
  const invokerFor = (config: ClarifyAnalysisConfig): ModelInvoker => {
    const format = modelFormatFor(config.predictor, config.dataset_type);
    if (monitor.model && 'url' in monitor.model) return httpModelInvoker({ url: monitor.model.url, format });
    const endpointName = monitor.model?.endpoint ?? endpointConfig.name;
    return new SageMakerInvoker({ endpointName, format });
  };
  const result = await runFeatureAttributionMonitor(
    {
      metrics: runtime.metrics,
      events: runtime.events,
      clock: runtime.clock,
      log: runtime.log,
      invoker: invokerFor,
    },
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
      baseline: runtime.storeFor(monitor.baseline),
      analysisConfig: runtime.storeFor(monitor.analysisConfig),
      output: {
        store: reports.store,
        key: reportPrefix(reports.key, endpoint, 'feature-attribution', hourOf(at)),
      },
      readText: async (location) => {
        const { store, key } = runtime.storeFor(location);
        return new TextDecoder().decode(await store.get(key));
      },
      namespacePrefix: runtime.config.metricsNamespacePrefix,
      ndcgThreshold: monitor.ndcgThreshold,
      maxInvocations: monitor.maxInvocations,
      sampleSize: monitor.sampleSize,
      publishMetrics: monitor.publishMetrics,
      records: { store: runtime.store },
    },
  );
  const summary: FeatureAttributionRunSummary = {
    endpoint,
    status: result.detail.status,
    violations: result.detail.violationCount,
    records: result.detail.recordCount,
    reportUri: result.detail.reportUri,
  };
  operationalMetrics.monitorRun(result.detail, startedAt, runtime.clock.now());
  runtime.log.info('Feature attribution run', { ...summary, plan: result.plan });
  return summary;
});
