import type { SkippedInput } from '../events/monitoring-execution.ts';
import { readWindowLabels } from '../groundtruth/read-window.ts';
import type { GroundTruthLabel } from '../groundtruth/types.ts';
import { readWindowRecords, type WindowRecords } from '../merge/read-window.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { TimeWindow } from '../window/window.ts';
import {
  type ModelQualityPorts,
  type ModelQualityReportOptions,
  type ModelQualityRunResult,
  reportModelQuality,
  type StoreLocation,
} from './report-run.ts';
import { issueSkips } from './skipped-inputs.ts';

/** A scheduled run: where the window's captures and labels are, and everything the report needs. */
export interface ModelQualityMonitorOptions extends Omit<ModelQualityReportOptions, 'window' | 'variant'> {
  variant: string;
  /** The capture window (SageMaker's StartTimeOffset/EndTimeOffset applied to the scheduled hour). */
  window: TimeWindow;
  /** The label window: labels arrive late, so it usually reaches further back. */
  labelWindow: TimeWindow;
  /** The capture location (`{capture}` under which `{endpoint}/{variant}/yyyy/mm/dd/hh/` lie). */
  capture: StoreLocation;
  /** Ground-truth location (`{groundTruth}/yyyy/mm/dd/hh/*.jsonl`); absent → the run fails with the fix. */
  groundTruth?: StoreLocation;
  /**
   * `extracts` reads the compact extracts profile-capture writes; `capture` the raw files; `auto`
   * (default) the extracts, falling back to raw capture when the window has none.
   */
  captureSource?: 'auto' | 'capture' | 'extracts';
  /** Where the extracts are (Vigil's store), when not in the capture store. */
  extractStore?: ObjectStore;
}

/**
 * The scheduled model-quality monitor of one endpoint: reads the window's captured predictions
 * and the label window's ground truth, then `reportModelQuality` (merge, metrics, violations,
 * estimate, report files, metrics, event).
 *
 * @example
 * ```ts
 * await runModelQualityMonitor({ metrics, events, clock, log }, {
 *   endpoint: 'churn', variant: 'AllTraffic', scheduledTime: hourOf(now), window, labelWindow,
 *   capture: { store, key: 'capture' }, groundTruth: { store, key: 'ground-truth/churn' },
 *   baseline: { store, key: 'baselines/churn/model-quality' },
 *   output: { store, key: reportPrefix('reports', 'churn', 'model-quality', hourOf(now)) },
 *   attributes: { inferenceAttribute: '0', probabilityAttribute: '1' },
 * });
 * ```
 */
export async function runModelQualityMonitor(
  ports: ModelQualityPorts,
  options: ModelQualityMonitorOptions,
): Promise<ModelQualityRunResult> {
  let captured: WindowRecords;
  const skipped: SkippedInput[] = [];
  let labels: GroundTruthLabel[] = [];
  try {
    captured = await readCaptured(options);
    skipped.push(...issueSkips('capture', captured.issues));
    if (options.groundTruth) {
      const read = await readWindowLabels(options.groundTruth.store, {
        prefix: options.groundTruth.key,
        window: options.labelWindow,
      });
      labels = read.labels;
      skipped.push(...issueSkips('ground-truth', read.issues));
    } else {
      skipped.push({ reason: 'ground-truth-location-not-configured', count: 1 });
    }
  } catch (error) {
    // A failed read (a 503, a timeout) ends the run Failed with its event, not as a crash.
    const readProblem = `The window's captures or labels could not be read (${(error as Error).message}): the run will be retried on the next schedule or retry`;
    return reportModelQuality(ports, { records: [], labels: [], skipped, readProblem }, options);
  }
  ports.log.debug('Model quality inputs read', {
    captureFiles: captured.files,
    records: captured.records.length,
    recordsOutsideWindow: captured.recordsOutsideWindow,
    labels: labels.length,
  });
  return reportModelQuality(ports, { records: captured.records, labels, skipped }, options);
}

async function readCaptured(options: ModelQualityMonitorOptions): Promise<WindowRecords> {
  const source = options.captureSource ?? 'auto';
  const read = (from: 'capture' | 'extracts') =>
    readWindowRecords(options.capture.store, {
      capturePrefix: options.capture.key,
      endpoint: options.endpoint,
      variant: options.variant,
      window: options.window,
      source: from,
      extractStore: options.extractStore,
    });
  if (source !== 'auto') return read(source);
  const extracts = await read('extracts');
  return extracts.files > 0 ? extracts : read('capture');
}
