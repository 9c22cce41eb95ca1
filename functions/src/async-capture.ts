import { type EndpointConfig, joinKey } from '@vigil/core';
import {
  asyncCaptureKey,
  asyncCaptureLine,
  asyncErrorKey,
  asyncErrorRecord,
  asyncFailureDatums,
  asyncNotificationsOf,
} from '@vigil/core/async';
import { lambdaHandler } from './shared/lambda-handler.ts';
import { loadRuntime } from './shared/runtime.ts';

/** What one invocation did, for the logs and tests; never payload data. */
export interface AsyncCaptureSummary {
  /** Completed inferences written as capture records (their keys). */
  captured: string[];
  /** Failed inferences recorded under `async-errors/` (their keys). */
  failed: string[];
  /** Notifications of endpoints without an `asyncInference` section. */
  ignored: number;
}

/**
 * async-capture: SageMaker Asynchronous Inference's success and error notifications (SNS) → for
 * a completed inference, reads the request at its InputLocation and the result at its
 * OutputLocation, joins them by the inference id into one data-capture record and writes it to
 * `{capture}/{endpoint}/{variant}/yyyy/mm/dd/hh/` (the hour it was received), where
 * profile-capture and the monitors read it as any capture; for a failed one, records it under
 * `async-errors/{endpoint}/{variant}/…` (counted by `countAsyncErrors`) and publishes
 * `vigil_async_inference_failures` to `<prefix>/Endpoints/async-metrics`. Keys derive from the
 * inference id, so a notification delivered twice is written once (the metric, being a count of
 * notifications, counts a redelivered failure again).
 */
export const handler = lambdaHandler(async (event: unknown): Promise<AsyncCaptureSummary> => {
  const notifications = asyncNotificationsOf(event);
  const runtime = await loadRuntime();
  const summary: AsyncCaptureSummary = { captured: [], failed: [], ignored: 0 };
  const read = async (uri: string) => {
    const { store, key } = runtime.storeFor(uri);
    return store.get(key);
  };
  for (const notification of notifications) {
    const endpoint: EndpointConfig | undefined = runtime.config.endpoints.find(
      (e) => e.name === notification.endpointName && e.asyncInference,
    );
    if (!endpoint) {
      summary.ignored += 1;
      runtime.log.warn('Async notification of an endpoint without asyncInference; ignored', {
        endpoint: notification.endpointName,
      });
      continue;
    }
    if (notification.status === 'Failed') {
      const key = asyncErrorKey(endpoint.name, endpoint.variant, notification);
      await runtime.store.put(key, asyncErrorRecord(notification), 'application/json');
      summary.failed.push(key);
      continue;
    }
    const [input, output] = await Promise.all([
      read(notification.inputLocation),
      read(notification.outputLocation as string),
    ]);
    const capture = runtime.storeFor(endpoint.capture);
    const key = asyncCaptureKey(capture.key, endpoint.name, endpoint.variant, notification);
    await capture.store.put(key, `${asyncCaptureLine(notification, { bytes: input }, { bytes: output })}\n`);
    summary.captured.push(joinKey(key));
  }
  // Failures per endpoint variant, as a metric an alarm can watch.
  const failures = new Map<string, { endpoint: string; variant: string; failures: number }>();
  for (const notification of notifications.filter((n) => n.status === 'Failed')) {
    const endpoint = runtime.config.endpoints.find(
      (e) => e.name === notification.endpointName && e.asyncInference,
    );
    if (!endpoint) continue;
    const id = `${endpoint.name}/${endpoint.variant}`;
    const count = failures.get(id) ?? { endpoint: endpoint.name, variant: endpoint.variant, failures: 0 };
    count.failures += 1;
    failures.set(id, count);
  }
  const datums = asyncFailureDatums([...failures.values()], {
    timestamp: runtime.clock.now(),
    namespacePrefix: runtime.config.metricsNamespacePrefix,
  });
  if (datums.length > 0) await runtime.metrics.publish(datums);
  runtime.log.info('async-capture done', {
    captured: summary.captured.length,
    failed: summary.failed.length,
    ignored: summary.ignored,
  });
  return summary;
});
