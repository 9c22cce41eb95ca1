import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MonitoringExecutionDetail } from '@vigil/core';

/** CloudWatch namespace of Vigil's own operational metrics, unless POWERTOOLS_METRICS_NAMESPACE says otherwise. */
export const OPERATIONAL_NAMESPACE = 'Vigil/Operations';

const METRIC_KEYS = ['filesProfiled', 'runDuration', 'captureToMetricLag', 'alertsSent'] as const;
type MetricKey = (typeof METRIC_KEYS)[number];

/**
 * The names of Vigil's operational metrics, as they appear in CloudWatch: each key capitalised.
 * FilesProfiled counts the capture files profile-capture profiled; RunDuration is the wall time of a
 * scheduled monitor run, from its start to its published result (milliseconds); CaptureToMetricLag
 * runs from the end of the monitored window to the run's metrics being published (seconds);
 * AlertsSent counts alert deliveries that reached a channel.
 */
export const OPERATIONAL_METRIC = Object.fromEntries(
  METRIC_KEYS.map((key) => [key, `${key.charAt(0).toUpperCase()}${key.slice(1)}`]),
) as { readonly [K in MetricKey]: Capitalize<K> };

/**
 * Vigil's operational metrics through Powertools Metrics: written to the function's log as
 * Embedded Metric Format, which CloudWatch turns into metrics without any API call. One instance
 * per container; `flush` writes what an invocation recorded.
 */
export class OperationalMetrics {
  readonly #metrics: Metrics;
  #pending = false;

  constructor(metrics: Metrics) {
    this.#metrics = metrics;
  }

  /**
   * Records that `count` capture files were profiled.
   *
   * @example
   * ```ts
   * operationalMetrics.filesProfiled(1);
   * ```
   */
  filesProfiled(count: number): void {
    this.#add(OPERATIONAL_METRIC.filesProfiled, MetricUnit.Count, count);
  }

  /**
   * Records a monitor run: its duration, and (when it published metrics) the lag from the end of
   * its window to now.
   *
   * @example
   * ```ts
   * operationalMetrics.monitorRun(summary.detail, startedAt, runtime.clock.now());
   * ```
   */
  monitorRun(detail: MonitoringExecutionDetail, startedAt: Date, now: Date): void {
    this.#metrics.addDimension('MonitoringType', detail.monitoringType);
    this.#add(OPERATIONAL_METRIC.runDuration, MetricUnit.Milliseconds, now.getTime() - startedAt.getTime());
    const windowEnd = Date.parse(detail.windowEnd);
    if (detail.status !== 'Failed' && !Number.isNaN(windowEnd)) {
      this.#add(
        OPERATIONAL_METRIC.captureToMetricLag,
        MetricUnit.Seconds,
        (now.getTime() - windowEnd) / 1000,
      );
    }
  }

  /**
   * Records alert deliveries that reached their channel.
   *
   * @example
   * ```ts
   * operationalMetrics.alertsSent(summary.delivered ?? 0);
   * ```
   */
  alertsSent(count: number): void {
    this.#add(OPERATIONAL_METRIC.alertsSent, MetricUnit.Count, count);
  }

  /**
   * Writes the recorded metrics (one EMF log line) and starts afresh; nothing when none were recorded.
   *
   * @example
   * ```ts
   * try { await run(event); } finally { operationalMetrics.flush(); }
   * ```
   */
  flush(): void {
    if (!this.#pending) {
      this.#metrics.clearDimensions();
      return;
    }
    this.#pending = false;
    this.#metrics.publishStoredMetrics();
  }

  /**
   * Forgets what an invocation recorded without writing it: outside Lambda (`vigil dev`, the
   * demo) EMF lines on stdout would only be noise.
   *
   * @example
   * ```ts
   * operationalMetrics.discard();
   * ```
   */
  discard(): void {
    if (this.#pending) this.#metrics.clearMetrics();
    this.#metrics.clearDimensions();
    this.#pending = false;
  }

  #add(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): void {
    this.#metrics.addMetric(name, unit, value);
    this.#pending = true;
  }
}

/** The operational metrics of this function (service name from POWERTOOLS_SERVICE_NAME). */
export const operationalMetrics = new OperationalMetrics(
  new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? OPERATIONAL_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'vigil',
  }),
);
