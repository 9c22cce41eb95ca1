import { httpModelInvoker, SageMakerInvoker } from '@vigil/aws';
import { ConfigError, type ModelInvoker, monitorsPerVariant } from '@vigil/core';
import {
  type ClarifyAnalysisConfig,
  modelFormatFor,
  runFeatureAttributionMonitor,
} from '@vigil/core/explain';
import { captureLocations, finishScheduledRun, scheduledMonitorHandler } from './shared/scheduled-monitor.ts';

/**
 * Scheduled feature-attribution drift monitor of one endpoint. EventBridge Scheduler invokes it
 * with `{ "endpoint": "<name>" }` (optionally `"scheduledTime"`); it samples the window's capture,
 * explains it with KernelSHAP through the model (the endpoint itself unless the config names
 * another model), compares with the baseline analysis.json and reports as SageMaker does.
 */
export const handler = scheduledMonitorHandler('feature-attribution', async (run) => {
  const { endpoint, monitor, runtime } = run;
  const invoker = (config: ClarifyAnalysisConfig): ModelInvoker => {
    const format = modelFormatFor(config.predictor, config.dataset_type);
    if (monitor.model && 'url' in monitor.model) return httpModelInvoker({ url: monitor.model.url, format });
    if (monitor.model) return new SageMakerInvoker({ endpointName: monitor.model.endpoint, format });
    // Per variant, the monitored endpoint explains the variant's own model (TargetVariant).
    const variant = monitorsPerVariant(endpoint) ? run.target.variant : undefined;
    if (variant !== undefined && endpoint.variants?.shadows.includes(variant)) {
      throw new ConfigError(
        `Variant "${variant}" of endpoint "${endpoint.name}" is a shadow, which InvokeEndpoint cannot address: set monitors.featureAttribution.model to an endpoint or URL serving the shadow's model`,
        { path: 'endpoints.monitors.featureAttribution.model' },
      );
    }
    return new SageMakerInvoker({ endpointName: endpoint.name, format, targetVariant: variant });
  };
  const result = await runFeatureAttributionMonitor(
    { ...run.ports, invoker },
    {
      ...run.target,
      capture: captureLocations(run),
      baseline: runtime.storeFor(monitor.baseline),
      analysisConfig: runtime.storeFor(monitor.analysisConfig),
      readText: async (location) => {
        const { store, key } = runtime.storeFor(location);
        return new TextDecoder().decode(await store.get(key));
      },
      ndcgThreshold: monitor.ndcgThreshold,
      maxInvocations: monitor.maxInvocations,
      sampleSize: monitor.sampleSize,
    },
  );
  return finishScheduledRun(run, result.detail, {}, { plan: result.plan });
});
