import { capturedVariants, type EndpointConfig, joinKey } from '@vigil/core';
import { profileCaptureObject } from '@vigil/core/dataquality';
import { assertS3ObjectCreated } from './shared/events.ts';
import { lambdaHandler } from './shared/lambda-handler.ts';
import { operationalMetrics } from './shared/operational-metrics.ts';
import { loadRuntime, parseS3Uri, type Runtime } from './shared/runtime.ts';

/** What one invocation did, for the logs and tests. */
export interface ProfileCaptureSummary {
  status: 'profiled' | 'ignored';
  key: string;
  endpoint?: string;
  profileKey?: string;
  records?: number;
  rows?: number;
  skipped?: number;
}

/**
 * The configured endpoint whose capture location holds `bucket`/`key`, if any: under one of its
 * variants (its `variant` and those of its `variants` section, `capturedVariants`).
 */
function endpointFor(runtime: Runtime, bucket: string, key: string): EndpointConfig | undefined {
  return runtime.config.endpoints.find((endpoint) => {
    const uri = parseS3Uri(endpoint.capture);
    const captureBucket = uri ? uri.bucket : runtime.bucket;
    return (
      captureBucket === bucket &&
      capturedVariants(endpoint).some((variant) =>
        key.startsWith(`${joinKey(uri ? uri.key : endpoint.capture, endpoint.name, variant)}/`),
      )
    );
  });
}

/**
 * EventBridge S3 "Object Created" → profile one capture file. Writes the file's mergeable profile
 * and its extract under keys derived from the object key (a retried event overwrites them), for
 * the scheduled monitors to merge. Objects outside every configured capture location (Vigil's own
 * profiles and reports raise the same events) and non-`.jsonl` objects are ignored. A body that
 * ends short of the event's `object.size` throws (`IncompleteObjectError`) without writing, so the
 * invocation fails and Lambda retries it rather than storing part of the file as the whole.
 */
export const handler = lambdaHandler(async (event: unknown): Promise<ProfileCaptureSummary> => {
  const { bucket, key, size } = assertS3ObjectCreated(event);
  const runtime = await loadRuntime();
  const endpoint = key.endsWith('.jsonl') ? endpointFor(runtime, bucket, key) : undefined;
  if (!endpoint) {
    runtime.log.debug('Object is not configured capture; ignored', { bucket, key });
    return { status: 'ignored', key };
  }
  const result = await profileCaptureObject(
    { store: runtime.store, log: runtime.log },
    {
      key,
      source: runtime.storeFor(`s3://${bucket}/`).store,
      outputColumns: endpoint.monitors.dataQuality?.outputColumns ?? 'START',
      expectedBytes: size,
    },
  );
  const summary: ProfileCaptureSummary = {
    status: 'profiled',
    key,
    endpoint: endpoint.name,
    profileKey: result.profileKey,
    records: result.records,
    rows: result.rows,
    skipped: result.skipped.reduce((n, s) => n + s.count, 0),
  };
  operationalMetrics.filesProfiled(1);
  runtime.log.info('profile-capture done', { ...summary });
  return summary;
});
