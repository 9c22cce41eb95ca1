import * as nodeBuffer from 'node:buffer';
import { createHash } from 'node:crypto';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { awsClientConfig, CloudWatchMetricSink, EventBridgePublisher, S3ObjectStore } from '@vigil/aws';
import {
  asciiDecoderFromNodeBuffer,
  attributingPublisher,
  type Clock,
  ConfigError,
  configWarnings,
  type EventPublisher,
  type MetricSink,
  ObjectNotFoundError,
  type ObjectStore,
  parseConfigText,
  parseS3Uri,
  provideAsciiDecoder,
  provideSha256,
  sha256FromCreateHash,
  systemClock,
  type VigilConfig,
} from '@vigil/core';
import { logger, type VigilLogger } from './logger.ts';

export { logger, type VigilLogger };

// The audit chain, content digests and card names hash with node:crypto's SHA-256.
provideSha256(sha256FromCreateHash(createHash));
// Capture files are ASCII as a rule; node:buffer decodes ASCII about four times faster than TextDecoder.
provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer));

/** Where the deployed configuration lives in Vigil's bucket unless VIGIL_CONFIG_KEY says otherwise. */
export const DEFAULT_CONFIG_KEY = 'config/vigil.config.json';

/** What every handler needs, built once per cold start. */
export interface Runtime {
  config: VigilConfig;
  /** Vigil's bucket. */
  bucket: string;
  /** Vigil's bucket as a store. */
  store: ObjectStore;
  /**
   * Where the audit log is (its `audit/` prefix): the object-locked audit bucket in AWS
   * (env VIGIL_AUDIT_BUCKET), Vigil's bucket when unset and in local mode.
   */
  auditStore?: ObjectStore;
  /**
   * The store and key of a configured location: an `s3://bucket/prefix` URI (any bucket the
   * function may read), or a key prefix inside Vigil's bucket.
   */
  storeFor(location: string): { store: ObjectStore; key: string };
  metrics: MetricSink;
  events: EventPublisher;
  clock: Clock;
  log: VigilLogger;
}

/** The environment a runtime is built from; `process.env` in Lambda. */
export interface RuntimeEnvironment {
  VIGIL_BUCKET?: string;
  VIGIL_CONFIG_KEY?: string;
  VIGIL_EVENT_BUS?: string;
  VIGIL_AUDIT_BUCKET?: string;
}

let cached: Promise<Runtime> | undefined;

/**
 * The runtime of this Lambda container: Vigil's bucket (env VIGIL_BUCKET), the configuration read
 * from `VIGIL_CONFIG_KEY` (default `config/vigil.config.json`) in it and validated, CloudWatch
 * metrics, Vigil's EventBridge bus (env VIGIL_EVENT_BUS) and the logger. Loaded on the first
 * call of a cold start and reused after; a failed load is retried on the next invocation.
 *
 * @example
 * ```ts
 * export const handler = async (event: unknown) => {
 *   const runtime = await loadRuntime();
 *   const endpoint = endpointByName(runtime.config, assertScheduledMonitorEvent(event).endpoint);
 * };
 * ```
 */
export function loadRuntime(): Promise<Runtime> {
  cached ??= createRuntime(process.env).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/**
 * Forgets the cached runtime, so that tests can change the environment between cases.
 *
 * @example
 * ```ts
 * afterEach(() => resetRuntime());
 * ```
 */
export function resetRuntime(): void {
  cached = undefined;
}

/**
 * Makes `loadRuntime()` answer this runtime instead of building one from the environment: how
 * `vigil dev`, the demo and tests run the very same handlers over local adapters.
 *
 * @example
 * ```ts
 * provideRuntime(localRuntime({ config, home: '.vigil', cwd: process.cwd(), events: bus }));
 * await profileCapture(s3ObjectCreatedEvent);
 * ```
 */
export function provideRuntime(runtime: Runtime): void {
  cached = Promise.resolve(runtime);
}

/**
 * Builds a runtime from an explicit environment, without caching.
 *
 * @example
 * ```ts
 * const runtime = await createRuntime({ VIGIL_BUCKET: 'vigil-test' }, { s3: new S3Client({ endpoint }) });
 * ```
 */
export async function createRuntime(
  env: RuntimeEnvironment,
  clients: { s3?: S3Client; cloudwatch?: CloudWatchClient; eventbridge?: EventBridgeClient } = {},
): Promise<Runtime> {
  const bucket = env.VIGIL_BUCKET;
  if (!bucket) {
    throw new ConfigError(
      'VIGIL_BUCKET is not set: deploy the function with the Vigil infrastructure (sst deploy)',
      {
        path: 'VIGIL_BUCKET',
      },
    );
  }
  const s3 = clients.s3 ?? new S3Client(awsClientConfig());
  const stores = new Map<string, ObjectStore>();
  const bucketStore = (name: string): ObjectStore => {
    let store = stores.get(name);
    if (!store) {
      store = new S3ObjectStore({ bucket: name, client: s3 });
      stores.set(name, store);
    }
    return store;
  };
  const store = bucketStore(bucket);
  const configKey = env.VIGIL_CONFIG_KEY || DEFAULT_CONFIG_KEY;
  const config = await readConfig(store, configKey);
  logger.debug('Runtime loaded', { bucket, configKey, endpoints: config.endpoints.length });
  for (const warning of configWarnings(config)) logger.warn('Configuration warning', { configKey, warning });
  return {
    config,
    bucket,
    store,
    ...(env.VIGIL_AUDIT_BUCKET ? { auditStore: bucketStore(env.VIGIL_AUDIT_BUCKET) } : {}),
    storeFor(location) {
      const uri = parseS3Uri(location);
      return uri ? { store: bucketStore(uri.bucket), key: uri.key } : { store, key: location };
    },
    metrics: new CloudWatchMetricSink({ client: clients.cloudwatch, log: logger }),
    // Every run names the model version that served its window, from the deployment tracker's history.
    events: attributingPublisher(
      new EventBridgePublisher({
        eventBusName: env.VIGIL_EVENT_BUS,
        client: clients.eventbridge,
        log: logger,
      }),
      store,
      logger,
    ),
    clock: systemClock,
    log: logger,
  };
}

async function readConfig(store: ObjectStore, key: string): Promise<VigilConfig> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(key);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      throw new ConfigError(
        `No configuration at ${store.location}/${key}: deploy again (sst deploy uploads vigil.config.json there)`,
        { path: 'VIGIL_CONFIG_KEY', cause: error },
      );
    }
    throw error;
  }
  const source = `${store.location}/${key}`;
  try {
    return parseConfigText(new TextDecoder().decode(bytes), source);
  } catch (error) {
    // Say which file is wrong and how it gets fixed; schema errors do not name the file.
    if (!(error instanceof ConfigError) || error.message.includes(source)) throw error;
    throw new ConfigError(`${source}: ${error.message}\nFix vigil.config.json and deploy again.`, {
      path: error.path,
      cause: error,
    });
  }
}

/** Re-exported for the functions that resolve configured locations (profile-capture). */
export { parseS3Uri };
