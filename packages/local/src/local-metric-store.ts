import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Log, MetricDatum, MetricSink, MetricStatistics, MetricUnit } from '@vigil/core';
import { silentLog } from '@vigil/core';

/** CloudWatch's largest magnitude, which SageMaker publishes for ±infinity. */
const MAX_MAGNITUDE = 2.348543e108;

/** Files appended to at once by `publish` (libuv runs four file operations at a time by default). */
const APPENDS_AT_ONCE = 8;

/** One JSON line. `statistics` is absent for plain values and in lines written before it existed. */
interface StoredDatum {
  dimensions: Record<string, string>;
  value: number;
  statistics?: MetricStatistics;
  unit?: MetricUnit;
  timestamp: string;
}

/**
 * A local stand-in for CloudWatch metrics: every datum is a JSON line in
 * `<home>/metrics/<namespace>/<metric name>.jsonl`, queried by exact dimension set as CloudWatch
 * identifies a metric. Values are stored as CloudWatch would store them (±infinity clamped to
 * ±2.348543e108, NaN dropped and counted), so local alarms see what AWS alarms would see. A
 * statistic set is stored with its value (the Average) and each of its fields handled the same way;
 * a set with NaN in it is dropped as NaN is, a set with no samples (SampleCount not above 0) is
 * dropped and counted as CloudWatch rejects it.
 *
 * @example
 * ```ts
 * const metrics = new LocalMetricStore('.vigil');
 * await metrics.publish(data);
 * const points = await metrics.query('aws/sagemaker/Endpoints/data-metrics', 'feature_baseline_drift_age',
 *   { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' }, from, to);
 * ```
 */
export class LocalMetricStore implements MetricSink {
  readonly folder: string;
  /** NaN values dropped since this store was created; CloudWatch cannot store them either. */
  droppedNaN = 0;
  /** Statistic sets with no samples dropped since this store was created; CloudWatch rejects them. */
  droppedNoSamples = 0;
  private readonly log: Log;

  constructor(home: string, options: { log?: Log } = {}) {
    this.folder = join(resolve(home), 'metrics');
    this.log = options.log ?? silentLog;
  }

  async publish(metrics: readonly MetricDatum[]): Promise<void> {
    const lines = new Map<string, string[]>();
    let dropped = 0;
    let noSamples = 0;
    for (const metric of metrics) {
      const statistics = metric.statistics;
      if (Number.isNaN(metric.value) || (statistics && Object.values(statistics).some(Number.isNaN))) {
        dropped += 1;
        continue;
      }
      if (statistics && !(statistics.sampleCount > 0)) {
        noSamples += 1;
        continue;
      }
      const stored: StoredDatum = {
        dimensions: metric.dimensions,
        value: clamped(metric.value),
        ...(statistics
          ? {
              statistics: {
                sampleCount: clamped(statistics.sampleCount),
                sum: clamped(statistics.sum),
                minimum: clamped(statistics.minimum),
                maximum: clamped(statistics.maximum),
              },
            }
          : {}),
        ...(metric.unit ? { unit: metric.unit } : {}),
        timestamp: metric.timestamp.toISOString(),
      };
      const file = this.fileOf(metric.namespace, metric.name);
      const list = lines.get(file) ?? [];
      list.push(JSON.stringify(stored));
      lines.set(file, list);
    }
    // A run publishes a few hundred metrics into a hundred or so files: one folder per namespace,
    // then the appends side by side (each awaited in turn, they kept a run waiting on the disk).
    await Promise.all(
      [...new Set([...lines.keys()].map(dirname))].map((dir) => mkdir(dir, { recursive: true })),
    );
    const files = [...lines];
    const appendNext = async (): Promise<void> => {
      for (let entry = files.pop(); entry !== undefined; entry = files.pop()) {
        // One append per file: O_APPEND writes of a few KB do not interleave with another writer's.
        await appendFile(entry[0], `${entry[1].join('\n')}\n`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(APPENDS_AT_ONCE, files.length) }, appendNext));
    if (dropped > 0) {
      this.droppedNaN += dropped;
      this.log.warn('Dropped NaN metric values: CloudWatch cannot store them', { dropped });
    }
    if (noSamples > 0) {
      this.droppedNoSamples += noSamples;
      this.log.warn('Dropped statistic sets of no samples: CloudWatch rejects them', { dropped: noSamples });
    }
  }

  /**
   * The data of one metric (namespace, name and exactly this dimension set) with
   * `from <= timestamp < to`, oldest first.
   */
  async query(
    namespace: string,
    name: string,
    dimensions: Record<string, string>,
    from: Date,
    to: Date,
  ): Promise<MetricDatum[]> {
    let text: string;
    try {
      text = await readFile(this.fileOf(namespace, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const wanted = dimensionKey(dimensions);
    const out: MetricDatum[] = [];
    let unreadable = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      let stored: StoredDatum;
      try {
        stored = JSON.parse(line) as StoredDatum;
      } catch {
        // A line cut short by a crash mid-append; the rest of the file is still good.
        unreadable += 1;
        continue;
      }
      const timestamp = new Date(stored.timestamp);
      if (timestamp < from || timestamp >= to) continue;
      if (dimensionKey(stored.dimensions) !== wanted) continue;
      out.push({
        namespace,
        name,
        dimensions: stored.dimensions,
        value: stored.value,
        ...(stored.statistics ? { statistics: stored.statistics } : {}),
        ...(stored.unit ? { unit: stored.unit } : {}),
        timestamp,
      });
    }
    if (unreadable > 0) {
      this.log.warn('Skipped unreadable lines of the local metrics store', { namespace, name, unreadable });
    }
    return out.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  }

  private fileOf(namespace: string, name: string): string {
    const folders = namespace.split('/').filter(Boolean).map(safeName);
    return join(this.folder, ...folders, `${safeName(name)}.jsonl`);
  }
}

function clamped(value: number): number {
  return Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, value));
}

/** A file-name-safe, reversible spelling of a namespace part or metric name. */
function safeName(part: string): string {
  const encoded = encodeURIComponent(part);
  return encoded === '.' || encoded === '..' ? encoded.replaceAll('.', '%2E') : encoded;
}

function dimensionKey(dimensions: Record<string, string>): string {
  return JSON.stringify(Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
