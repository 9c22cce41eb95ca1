import { monitorsPerVariant, runVariant } from '../config/monitored-variants.ts';
import type { EndpointConfig } from '../config/schema.ts';
import type { RunTarget } from '../events/run-monitor.ts';
import type { RunRecordStore } from '../events/run-record.ts';
import { reportPrefix } from '../layout/keys.ts';
import type { ObjectStore, StoreLocation } from '../ports/object-store.ts';
import { type AnalysisWindow, analysisWindow } from '../window/analysis-window.ts';
import { hourOf, type TimeWindow } from '../window/window.ts';
import type { MonitorFolder } from './names.ts';
import { monitorScheduleName } from './schedule-name.ts';

/**
 * Where configured locations are: Vigil's own store (profiles, extracts, run records) and the
 * store and key of a configured location (`s3://bucket/prefix`, or a key prefix in Vigil's store).
 */
export interface ConfiguredStores {
  store: ObjectStore;
  storeFor(location: string): StoreLocation;
}

/** A monitor's settings that say how it is scheduled (every monitor's configuration has them). */
export interface ScheduledMonitorSettings {
  scheduleName?: string;
  window: { startOffset: string; endOffset: string };
  /** Monitors that join labels: the ground-truth window. */
  groundTruthWindow?: { startOffset: string; endOffset: string };
  publishMetrics: boolean;
}

/** A scheduled run's target, with everything a handler (or the CLI's twin) resolved. */
export interface ScheduledRunTarget extends RunTarget {
  variant: string;
  window: AnalysisWindow;
  records: RunRecordStore;
  publishMetrics: boolean;
}

/**
 * Resolves the target of one scheduled run of an endpoint's monitor, the same way for every
 * monitor: the analysis window of the scheduled time (`analysisWindow`, with the ground-truth
 * window for monitors that join labels), stamped with its hour; the report folder
 * `{reports}/{endpoint}/{monitor}/yyyy/mm/dd/hh/` of that hour; run records in Vigil's store; the
 * schedule name, metric namespace prefix and publishing switch of the configuration.
 *
 * An endpoint whose `variants` section says `monitorEachVariant` is monitored per variant: the
 * run is about `variant` (one of its champion, challengers and shadows), reports to
 * `{reports}/{endpoint}/{monitor}/{variant}/yyyy/mm/dd/hh/`, is scheduled as
 * `<schedule name>-<variant>` and claims its window for that variant alone. Otherwise nothing
 * changes: the endpoint's one `variant`, and no variant folder.
 *
 * @example
 * ```ts
 * const target = scheduledRunTarget('bias-drift', endpoint, endpoint.monitors.biasDrift!, {
 *   at: new Date('2024-05-01T13:04:00Z'), stores: runtime, namespacePrefix: config.metricsNamespacePrefix,
 * });
 * target.window; // { hour: 13:00, start: 12:00, end: 13:00, labels: { start: 2024-04-29T13:00Z, end: 13:00 } }
 * target.output.key; // 'reports/credit/bias-drift/2024/05/01/13/'
 * ```
 */
export function scheduledRunTarget(
  folder: MonitorFolder,
  endpoint: EndpointConfig,
  monitor: ScheduledMonitorSettings,
  options: {
    /** The scheduled time (the event's, else now). */
    at: Date;
    stores: ConfiguredStores;
    namespacePrefix?: string;
    /** An explicit window instead of the configured offsets (a test). */
    window?: TimeWindow;
    /**
     * A backfill's run: a window settled before is computed again and its report and run record
     * replaced, without sending its metrics or event twice (`RunRecordStore.replaceSettled`).
     */
    backfill?: boolean;
    /** The variant the run is about: required when the endpoint is monitored per variant. */
    variant?: string;
  },
): ScheduledRunTarget {
  const { at, stores } = options;
  const window: AnalysisWindow = options.window
    ? { hour: hourOf(at), start: options.window.start, end: options.window.end }
    : analysisWindow(at, monitor.window, monitor.groundTruthWindow);
  const reports = stores.storeFor(endpoint.reports);
  const variant = runVariant(endpoint, options.variant);
  const perVariant = monitorsPerVariant(endpoint) ? variant : undefined;
  return {
    endpoint: endpoint.name,
    variant,
    scheduleName: perVariant
      ? monitorScheduleName(endpoint, folder, monitor, perVariant)
      : monitor.scheduleName,
    scheduledTime: window.hour,
    window,
    output: {
      store: reports.store,
      key: reportPrefix(reports.key, endpoint.name, folder, window.hour, perVariant),
    },
    records: {
      store: stores.store,
      ...(perVariant ? { variant: perVariant } : {}),
      ...(options.backfill ? { replaceSettled: true } : {}),
    },
    namespacePrefix: options.namespacePrefix,
    publishMetrics: monitor.publishMetrics,
  };
}
