import type { CloudWatchClient, MetricDatum as CwDatum } from '@aws-sdk/client-cloudwatch';
import {
  type Clock,
  cloudWatchDimensionValueProblem,
  cloudWatchMetricNameProblem,
  type Log,
  type MetricDatum,
  type MetricSink,
  silentLog,
  systemClock,
} from '@vigil/core';
import { awsClientConfig } from './client-config.ts';
import { cloudWatchSdk } from './lazy-sdk.ts';
import { cloudWatchStatistics } from './metric-statistics.ts';
import { cloudWatchValue } from './metric-values.ts';

/** PutMetricData accepts at most this many data in one request. */
export const MAX_METRICS_PER_REQUEST = 1000;
/** The request limit is 1 MB; keep a margin because the size of the wire encoding is estimated. */
export const MAX_REQUEST_BYTES = 1_000_000;
/** CloudWatch accepts at most 30 dimensions per metric. */
export const MAX_DIMENSIONS = 30;
const TWO_WEEKS_MS = 14 * 24 * 3600 * 1000;
const TWO_HOURS_MS = 2 * 3600 * 1000;

/** Options of {@link CloudWatchMetricSink}. */
export interface CloudWatchMetricSinkOptions {
  client?: CloudWatchClient;
  log?: Log;
  /** Decides which timestamps CloudWatch would reject (older than 2 weeks, over 2 hours ahead). */
  clock?: Clock;
}

/** What one `publish` call did with its data. */
export interface MetricPublishReport {
  sent: number;
  requests: number;
  /**
   * Data with a value replaced: ±infinity and beyond ±2^360 by ±2.348543e108 (as SageMaker does),
   * below 2^-360 by 0; a statistic set counts once however many of its fields were replaced.
   */
  clamped: number;
  /** Data whose value, or any field of whose statistic set, is NaN. */
  droppedNaN: number;
  /** Statistic sets whose SampleCount is not above 0: they summarise no values and CloudWatch rejects them. */
  droppedNoSamples: number;
  droppedTooManyDimensions: number;
  droppedOutOfTimeRange: number;
  /**
   * Data whose metric name or a dimension value CloudWatch would reject (not 1–255 / 1–1024
   * printable ASCII characters): one such datum would fail its whole request. A few of the names
   * are kept in `invalidNames` (metric names are feature names, never payload data).
   */
  droppedInvalidName: number;
  invalidNames: string[];
}

/**
 * The MetricSink port over CloudWatch PutMetricData. Data are grouped by namespace and sent in
 * requests within the API's limits (1 000 data, ~1 MB); throttling and 5xx answers are retried
 * with backoff. Values CloudWatch would reject are handled as SageMaker handles them: ±infinity is
 * clamped to ±2.348543e108, NaN is dropped, and each drop is counted and logged (never the data).
 * A metric name or dimension value CloudWatch would reject (a feature called `montréal`) is
 * dropped and counted too, so it cannot fail the request that carries the other metrics.
 * A datum with `statistics` is sent as `StatisticValues` (SampleCount, Sum, Minimum, Maximum)
 * without `Value`, which PutMetricData forbids beside it; each field is handled as a value is, and
 * a set with no samples is dropped and counted.
 *
 * @example
 * ```ts
 * const sink = new CloudWatchMetricSink({ log: logger });
 * await sink.publish(metrics);
 * console.log(sink.lastReport); // { sent: 42, requests: 1, clamped: 0, droppedNaN: 1, ... }
 * ```
 */
export class CloudWatchMetricSink implements MetricSink {
  private client: CloudWatchClient | undefined;
  private readonly log: Log;
  private readonly clock: Clock;
  /** The outcome of the latest `publish` call. */
  lastReport: MetricPublishReport = emptyReport();

  constructor(options: CloudWatchMetricSinkOptions = {}) {
    this.client = options.client;
    this.log = options.log ?? silentLog;
    this.clock = options.clock ?? systemClock;
  }

  async publish(metrics: readonly MetricDatum[]): Promise<void> {
    const report = emptyReport();
    const byNamespace = new Map<string, CwDatum[]>();
    const now = this.clock.now().getTime();
    for (const metric of metrics) {
      const datum = this.toCloudWatch(metric, now, report);
      if (!datum) continue;
      const list = byNamespace.get(metric.namespace) ?? [];
      list.push(datum);
      byNamespace.set(metric.namespace, list);
    }
    if (byNamespace.size === 0) {
      this.lastReport = report;
      return;
    }
    // The SDK and the client load on first use.
    const sdk = await cloudWatchSdk();
    this.client ??= new sdk.CloudWatchClient(awsClientConfig());
    for (const [namespace, data] of byNamespace) {
      for (const batch of batches(namespace, data)) {
        await this.client.send(new sdk.PutMetricDataCommand({ Namespace: namespace, MetricData: batch }));
        report.requests += 1;
        report.sent += batch.length;
      }
    }
    this.lastReport = report;
    const dropped =
      report.droppedNaN +
      report.droppedNoSamples +
      report.droppedTooManyDimensions +
      report.droppedOutOfTimeRange +
      report.droppedInvalidName;
    if (dropped > 0 || report.clamped > 0) {
      this.log.warn('Some metric values could not be published as they were', { ...report });
    }
  }

  private toCloudWatch(metric: MetricDatum, now: number, report: MetricPublishReport): CwDatum | undefined {
    if (
      cloudWatchMetricNameProblem(metric.name) ||
      Object.entries(metric.dimensions).some(
        ([name, value]) => cloudWatchMetricNameProblem(name) || cloudWatchDimensionValueProblem(value),
      )
    ) {
      report.droppedInvalidName += 1;
      if (report.invalidNames.length < 5) report.invalidNames.push(JSON.stringify(metric.name.slice(0, 300)));
      return undefined;
    }
    const measured = measuredFields(metric, report);
    if (!measured) return undefined;
    const dimensions = Object.entries(metric.dimensions);
    if (dimensions.length > MAX_DIMENSIONS) {
      report.droppedTooManyDimensions += 1;
      return undefined;
    }
    const at = metric.timestamp.getTime();
    if (at < now - TWO_WEEKS_MS || at > now + TWO_HOURS_MS) {
      report.droppedOutOfTimeRange += 1;
      return undefined;
    }
    return {
      MetricName: metric.name,
      Dimensions: dimensions.map(([Name, Value]) => ({ Name, Value })),
      ...measured,
      Timestamp: metric.timestamp,
      ...(metric.unit ? { Unit: metric.unit } : {}),
    };
  }
}

/**
 * `Value`, or `StatisticValues` for a datum with statistics, as CloudWatch accepts them; undefined
 * (counted in the report) when the datum cannot be sent. Clamped values are counted too.
 */
function measuredFields(
  metric: MetricDatum,
  report: MetricPublishReport,
): Pick<CwDatum, 'Value' | 'StatisticValues'> | undefined {
  if (metric.statistics) {
    const outcome = cloudWatchStatistics(metric.statistics);
    if (!outcome.accepted) {
      if (outcome.reason === 'NaN') report.droppedNaN += 1;
      else report.droppedNoSamples += 1;
      return undefined;
    }
    if (outcome.clamped) report.clamped += 1;
    const { sampleCount, sum, minimum, maximum } = outcome.statistics;
    return { StatisticValues: { SampleCount: sampleCount, Sum: sum, Minimum: minimum, Maximum: maximum } };
  }
  const value = cloudWatchValue(metric.value);
  if (value === undefined) {
    report.droppedNaN += 1;
    return undefined;
  }
  if (value !== metric.value) report.clamped += 1;
  return { Value: value };
}

/**
 * Splits data into requests of at most 1 000 data and about 1 MB. The size is estimated from the
 * Query-protocol encoding (`MetricData.member.N.Dimensions.member.M.Name=...`, URL-encoded), the
 * largest of the encodings the SDK may use.
 */
function* batches(namespace: string, data: readonly CwDatum[]): Iterable<CwDatum[]> {
  const base = 100 + encodedLength(namespace);
  let batch: CwDatum[] = [];
  let bytes = base;
  for (const datum of data) {
    const size = estimatedBytes(datum);
    if (batch.length > 0 && (batch.length >= MAX_METRICS_PER_REQUEST || bytes + size > MAX_REQUEST_BYTES)) {
      yield batch;
      batch = [];
      bytes = base;
    }
    batch.push(datum);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

function estimatedBytes(datum: CwDatum): number {
  const fieldOverhead = 40; // "&MetricData.member.1000.MetricName=" and the like
  const numberBytes = 32; // a double or an ISO timestamp, URL-encoded
  // MetricName, Timestamp and Unit, then Value or the four StatisticValues fields, whose names are
  // longer ("&MetricData.member.1000.StatisticValues.SampleCount=").
  let size = 3 * fieldOverhead + encodedLength(datum.MetricName ?? '') + numberBytes;
  size += datum.StatisticValues ? 4 * (fieldOverhead + 20 + numberBytes) : fieldOverhead + numberBytes;
  for (const dimension of datum.Dimensions ?? []) {
    size +=
      2 * (fieldOverhead + 20) + encodedLength(dimension.Name ?? '') + encodedLength(dimension.Value ?? '');
  }
  return size;
}

function encodedLength(text: string): number {
  return encodeURIComponent(text).length;
}

function emptyReport(): MetricPublishReport {
  return {
    sent: 0,
    requests: 0,
    clamped: 0,
    droppedNaN: 0,
    droppedNoSamples: 0,
    droppedTooManyDimensions: 0,
    droppedOutOfTimeRange: 0,
    droppedInvalidName: 0,
    invalidNames: [],
  };
}
