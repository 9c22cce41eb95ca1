import { parseS3Uri } from '../config/s3-location.ts';
import type { VigilConfig } from '../config/schema.ts';
import { ConfigError, InputError } from '../errors/vigil-error.ts';
import { captureHourPrefix } from '../layout/keys.ts';
import { MONITOR_SPECS } from '../monitors/monitor-specs.ts';
import { MONITOR_CONFIG_KEY, MONITOR_FOLDERS, type MonitorFolder, monitorSpec } from '../monitors/names.ts';
import { HOUR_MS, hourOf, hoursIn, type TimeWindow } from '../window/window.ts';

/** What to backfill: an endpoint, a range of time, and optionally only some of its monitors. */
export interface BackfillRequest {
  endpoint: string;
  /** Start of the range; its hour is the first one profiled. */
  from: Date;
  /** End of the range (exclusive); a time inside an hour includes that hour. */
  to: Date;
  /** Monitor folders (`data-quality`, …); default every monitor the endpoint configures. */
  monitors?: readonly MonitorFolder[];
}

/** What planning needs besides the request: the time now, and when a schedule expression fires. */
export interface BackfillPlanContext {
  now: Date;
  /**
   * The times in `(from, to]` at which a `rate(…)`/`cron(…)` expression fires: the same function
   * the local loop schedules with (`scheduledTimes` of `@vigil/local`), so a backfill runs exactly
   * the windows the live schedule would have.
   */
  fireTimes(expression: string, from: Date, to: Date): Date[];
}

/** One capture hour folder to profile, file by file. */
export interface BackfillCaptureHour {
  hour: Date;
  /** `{capture key}/{endpoint}/{variant}/yyyy/mm/dd/hh/`, a key in the capture location's store. */
  prefix: string;
}

/** One monitor run of the plan: the event the monitor's Lambda gets, and a stable id. */
export interface BackfillRun {
  /** `<monitor folder>@<scheduled time ISO>`: the same for every backfill of the same window. */
  id: string;
  monitor: MonitorFolder;
  /** The monitor's function in the wiring table (`monitor-data-quality`, …). */
  function: string;
  endpoint: string;
  scheduledTime: Date;
}

/** Everything a backfill does, in order: profile the capture hours, then run the monitors. */
export interface BackfillPlan {
  endpoint: string;
  variant: string;
  /** The endpoint's configured capture location (`s3://bucket/prefix` or a key prefix in Vigil's store). */
  capture: string;
  /** The hours covered, `[start, end)` on hour boundaries, cut at the open hour. */
  range: TimeWindow;
  /** Set when the request reached into the current hour: the range stops at this hour. */
  openHour?: Date;
  captureHours: BackfillCaptureHour[];
  monitors: MonitorFolder[];
  /** Per monitor (in the monitor table's order), its runs oldest first. */
  runs: BackfillRun[];
}

/**
 * Plans a backfill of one endpoint over a range, without I/O: the capture hour folders whose files
 * are profiled again, then the monitor runs whose scheduled time falls in `(start, end]` of the
 * range by each monitor's own schedule, oldest first per monitor. Every key a backfill writes
 * derives from the capture key (profiles, extracts) or the window (reports, run records), so
 * running the same plan twice writes the same objects with the same bytes.
 *
 * Live runs are left alone: the current hour (still receiving capture) is never profiled, and a
 * run scheduled at the top of the current hour belongs to the live schedule (which may still be
 * running it, inside its flexible window), so the plan stops before it.
 *
 * @example
 * ```ts
 * const plan = planBackfill(config, { endpoint: 'churn', from: new Date('2024-05-01T00:00Z'),
 *   to: new Date('2024-05-02T00:00Z') }, { now: new Date(), fireTimes: scheduledTimes });
 * plan.captureHours.length; // 24
 * plan.runs[0]; // { id: 'data-quality@2024-05-01T01:00:00.000Z', monitor: 'data-quality', … }
 * ```
 */
export function planBackfill(
  config: VigilConfig,
  request: BackfillRequest,
  context: BackfillPlanContext,
): BackfillPlan {
  const { from, to } = request;
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new InputError('--from and --to must be ISO-8601 times such as 2024-05-01T00:00:00Z');
  }
  if (from >= to) {
    throw new InputError(
      `--from (${from.toISOString()}) must be before --to (${to.toISOString()}): the range is [from, to)`,
    );
  }
  const endpoint = config.endpoints.find((e) => e.name === request.endpoint);
  if (!endpoint) {
    const known = config.endpoints.map((e) => e.name).join(', ') || 'none';
    throw new ConfigError(
      `Endpoint "${request.endpoint}" is not in the configuration (configured: ${known}): check --endpoint`,
      { path: 'endpoints' },
    );
  }
  const monitors = selectedMonitors(endpoint.monitors, request.monitors, endpoint.name);
  const openHour = hourOf(context.now);
  const start = hourOf(from);
  const requestedEnd = new Date(Math.ceil(to.getTime() / HOUR_MS) * HOUR_MS);
  const end = requestedEnd > openHour ? openHour : requestedEnd;
  if (start >= end) {
    throw new InputError(
      `Nothing to backfill: the range starts in the current hour (${openHour.toISOString()}) or later, which the live path still owns`,
    );
  }
  const range = { start, end };
  const uri = parseS3Uri(endpoint.capture);
  const captureKey = uri ? uri.key : endpoint.capture;
  const captureHours = hoursIn(range).map((hour) => ({
    hour,
    prefix: captureHourPrefix(captureKey, endpoint.name, endpoint.variant, hour),
  }));
  // The run at the top of the open hour is the live schedule's: stop just before it.
  const lastRun = new Date(Math.min(end.getTime(), openHour.getTime() - 1));
  const runs = monitors.flatMap((monitor) => {
    const settings = endpoint.monitors[MONITOR_CONFIG_KEY[monitor]] as { schedule: string };
    return context.fireTimes(settings.schedule, start, lastRun).map((scheduledTime) => ({
      id: `${monitor}@${scheduledTime.toISOString()}`,
      monitor,
      function: monitorSpec(monitor).function.name,
      endpoint: endpoint.name,
      scheduledTime,
    }));
  });
  return {
    endpoint: endpoint.name,
    variant: endpoint.variant,
    capture: endpoint.capture,
    range,
    ...(requestedEnd > openHour ? { openHour } : {}),
    captureHours,
    monitors,
    runs,
  };
}

function selectedMonitors(
  configured: VigilConfig['endpoints'][number]['monitors'],
  requested: readonly string[] | undefined,
  endpoint: string,
): MonitorFolder[] {
  const available = MONITOR_SPECS.filter((spec) => configured[spec.configKey] !== undefined).map(
    (spec) => spec.folder,
  );
  if (requested === undefined || requested.length === 0) return available;
  for (const name of requested) {
    if (!(MONITOR_FOLDERS as readonly string[]).includes(name)) {
      throw new InputError(`--monitors: unknown monitor "${name}"; use ${MONITOR_FOLDERS.join(', ')}`);
    }
    if (!(available as readonly string[]).includes(name)) {
      throw new ConfigError(
        `Endpoint "${endpoint}" has no ${name} monitor in the configuration (configured: ${available.join(', ') || 'none'}): drop it from --monitors or configure it`,
        { path: 'endpoints' },
      );
    }
  }
  // The monitor table's order, whatever order --monitors named them in.
  return available.filter((folder) => requested.includes(folder));
}
