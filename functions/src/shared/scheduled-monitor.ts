import {
  type ConfiguredStores,
  captureHourPrefix,
  captureHours,
  type EndpointConfig,
  groundTruthHourPrefix,
  hoursIn,
  InputError,
  MONITOR_CONFIG_KEY,
  type MonitorFolder,
  type MonitoringExecutionDetail,
  type MonitorRunPorts,
  monitorSpec,
  monitorTitle,
  type ScheduledRunTarget,
  type StoreLocation,
  scheduledMonitor,
  scheduledRunTarget,
} from '@vigil/core';
import type { Context } from 'aws-lambda';
import { assertScheduledMonitorEvent } from './events.ts';
import { lambdaHandler } from './lambda-handler.ts';
import { operationalMetrics } from './operational-metrics.ts';
import { loadRuntime, type Runtime } from './runtime.ts';

/** The ports every monitor job takes from a handler: Vigil's store, configured locations, metrics, events, clock, log. */
export type ScheduledMonitorPorts = MonitorRunPorts & ConfiguredStores;

/** The configuration of the monitor kept under `F`'s key in an endpoint's `monitors`. */
export type MonitorSettings<F extends MonitorFolder> = NonNullable<
  EndpointConfig['monitors'][(typeof MONITOR_CONFIG_KEY)[F]]
>;

/** One scheduled run of a monitor, resolved from its event and the deployed configuration. */
export interface ScheduledMonitorRun<F extends MonitorFolder> {
  folder: F;
  runtime: Runtime;
  endpoint: EndpointConfig;
  monitor: MonitorSettings<F>;
  ports: ScheduledMonitorPorts;
  /** Who, which window, where the report goes (`scheduledRunTarget`). */
  target: ScheduledRunTarget;
  /** The time the schedule asked for, else the time the run started. */
  at: Date;
  startedAt: Date;
}

/** What a monitor's Lambda returns to the scheduler (and logs); never payload data. */
export interface ScheduledRunSummary {
  endpoint: string;
  status: string;
  violations: number;
  records: number;
  reportUri?: string;
  failureReason?: string;
}

/**
 * Resolves the scheduled run of a monitor the same way for every monitor's Lambda: checks the
 * event (`{ endpoint, variant?, scheduledTime?, backfill? }`; `variant` for an endpoint monitored per
 * variant, a backfill re-runs a settled window), loads the runtime, finds the endpoint and its monitor
 * (a `ConfigError` saying what to add when either is missing), and resolves the run's target:
 * its analysis window, report folder and run records (`scheduledRunTarget`). The ports are one
 * object, the same for every monitor job.
 *
 * @example
 * ```ts
 * const run = await scheduledMonitorRun(event, 'bias-drift');
 * const result = await runBiasDriftMonitor(run.ports, { ...run.target, capture: captureLocations(run), … });
 * return finishScheduledRun(run, result.detail);
 * ```
 */
export async function scheduledMonitorRun<F extends MonitorFolder>(
  event: unknown,
  folder: F,
): Promise<ScheduledMonitorRun<F>> {
  const { endpoint: name, variant, scheduledTime, backfill } = assertScheduledMonitorEvent(event);
  const runtime = await loadRuntime();
  const startedAt = runtime.clock.now();
  const { endpoint, monitor } = scheduledMonitor(runtime.config, name, MONITOR_CONFIG_KEY[folder]);
  const ports: ScheduledMonitorPorts = {
    store: runtime.store,
    storeFor: (location) => runtime.storeFor(location),
    metrics: runtime.metrics,
    events: runtime.events,
    clock: runtime.clock,
    log: runtime.log,
  };
  const at = scheduledTime ?? runtime.clock.now();
  const target = scheduledRunTarget(folder, endpoint, monitor, {
    at,
    stores: ports,
    namespacePrefix: runtime.config.metricsNamespacePrefix,
    backfill,
    variant,
  });
  return { folder, runtime, endpoint, monitor: monitor as MonitorSettings<F>, ports, target, at, startedAt };
}

/**
 * The Lambda handler of a scheduled monitor: every monitor's function boots the same way, so the
 * handler resolves the run of `folder` from the event (`scheduledMonitorRun`) and hands it to
 * `job`, inside `lambdaHandler`.
 *
 * @example
 * ```ts
 * export const handler = scheduledMonitorHandler('bias-drift', async (run) => {
 *   const result = await runBiasDriftMonitor(run.ports, { ...run.target, capture: captureLocations(run), … });
 *   return finishScheduledRun(run, result.detail);
 * });
 * ```
 */
export function scheduledMonitorHandler<F extends MonitorFolder, TResult>(
  folder: F,
  job: (run: ScheduledMonitorRun<F>) => Promise<TResult>,
): (event: unknown, context?: Context) => Promise<TResult> {
  return lambdaHandler(async (event) => job(await scheduledMonitorRun(event, folder)));
}

/**
 * The capture hour folders of the run's window, by its monitor's record selection:
 * `{capture}/{endpoint}/{variant}/yyyy/mm/dd/hh/`.
 *
 * @example
 * ```ts
 * captureLocations(run); // [{ store, key: 'capture/credit/AllTraffic/2024/05/01/12/' }]
 * ```
 */
export function captureLocations(run: ScheduledMonitorRun<MonitorFolder>): StoreLocation[] {
  const capture = run.runtime.storeFor(run.endpoint.capture);
  return captureHours(run.target.window, monitorSpec(run.folder).recordSelection).map((hour) => ({
    store: capture.store,
    key: captureHourPrefix(capture.key, run.endpoint.name, run.target.variant, hour),
  }));
}

/**
 * The ground-truth hour folders of the run's label window: `{groundTruth}/yyyy/mm/dd/hh/`.
 *
 * @example
 * ```ts
 * labelLocations(run, 'ground-truth/credit'); // [{ store, key: 'ground-truth/credit/2024/04/29/13/' }, …]
 * ```
 */
export function labelLocations(
  run: ScheduledMonitorRun<MonitorFolder>,
  groundTruth: string,
): StoreLocation[] {
  const labels = run.runtime.storeFor(groundTruth);
  return hoursIn(labelWindow(run)).map((hour) => ({
    store: labels.store,
    key: groundTruthHourPrefix(labels.key, hour),
  }));
}

/** The run's ground-truth window; only monitors that join labels have one. */
export function labelWindow(run: ScheduledMonitorRun<MonitorFolder>): { start: Date; end: Date } {
  const { labels } = run.target.window;
  if (!labels) {
    throw new InputError(
      `The ${run.folder} monitor joins no labels, so its runs have no ground-truth window`,
    );
  }
  return labels;
}

/**
 * Ends a scheduled run's Lambda the same way for every monitor: its operational metrics, one log
 * line, and the summary the scheduler gets back (plus the monitor's own `extra` fields).
 *
 * @example
 * ```ts
 * return finishScheduledRun(run, result.detail, { matched: result.merge?.matched ?? 0 });
 * ```
 */
export function finishScheduledRun<T extends object = object>(
  run: ScheduledMonitorRun<MonitorFolder>,
  detail: MonitoringExecutionDetail,
  extra?: T,
  logged: Record<string, unknown> = {},
): ScheduledRunSummary & T {
  const summary = {
    endpoint: run.endpoint.name,
    status: detail.status,
    violations: detail.violationCount,
    records: detail.recordCount,
    reportUri: detail.reportUri || undefined,
    failureReason: detail.failureReason,
    ...extra,
  } as ScheduledRunSummary & T;
  operationalMetrics.monitorRun(detail, run.startedAt, run.runtime.clock.now());
  run.runtime.log.info(`${monitorTitle(run.folder)} run`, { ...summary, ...logged });
  return summary;
}
