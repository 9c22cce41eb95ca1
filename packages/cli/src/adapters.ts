import { isAbsolute, resolve } from 'node:path';
import { CloudWatchMetricSink, EventBridgePublisher, logger, S3ObjectStore } from '@vigil/aws';
import {
  attributingPublisher,
  type Clock,
  type EventPublisher,
  type Log,
  type MetricSink,
  type MonitorRunPorts,
  type ObjectStore,
  parseS3Uri,
  silentLog,
  systemClock,
  type VigilConfig,
} from '@vigil/core';
import type { Runtime } from '@vigil/functions/shared/runtime';
import { LOCAL_BUCKET, LocalEventBus, LocalMetricStore, LocalObjectStore } from '@vigil/local';
import { UsageError } from './command.ts';

/** The folder local mode keeps its state in, relative to the working directory. */
export const DEFAULT_HOME = '.vigil';

/**
 * The store and key a command-line location names. A local path becomes a store rooted at `/`
 * with the absolute path (without its leading slash) as key; `s3://bucket/prefix` becomes the
 * bucket's store with the prefix as key. A trailing slash is kept, so `out/` lists only `out/…`.
 *
 * @example
 * ```ts
 * openLocation('captures/', '/home/me'); // { store: LocalObjectStore('/'), key: 'home/me/captures/' }
 * openLocation('s3://my-bucket/capture/ep/', cwd); // { store: S3ObjectStore(my-bucket), key: 'capture/ep/' }
 * ```
 */
export function openLocation(pathOrUri: string, cwd: string): { store: ObjectStore; key: string } {
  if (/^s3:\/\//i.test(pathOrUri)) {
    const uri = parseS3Uri(pathOrUri);
    if (!uri) throw new UsageError(`"${pathOrUri}" names no bucket: write s3://<bucket>/<prefix>`);
    return { store: s3Store(uri.bucket), key: uri.key };
  }
  if (pathOrUri === '') throw new UsageError('An empty path was given: name a file or folder');
  const absolute = isAbsolute(pathOrUri) ? resolve(pathOrUri) : resolve(cwd, pathOrUri);
  const trailing = /[/\\]$/.test(pathOrUri) && absolute !== '/' ? '/' : '';
  return { store: rootStore(), key: `${absolute.slice(1)}${trailing}` };
}

/**
 * Local mode's own folder (default `.vigil` in the working directory) as a store; the same key
 * layout as Vigil's bucket in AWS.
 *
 * @example
 * ```ts
 * const home = openHome(undefined, process.cwd()); // <cwd>/.vigil
 * ```
 */
export function openHome(home: string | undefined, cwd: string): LocalObjectStore {
  return new LocalObjectStore(homePath(home, cwd));
}

/**
 * Where a command's metrics go: CloudWatch (`--cloudwatch`), else the local metrics store under
 * the home folder, which `vigil alarms` evaluates.
 *
 * @example
 * ```ts
 * const metrics = cliMetricSink({ cloudwatch: flag(args, 'cloudwatch'), home: homePath(optionalString(args, 'home'), io.cwd) });
 * ```
 */
export function cliMetricSink(options: { cloudwatch: boolean; home: string; log?: Log }): MetricSink {
  if (options.cloudwatch) return new CloudWatchMetricSink({ log: options.log });
  return new LocalMetricStore(options.home, { log: options.log });
}

/**
 * Where a command's events go: the local bus journal under the home folder, or with
 * `eventBusName` an EventBridge bus.
 *
 * @example
 * ```ts
 * const events = cliEventPublisher(homePath(optionalString(args, 'home'), io.cwd));
 * ```
 */
export function cliEventPublisher(
  home: string,
  options: { eventBusName?: string; log?: Log } = {},
): EventPublisher {
  if (options.eventBusName)
    return new EventBridgePublisher({ eventBusName: options.eventBusName, log: options.log });
  // Runs name the model version that served their window, from the home's endpoint history.
  return attributingPublisher(
    new LocalEventBus(home, { log: options.log }),
    new LocalObjectStore(home),
    options.log ?? silentLog,
  );
}

/**
 * The ports of a monitor run from the command line, the same for every `vigil monitor …`: metrics
 * to the home's store (or CloudWatch), events to the home's bus journal, the system clock, and a
 * log that prints nothing but, when `warn` is given, the run's warnings.
 *
 * @example
 * ```ts
 * await runBiasDriftMonitor(cliRunPorts({ cloudwatch: flag(args, 'cloudwatch'), home, warn: (m) => io.stderr(m) }), options);
 * ```
 */
export function cliRunPorts(options: {
  cloudwatch: boolean;
  home: string;
  warn?: (message: string) => void;
}): MonitorRunPorts {
  return {
    metrics: cliMetricSink({ cloudwatch: options.cloudwatch, home: options.home }),
    events: cliEventPublisher(options.home),
    clock: systemClock,
    log: options.warn ? { ...silentLog, warn: options.warn } : silentLog,
  };
}

/**
 * The absolute path of the home folder: `home` resolved against `cwd`, or `<cwd>/.vigil`.
 *
 * @example
 * ```ts
 * homePath(undefined, '/work'); // '/work/.vigil'
 * ```
 */
export function homePath(home: string | undefined, cwd: string): string {
  return resolve(cwd, home ?? DEFAULT_HOME);
}

let root: LocalObjectStore | undefined;
const buckets = new Map<string, S3ObjectStore>();

function rootStore(): LocalObjectStore {
  root ??= new LocalObjectStore('/');
  return root;
}

function s3Store(bucket: string): S3ObjectStore {
  let store = buckets.get(bucket);
  if (!store) {
    store = new S3ObjectStore({ bucket });
    buckets.set(bucket, store);
  }
  return store;
}

/** What {@link localRuntime} builds a handlers' runtime from. */
export interface LocalRuntimeOptions {
  config: VigilConfig;
  /** The home folder (Vigil's bucket in local mode); relative to `cwd`. Default `.vigil`. */
  home?: string;
  cwd: string;
  /** Default: a LocalEventBus on the home, so events are journaled. */
  events?: EventPublisher;
  /** Default: the LocalMetricStore on the home. */
  metrics?: MetricSink;
  clock?: Clock;
  /**
   * Vigil's bucket. Default: a LocalObjectStore on the home. The load benchmark passes an S3 store
   * (s3rver), so the local loop runs on the S3 protocol; journals and metrics stay in the home.
   */
  store?: ObjectStore;
}

/**
 * The runtime the Lambda handlers get in local mode (`vigil dev`, the demo): the home folder
 * stands in for Vigil's bucket, named `vigil-local` (LOCAL_BUCKET) as in synthesized S3 events, so
 * configured key prefixes (`capture`, `reports`) and `s3://vigil-local/<key>` resolve inside it,
 * while other `s3://` URIs and absolute paths resolve as `openLocation` does. Hand it to
 * `provideRuntime` before calling handlers.
 *
 * @example
 * ```ts
 * const bus = new LocalEventBus(homePath(undefined, cwd));
 * provideRuntime(localRuntime({ config, cwd, events: bus }));
 * ```
 */
export function localRuntime(options: LocalRuntimeOptions): Runtime {
  const home = homePath(options.home, options.cwd);
  const store = options.store ?? new LocalObjectStore(home);
  return {
    config: options.config,
    bucket: LOCAL_BUCKET,
    store,
    storeFor(location) {
      const own = `s3://${LOCAL_BUCKET}`;
      if (location === own || location.startsWith(`${own}/`))
        return { store, key: location.slice(own.length + 1) };
      if (/^s3:\/\//i.test(location) || isAbsolute(location)) return openLocation(location, options.cwd);
      return { store, key: location };
    },
    metrics: options.metrics ?? new LocalMetricStore(home, { log: logger }),
    events: attributingPublisher(options.events ?? new LocalEventBus(home, { log: logger }), store, logger),
    clock: options.clock ?? systemClock,
    log: logger,
  };
}
