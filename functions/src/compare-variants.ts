import { ConfigError, endpointByName, hourOf, windowFromOffsets } from '@vigil/core';
import { readEndpointRecord } from '@vigil/core/rollback';
import { readCalibration, runVariantComparison, variantPackagesDuring } from '@vigil/core/variants';
import { assertScheduledMonitorEvent } from './shared/events.ts';
import { lambdaHandler } from './shared/lambda-handler.ts';
import { loadRuntime } from './shared/runtime.ts';

/** What a comparison run reports back to the scheduler (and to the logs). */
export interface VariantComparisonSummary {
  endpoint: string;
  reportKey: string;
  labels: number;
  /** Variant → decision. */
  decisions: Record<string, string>;
}

/**
 * Scheduled comparison of an endpoint's production variants. EventBridge Scheduler invokes it with
 * `{ "endpoint": "<name>" }` (optionally `"scheduledTime"`) for every endpoint with a `variants`
 * section; it compares each challenger and shadow with the champion over the window, writes
 * `comparison.json` to `{reports}/{endpoint}/variant-comparison/yyyy/mm/dd/hh/` and publishes the
 * `variant_*` metrics to `{prefix}/Endpoints/variant-metrics`.
 */
export const handler = lambdaHandler(async (event: unknown): Promise<VariantComparisonSummary> => {
  const { endpoint, scheduledTime } = assertScheduledMonitorEvent(event);
  const runtime = await loadRuntime();
  const config = endpointByName(runtime.config, endpoint);
  const variants = config.variants;
  if (!variants) {
    throw new ConfigError(
      `Endpoint "${endpoint}" has no variants section in the configuration: add one or remove its comparison schedule`,
      { path: 'endpoints' },
    );
  }
  const hour = hourOf(scheduledTime ?? runtime.clock.now());
  const baseline = variants.baseline ? runtime.storeFor(variants.baseline) : undefined;
  const window = windowFromOffsets(hour, variants.window);
  // Which model version each variant served: the registry gate matches a version to its verdict by it.
  const served = variantPackagesDuring(await readEndpointRecord(runtime.store, endpoint), window, [
    variants.champion,
    ...variants.challengers,
    ...variants.shadows,
  ]);
  const run = await runVariantComparison(
    { metrics: runtime.metrics, clock: runtime.clock, log: runtime.log },
    {
      endpoint,
      champion: variants.champion,
      challengers: variants.challengers,
      shadows: variants.shadows,
      scheduledTime: hour,
      window,
      labelWindow: windowFromOffsets(hour, variants.groundTruthWindow),
      capture: runtime.storeFor(config.capture),
      captureSource: variants.captureSource,
      extractStore: runtime.store,
      groundTruth: config.groundTruth ? runtime.storeFor(config.groundTruth) : undefined,
      reports: runtime.storeFor(config.reports),
      problemType: variants.problemType,
      attributes: {
        inferenceAttribute: variants.inferenceAttribute,
        probabilityAttribute: variants.probabilityAttribute,
        probabilityThreshold: variants.probabilityThreshold,
        groundTruthAttribute: variants.groundTruthAttribute,
      },
      calibration: baseline ? await readCalibration(baseline.store, baseline.key) : undefined,
      significance: variants.significance,
      minimumEffect: variants.minimumEffect,
      power: variants.power,
      metric: variants.metric,
      predictionDriftMethod: variants.predictionDriftMethod,
      namespacePrefix: runtime.config.metricsNamespacePrefix,
      publishMetrics: variants.publishMetrics,
      modelPackages: served,
    },
  );
  return {
    endpoint,
    reportKey: run.reportKey,
    labels: run.labels,
    decisions: Object.fromEntries(run.result.verdicts.map((v) => [v.variant, v.decision])),
  };
});
