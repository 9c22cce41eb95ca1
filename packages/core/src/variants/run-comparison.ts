import { readWindowLabels } from '../groundtruth/read-window.ts';
import type { GroundTruthLabel } from '../groundtruth/types.ts';
import { joinKey } from '../layout/keys.ts';
import { keySegment } from '../layout/names.ts';
import { readWindowRecords, type WindowRecords } from '../merge/read-window.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { MetricSink } from '../ports/metric-sink.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { REPORT_FILE } from '../report/run-report.ts';
import { renderVariantReport } from '../report/variant-report.ts';
import { hourPath, type TimeWindow } from '../window/window.ts';
import type { VariantComparisonResult } from './compare.ts';
import type { CapturedComparisonOptions, CapturedVariant, VariantRoles } from './compare-captured.ts';
import { compareCapturedVariants } from './compare-captured.ts';
import { COMPARISON_FILE, comparisonJson } from './comparison-json.ts';
import { variantMetricDatums } from './metric-datums.ts';

/** The report folder of comparisons: `{reports}/{endpoint}/variant-comparison/yyyy/mm/dd/hh/`. */
export const COMPARISON_FOLDER = 'variant-comparison';

/** A store and a key (prefix) inside it. */
export interface ComparisonLocation {
  store: ObjectStore;
  key: string;
}

/** The ports a scheduled comparison uses. */
export interface VariantComparisonPorts {
  metrics: MetricSink;
  clock: Clock;
  log: Log;
}

/** A scheduled comparison of one endpoint's variants. */
export interface VariantComparisonRunOptions extends CapturedComparisonOptions, VariantRoles {
  endpoint: string;
  /** The hour the run covers: its report folder. */
  scheduledTime: Date;
  window: TimeWindow;
  labelWindow: TimeWindow;
  /** The capture location, under which `{endpoint}/{variant}/yyyy/mm/dd/hh/` lie. */
  capture: ComparisonLocation;
  /** Raw capture or the extracts profile-capture wrote; `auto` (default) prefers extracts per variant. */
  captureSource?: 'auto' | 'capture' | 'extracts';
  extractStore?: ObjectStore;
  groundTruth?: ComparisonLocation;
  /** `{reports}`: the comparison goes to `{reports}/{endpoint}/variant-comparison/yyyy/mm/dd/hh/`. */
  reports: ComparisonLocation;
  namespacePrefix?: string;
  publishMetrics?: boolean;
  /** The model package versions each variant served in the window, recorded in comparison.json. */
  modelPackages?: Record<string, string[]>;
}

/** What a run did. */
export interface VariantComparisonRun {
  result: VariantComparisonResult;
  /** The key of comparison.json in the reports store. */
  reportKey: string;
  labels: number;
  captureIssues: number;
}

/**
 * The scheduled comparison of an endpoint's variants: reads each variant's captured predictions of
 * the window and the label window's ground truth, compares (`compareCapturedVariants`), writes
 * `comparison.json` and its `report.html` to `{reports}/{endpoint}/variant-comparison/yyyy/mm/dd/hh/` and publishes
 * `variant_*` metrics. Read failures propagate: the schedule retries the run.
 *
 * @example
 * ```ts
 * await runVariantComparison({ metrics, clock, log }, {
 *   endpoint: 'churn', champion: 'A', challengers: ['B'], shadows: [], scheduledTime, window, labelWindow,
 *   capture: { store, key: 'capture' }, groundTruth: { store, key: 'ground-truth/churn' },
 *   reports: { store, key: 'reports' }, problemType: 'BinaryClassification',
 *   attributes: { probabilityAttribute: '0' }, significance: 0.05, minimumEffect: 0.01, power: 0.8,
 * });
 * ```
 */
export async function runVariantComparison(
  ports: VariantComparisonPorts,
  options: VariantComparisonRunOptions,
): Promise<VariantComparisonRun> {
  const names = [options.champion, ...options.challengers, ...options.shadows];
  const captured: CapturedVariant[] = [];
  let captureIssues = 0;
  for (const name of names) {
    const read = await readVariant(options, name);
    captureIssues += read.issues.length;
    captured.push({ name, records: read.records });
  }
  let labels: GroundTruthLabel[] = [];
  if (options.groundTruth) {
    const read = await readWindowLabels(options.groundTruth.store, {
      prefix: options.groundTruth.key,
      window: options.labelWindow,
    });
    labels = read.labels;
  }
  const { merged, ...result } = compareCapturedVariants(captured, labels, options, options);
  const folder = `${joinKey(options.reports.key, keySegment(options.endpoint, 'endpoint'), COMPARISON_FOLDER, hourPath(options.scheduledTime))}/`;
  const reportKey = `${folder}${COMPARISON_FILE}`;
  const now = ports.clock.now();
  await options.reports.store.put(
    reportKey,
    comparisonJson(result, {
      endpoint: options.endpoint,
      window: options.window,
      generatedAt: now,
      modelPackages: options.modelPackages,
    }),
    'application/json',
  );
  await options.reports.store.put(
    `${folder}${REPORT_FILE}`,
    renderVariantReport({
      endpoint: options.endpoint,
      window: options.window,
      result,
      files: [COMPARISON_FILE],
    }),
    'text/html; charset=utf-8',
  );
  if (options.publishMetrics !== false) {
    await ports.metrics.publish(
      variantMetricDatums(result, {
        endpoint: options.endpoint,
        timestamp: now,
        namespacePrefix: options.namespacePrefix,
      }),
    );
  }
  ports.log.info('Variant comparison', {
    endpoint: options.endpoint,
    merged,
    labels: labels.length,
    captureIssues,
    decisions: Object.fromEntries(result.verdicts.map((v) => [v.variant, v.decision])),
  });
  return { result, reportKey, labels: labels.length, captureIssues };
}

async function readVariant(options: VariantComparisonRunOptions, variant: string): Promise<WindowRecords> {
  const read = (source: 'capture' | 'extracts') =>
    readWindowRecords(options.capture.store, {
      capturePrefix: options.capture.key,
      endpoint: options.endpoint,
      variant,
      window: options.window,
      source,
      extractStore: options.extractStore,
    });
  const source = options.captureSource ?? 'auto';
  if (source !== 'auto') return read(source);
  const extracts = await read('extracts');
  return extracts.files > 0 ? extracts : read('capture');
}
