import { monitoredVariants, monitorsPerVariant, type VigilConfig } from '@vigil/core';
import { type FunctionName, MONITORS, type MonitorSpec } from './functions.ts';
import { resourceName } from './names.ts';

/**
 * EventBridge Scheduler's context attribute for the time a schedule was due (ISO 8601): put in a
 * target's input, Scheduler replaces it with that time, however late the invocation.
 */
export const SCHEDULER_SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';

/**
 * How far Scheduler may spread a schedule's invocations after their time. SageMaker starts its
 * hourly monitoring jobs within 20 minutes of the hour; 15 keeps a run scheduled at :05 or later
 * inside its hour and spreads 4,000 runs an hour (1,000 endpoints) over a quarter of an hour.
 */
export const SCHEDULE_FLEXIBLE_WINDOW_MINUTES = 15;

/** One EventBridge Scheduler schedule: a monitor of an endpoint. */
export interface MonitorSchedule {
  /** Unique, alphanumeric: SST resource names derive from it. */
  name: string;
  function: FunctionName;
  schedule: string;
  /** Exactly what the monitor function receives: `variant` for an endpoint monitored per variant. */
  event: { endpoint: string; variant?: string };
  endpoint: string;
  /** The variant the runs are about, for an endpoint monitored per variant. */
  variant?: string;
  monitor: MonitorSpec;
}

/**
 * A schedule per configured endpoint and monitor; for an endpoint monitored per variant
 * (`variants.monitorEachVariant`), per endpoint, monitor and variant (champion, challengers and
 * shadows), each naming its variant.
 *
 * @example
 * ```ts
 * monitorSchedules(config).map((s) => s.name); // ['ChurnProdDataQuality', 'ChurnProdModelQuality']
 * // with variants A and B: ['ChurnProdDataQualityA', 'ChurnProdDataQualityB', …]
 * ```
 */
export function monitorSchedules(config: VigilConfig): MonitorSchedule[] {
  return config.endpoints.flatMap((endpoint) =>
    MONITORS.flatMap((monitor) => {
      const settings = endpoint.monitors[monitor.key];
      if (!settings) return [];
      const name = `${resourceName(endpoint.name)}${resourceName(monitor.folder)}`;
      const common = {
        function: monitor.function,
        schedule: settings.schedule,
        endpoint: endpoint.name,
        monitor,
      };
      if (!monitorsPerVariant(endpoint)) return [{ ...common, name, event: { endpoint: endpoint.name } }];
      return monitoredVariants(endpoint).map((variant) => ({
        ...common,
        name: `${name}${resourceName(variant)}`,
        event: { endpoint: endpoint.name, variant },
        variant,
      }));
    }),
  );
}

/** One schedule of an endpoint's variant comparison (the compare-variants function). */
export interface VariantSchedule {
  /** Unique, alphanumeric: SST resource names derive from it. */
  name: string;
  function: 'compare-variants';
  schedule: string;
  /** Exactly what compare-variants receives. */
  event: { endpoint: string };
  endpoint: string;
}

/**
 * A comparison schedule per endpoint with a `variants` section (two or more variants).
 *
 * @example
 * ```ts
 * variantSchedules(config).map((s) => s.name); // ['ChurnProdVariantComparison']
 * ```
 */
export function variantSchedules(config: VigilConfig): VariantSchedule[] {
  return config.endpoints.flatMap((endpoint) =>
    endpoint.variants
      ? [
          {
            name: `${resourceName(endpoint.name)}VariantComparison`,
            function: 'compare-variants' as const,
            schedule: endpoint.variants.schedule,
            event: { endpoint: endpoint.name },
            endpoint: endpoint.name,
          },
        ]
      : [],
  );
}
