import type { EndpointConfig } from '../../config/schema.ts';
import { ConfigError, InputError } from '../../errors/vigil-error.ts';
import type { MonitorRun, RunTarget } from '../../events/run-monitor.ts';
import type { SkippedInputTally } from '../../events/skipped-input-tally.ts';
import { joinKey } from '../../layout/keys.ts';
import { metricsNamespace } from '../../monitors/names.ts';
import { scheduledRunTarget } from '../../monitors/scheduled-run.ts';
import type { ObjectStore } from '../../ports/object-store.ts';
import { emptyProfile, mergeProfiles, type Profile, profileFromJson } from '../../profile/profile.ts';
import { captureHours } from '../../window/analysis-window.ts';
import { hourPath, type TimeWindow } from '../../window/window.ts';
import type { DriftSettings } from '../drift/settings.ts';
import { type LoadedBaseline, readDataQualityBaseline } from '../read-baseline.ts';
import type { ProfileSource } from './profile-capture-object.ts';
import {
  type DataQualityReportPorts,
  type DataQualityRunSummary,
  type DataQualityWindow,
  runDataQuality,
} from './publish-run.ts';

/** Ports of the scheduled data-quality monitor. */
export interface DataQualityMonitorPorts extends DataQualityReportPorts {
  /** Vigil's store: profiles are read from it and run records written to it. */
  store: ObjectStore;
  /** Resolves a configured location (key prefix or s3:// URI); default: a prefix in `store`. */
  storeFor?: (location: string) => { store: ObjectStore; key: string };
}

/** What to monitor and when, from the endpoint's configuration (resolved as a scheduled handler resolves it). */
export interface DataQualityMonitorOptions {
  endpoint: EndpointConfig;
  /** The time the run covers; default the clock's now. Report folder is this hour's. */
  scheduledTime?: Date;
  /** An explicit window instead of the configured offsets around scheduledTime. */
  window?: TimeWindow;
  /** Metric namespace prefix (config.metricsNamespacePrefix); default `aws/sagemaker`. */
  metricsNamespacePrefix?: string;
}

/** A resolved run (`scheduledRunTarget`): the target every monitor shares, and data quality's inputs. */
export interface DataQualityRunOptions extends RunTarget {
  variant: string;
  window: TimeWindow;
  /** The configured baseline folder (statistics.json and constraints.json). */
  baseline: string;
  /** The configured capture location: the window's profiles are `profiles/<its key>/<endpoint>/<variant>/` in Vigil's store. */
  capture: string;
  /** Vigil's drift methods and thresholds, and whether their verdicts count as violations. */
  drift?: DriftSettings;
}

const PROFILE_SUFFIX = '.profile.json';

/**
 * The scheduled data-quality monitor of one endpoint, SageMaker's DefaultModelMonitor execution,
 * through `runMonitor`: merges the profiles profile-capture wrote for the window's hours (never
 * re-reading raw capture; `profiles/<capture>/<endpoint>/<variant>/yyyy/mm/dd/hh/`), checks them
 * against the baseline, writes statistics.json, constraint_violations.json and constraints.json to
 * `{reports}/{endpoint}/data-quality/yyyy/mm/dd/hh/`, publishes the metrics and emits
 * "Vigil Monitoring Execution". A missing or unreadable baseline, or a window with no data, ends
 * the run as Failed with the reason (as SageMaker fails an execution with no captured data);
 * unreadable profiles are counted in `skipped` and the run goes on. Takes a resolved run (what the
 * handler passes) or the endpoint's configuration, which it resolves the same way.
 *
 * @example
 * ```ts
 * const summary = await runDataQualityMonitor(
 *   { store, metrics, events, clock, log },
 *   { endpoint: config.endpoints[0], scheduledTime: new Date('2024-05-01T13:05:00Z') },
 * );
 * summary.status; // 'CompletedWithViolations'
 * ```
 */
export async function runDataQualityMonitor(
  ports: DataQualityMonitorPorts,
  options: DataQualityMonitorOptions | DataQualityRunOptions,
): Promise<DataQualityRunSummary> {
  const run = 'output' in options ? options : resolve(ports, options);
  const storeFor = ports.storeFor ?? ((location: string) => ({ store: ports.store, key: location }));
  const { endpoint, variant } = run;
  return runDataQuality(
    ports,
    {
      endpoint,
      variant,
      monitoringSchedule: run.scheduleName ?? `${endpoint}-data-quality`,
      namespace: metricsNamespace(run.namespacePrefix, 'data-quality'),
      scheduledTime: run.scheduledTime,
      window: run.window,
      reports: run.output,
      publishMetrics: run.publishMetrics ?? true,
      drift: run.drift,
      records: run.records,
    },
    (monitorRun) =>
      readWindow(ports.store, monitorRun, {
        baseline: run.baseline,
        storeFor,
        profiles: joinKey('profiles', storeFor(run.capture).key, endpoint, variant),
        describe: `${endpoint}/${variant}`,
      }),
  );
}

// The endpoint's configuration as a resolved run, as the scheduled handler resolves it.
function resolve(ports: DataQualityMonitorPorts, options: DataQualityMonitorOptions): DataQualityRunOptions {
  const { endpoint } = options;
  const monitor = endpoint.monitors.dataQuality;
  if (!monitor) {
    throw new ConfigError(
      `Endpoint "${endpoint.name}" has no monitors.dataQuality: add one to the configuration to schedule it`,
      { path: 'endpoints.monitors.dataQuality' },
    );
  }
  const at = options.scheduledTime ?? ports.clock.now();
  const target = scheduledRunTarget('data-quality', endpoint, monitor, {
    at,
    stores: {
      store: ports.store,
      storeFor: ports.storeFor ?? ((location: string) => ({ store: ports.store, key: location })),
    },
    namespacePrefix: options.metricsNamespacePrefix,
    window: options.window,
  });
  return {
    ...target,
    // Data quality stamps its event and metrics with the time it was run for, not its hour
    // (docs/monitoring-window.md).
    scheduledTime: at,
    baseline: monitor.baseline,
    capture: endpoint.capture,
    drift: monitor.drift,
  };
}

// The window's merged profile and the baseline, or why the window cannot be checked.
async function readWindow(
  store: ObjectStore,
  run: MonitorRun,
  inputs: {
    baseline: string;
    storeFor: (location: string) => { store: ObjectStore; key: string };
    profiles: string;
    describe: string;
  },
): Promise<DataQualityWindow> {
  const { tally, window } = run;
  let baseline: LoadedBaseline;
  try {
    const location = inputs.storeFor(inputs.baseline);
    baseline = await readDataQualityBaseline(location.store, location.key);
  } catch (error) {
    // A bad baseline says what is wrong; a failed read (a 503, a timeout) says what failed.
    return {
      failureReason:
        error instanceof InputError
          ? error.message
          : `The baseline at ${inputs.baseline} could not be read (${(error as Error).message}): the run will be retried on the next schedule or retry`,
    };
  }

  let merged: { profile: Profile; files: number; unreadable: string[] };
  try {
    merged = await mergeWindowProfiles(store, inputs.profiles, window, tally);
  } catch (error) {
    return {
      failureReason: `The window's profiles could not be read (${(error as Error).message}): the run will be retried on the next schedule or retry`,
    };
  }
  const { profile, unreadable } = merged;
  run.log.debug('Merged window profiles', {
    endpoint: run.endpoint,
    profiles: merged.files,
    rows: profile.itemCount,
  });
  if (profile.itemCount === 0 && unreadable.length > 0) {
    // Not "no captured data": there was data, in profiles that could not be read.
    const count =
      tally.toSkipped().find((s) => s.reason === 'unreadable-profile')?.count ?? unreadable.length;
    return {
      failureReason:
        `${count} stored profile(s) of ${inputs.describe} for the window could not be read ` +
        `and no other profile has rows (${unreadable.join('; ')}): re-run profile-capture on their capture files`,
    };
  }
  if (profile.itemCount === 0) {
    return {
      failureReason:
        `No captured data for ${inputs.describe} between ${window.start.toISOString()} and ` +
        `${window.end.toISOString()} (${merged.files} profiles): check that data capture is enabled and profile-capture runs`,
    };
  }
  return { profile, baseline };
}

// Merges the profiles profile-capture wrote under `prefix/yyyy/mm/dd/hh/` for the window's hours.
async function mergeWindowProfiles(
  store: ObjectStore,
  prefix: string,
  window: TimeWindow,
  tally: SkippedInputTally,
): Promise<{ profile: Profile; files: number; unreadable: string[] }> {
  let profile: Profile = emptyProfile();
  let merged = 0;
  const unreadable: string[] = [];
  for (const hour of captureHours(window, 'capture-hour')) {
    const hourPrefix = `${joinKey(prefix, hourPath(hour))}/`;
    const keys: string[] = [];
    for await (const info of store.list(hourPrefix))
      if (info.key.endsWith(PROFILE_SUFFIX)) keys.push(info.key);
    keys.sort();
    for (const key of keys) {
      const bytes = await store.get(key);
      let part: Profile;
      let source: Partial<ProfileSource> | undefined;
      try {
        const data = JSON.parse(new TextDecoder().decode(bytes)) as { source?: ProfileSource };
        part = profileFromJson(data);
        source = data.source;
      } catch (error) {
        // Any defect of a stored profile (truncated write, other format) skips that file only.
        tally.add('unreadable-profile', key);
        if (unreadable.length < 3) unreadable.push(`${key}: ${unreadableReason(error)}`);
        continue;
      }
      if (Array.isArray(source?.skipped)) {
        tally.addAll(source.skipped.filter((s) => typeof s?.reason === 'string' && Number.isFinite(s.count)));
      }
      profile = mergeProfiles(profile, part);
      merged++;
    }
  }
  return { profile, files: merged, unreadable };
}

/** Why a stored profile could not be read, for the failure reason (never its content). */
function unreadableReason(error: unknown): string {
  if (error instanceof InputError) return error.message;
  // JSON.parse's message may quote the text, which can hold captured values: not repeated here.
  if (error instanceof SyntaxError) return 'not valid JSON, perhaps a truncated write';
  return error instanceof Error ? error.name : 'unreadable';
}
