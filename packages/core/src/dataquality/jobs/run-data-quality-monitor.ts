import type { EndpointConfig } from '../../config/schema.ts';
import { ConfigError, InputError } from '../../errors/vigil-error.ts';
import { SkippedInputTally } from '../../events/skipped-input-tally.ts';
import { joinKey, reportPrefix } from '../../layout/keys.ts';
import { metricsNamespace } from '../../monitors/names.ts';
import type { ObjectStore } from '../../ports/object-store.ts';
import { emptyProfile, mergeProfiles, type Profile, profileFromJson } from '../../profile/profile.ts';
import { hourOf, hourPath, hoursIn, type TimeWindow, windowFromOffsets } from '../../window/window.ts';
import { type LoadedBaseline, readDataQualityBaseline } from '../read-baseline.ts';
import type { ProfileSource } from './profile-capture-object.ts';
import {
  type DataQualityReportPorts,
  type DataQualityRunSummary,
  publishDataQualityRun,
} from './publish-run.ts';

/** Ports of the scheduled data-quality monitor. */
export interface DataQualityMonitorPorts extends DataQualityReportPorts {
  /** Vigil's store: profiles are read from it and reports written to it. */
  store: ObjectStore;
  /** Resolves a configured location (key prefix or s3:// URI); default: a prefix in `store`. */
  storeFor?: (location: string) => { store: ObjectStore; key: string };
}

/** What to monitor and when. */
export interface DataQualityMonitorOptions {
  endpoint: EndpointConfig;
  /** The hour the run covers; default the clock's now. Report folder is this hour's. */
  scheduledTime?: Date;
  /** An explicit window instead of the configured offsets around scheduledTime. */
  window?: TimeWindow;
  /** Metric namespace prefix (config.metricsNamespacePrefix); default `aws/sagemaker`. */
  metricsNamespacePrefix?: string;
}

const PROFILE_SUFFIX = '.profile.json';

/**
 * The scheduled data-quality monitor of one endpoint, SageMaker's DefaultModelMonitor execution:
 * merges the profiles profile-capture wrote for the window's hours (never re-reading raw capture;
 * `profiles/<capture>/<endpoint>/<variant>/yyyy/mm/dd/hh/`), checks them against the baseline,
 * writes statistics.json, constraint_violations.json and constraints.json to
 * `{reports}/{endpoint}/data-quality/yyyy/mm/dd/hh/`, publishes the metrics and emits
 * "Vigil Monitoring Execution". A missing or unreadable baseline, or a window with no data, ends
 * the run as Failed with the reason (as SageMaker fails an execution with no captured data);
 * unreadable profiles are counted in `skipped` and the run goes on.
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
  options: DataQualityMonitorOptions,
): Promise<DataQualityRunSummary> {
  const { endpoint } = options;
  const monitor = endpoint.monitors.dataQuality;
  if (!monitor) {
    throw new ConfigError(
      `Endpoint "${endpoint.name}" has no monitors.dataQuality: add one to the configuration to schedule it`,
      { path: 'endpoints.monitors.dataQuality' },
    );
  }
  const resolve = ports.storeFor ?? ((location: string) => ({ store: ports.store, key: location }));
  const scheduledTime = options.scheduledTime ?? ports.clock.now();
  const window = options.window ?? windowFromOffsets(scheduledTime, monitor.window);
  const reports = resolve(endpoint.reports);
  const context = {
    endpoint: endpoint.name,
    variant: endpoint.variant,
    monitoringSchedule: monitor.scheduleName ?? `${endpoint.name}-data-quality`,
    namespace: metricsNamespace(options.metricsNamespacePrefix, 'data-quality'),
    scheduledTime,
    window,
    reports: {
      store: reports.store,
      key: reportPrefix(reports.key, endpoint.name, 'data-quality', hourOf(scheduledTime)),
    },
    publishMetrics: monitor.publishMetrics,
    drift: monitor.drift,
    records: { store: ports.store },
  };
  const tally = new SkippedInputTally();

  let baseline: LoadedBaseline;
  try {
    const location = resolve(monitor.baseline);
    baseline = await readDataQualityBaseline(location.store, location.key);
  } catch (error) {
    // A bad baseline says what is wrong; a failed read (a 503, a timeout) says what failed.
    const reason =
      error instanceof InputError
        ? error.message
        : `The baseline at ${monitor.baseline} could not be read (${(error as Error).message}): the run will be retried on the next schedule or retry`;
    return publishDataQualityRun(ports, context, { failureReason: reason, skipped: [] });
  }

  const captureKey = resolve(endpoint.capture).key;
  let merged: { profile: Profile; files: number; unreadable: string[] };
  try {
    merged = await mergeWindowProfiles(
      ports.store,
      joinKey('profiles', captureKey, endpoint.name, endpoint.variant),
      window,
      tally,
    );
  } catch (error) {
    return publishDataQualityRun(ports, context, {
      failureReason: `The window's profiles could not be read (${(error as Error).message}): the run will be retried on the next schedule or retry`,
      skipped: tally.toSkipped(),
    });
  }
  const { profile } = merged;
  ports.log.debug('Merged window profiles', {
    endpoint: endpoint.name,
    profiles: merged.files,
    rows: profile.itemCount,
  });
  const { unreadable } = merged;
  if (profile.itemCount === 0 && unreadable.length > 0) {
    // Not "no captured data": there was data, in profiles that could not be read.
    const count =
      tally.toSkipped().find((s) => s.reason === 'unreadable-profile')?.count ?? unreadable.length;
    return publishDataQualityRun(ports, context, {
      failureReason:
        `${count} stored profile(s) of ${endpoint.name}/${endpoint.variant} for the window could not be read ` +
        `and no other profile has rows (${unreadable.join('; ')}): re-run profile-capture on their capture files`,
      skipped: tally.toSkipped(),
    });
  }
  if (profile.itemCount === 0) {
    return publishDataQualityRun(ports, context, {
      failureReason:
        `No captured data for ${endpoint.name}/${endpoint.variant} between ${window.start.toISOString()} and ` +
        `${window.end.toISOString()} (${merged.files} profiles): check that data capture is enabled and profile-capture runs`,
      skipped: tally.toSkipped(),
    });
  }
  return publishDataQualityRun(ports, context, { profile, baseline, skipped: tally.toSkipped() });
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
  for (const hour of hoursIn(window)) {
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
