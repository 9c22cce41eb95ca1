import { asyncMetricsNamespace } from '../monitors/async-namespace.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';

/** Vigil's own metric of failed asynchronous inferences (SageMaker publishes no such metric here). */
export const ASYNC_FAILURES_METRIC = 'vigil_async_inference_failures';

/**
 * One datum per endpoint variant with failures: `vigil_async_inference_failures` (Sum; unit Count)
 * with dimensions `Endpoint` and `Variant` (Vigil's own dimensions, as the metric is Vigil's), so
 * that an alarm can watch an async endpoint's failures.
 *
 * @example
 * ```ts
 * asyncFailureDatums([{ endpoint: 'churn-async', variant: 'AllTraffic', failures: 3 }], { timestamp: now });
 * ```
 */
export function asyncFailureDatums(
  counts: readonly { endpoint: string; variant: string; failures: number }[],
  options: { timestamp: Date; namespacePrefix?: string },
): MetricDatum[] {
  return counts
    .filter((c) => c.failures > 0)
    .map((c) => ({
      namespace: asyncMetricsNamespace(options.namespacePrefix),
      name: ASYNC_FAILURES_METRIC,
      dimensions: { Endpoint: c.endpoint, Variant: c.variant },
      value: c.failures,
      unit: 'Count',
      timestamp: options.timestamp,
    }));
}
