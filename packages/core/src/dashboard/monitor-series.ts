import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import { folderKey } from '../events/run-record.ts';
import type { MonitoringType } from '../monitors/names.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { parseRunIndex, RUN_INDEX_PREFIX, runIndexKey } from './run-index.ts';
import type { MetricThreshold, RunSummary } from './run-summary.ts';

/** The runs of one endpoint's monitor, from its index, with each run's report as a store key. */
export interface MonitorSeries {
  endpoint: string;
  monitoringType: MonitoringType;
  runs: (RunSummary & { reportKey?: string })[];
  /** Thresholds that hold for every run (the baseline's constraints), by metric name. */
  thresholds: Record<string, MetricThreshold>;
  unreadableLines: number;
}

/**
 * The endpoints and their monitors that have a run index, by listing `index/runs/`.
 *
 * @example
 * ```ts
 * await indexedMonitors(store); // [{ endpoint: 'churn', monitoringType: 'DataQuality' }, …]
 * ```
 */
export async function indexedMonitors(
  store: ObjectStore,
  prefix = '',
): Promise<{ endpoint: string; monitoringType: MonitoringType }[]> {
  const root = `${folderKey(prefix)}${RUN_INDEX_PREFIX}/`;
  const found: { endpoint: string; monitoringType: MonitoringType }[] = [];
  for await (const info of store.list(root)) {
    const match = /^([^/]+)\/([A-Za-z]+)\.jsonl$/.exec(info.key.slice(root.length));
    if (match)
      found.push({ endpoint: decodeURIComponent(match[1]!), monitoringType: match[2] as MonitoringType });
  }
  return found;
}

/**
 * The run series of one endpoint's monitor, read from its run index (one object, not every
 * report). `thresholds` are the constant ones the caller knows from the configuration.
 *
 * @example
 * ```ts
 * const series = await monitorSeries(store, 'churn', 'ModelQuality');
 * series.runs.map((run) => run.metrics.accuracy);
 * ```
 */
export async function monitorSeries(
  store: ObjectStore,
  endpoint: string,
  monitoringType: MonitoringType,
  options: { prefix?: string; thresholds?: Record<string, MetricThreshold> } = {},
): Promise<MonitorSeries> {
  let text = '';
  try {
    text = new TextDecoder().decode(await store.get(runIndexKey(endpoint, monitoringType, options.prefix)));
  } catch (error) {
    if (!(error instanceof ObjectNotFoundError)) throw error;
  }
  const { runs, unreadableLines } = parseRunIndex(text);
  return {
    endpoint,
    monitoringType,
    runs: runs.map((run) => {
      const reportKey = storeKeyOf(store, run.reportUri);
      return reportKey === undefined ? run : { ...run, reportKey };
    }),
    thresholds: options.thresholds ?? {},
    unreadableLines,
  };
}

/**
 * The key in `store` of a report folder URI the store wrote (`/home/.vigil/reports/…/` or
 * `s3://bucket/reports/…/`), or undefined for a folder elsewhere.
 *
 * @example
 * ```ts
 * storeKeyOf(store, `${store.location}/reports/churn/data-quality/2024/05/01/13/`);
 * // 'reports/churn/data-quality/2024/05/01/13/'
 * ```
 */
export function storeKeyOf(store: ObjectStore, uri: string): string | undefined {
  const base = `${store.location.replace(/\/+$/, '')}/`;
  return uri.startsWith(base) && uri.length > base.length ? uri.slice(base.length) : undefined;
}
