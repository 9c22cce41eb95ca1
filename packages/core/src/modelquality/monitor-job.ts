import type { MonitorRun } from '../events/run-monitor.ts';
import { readWindowLabels } from '../groundtruth/read-window.ts';
import type { GroundTruthLabel } from '../groundtruth/types.ts';
import { readWindowRecords, type WindowRecords } from '../merge/read-window.ts';
import type { ObjectStore, StoreLocation } from '../ports/object-store.ts';
import type { TimeWindow } from '../window/window.ts';
import {
  type ModelQualityInputs,
  type ModelQualityPorts,
  type ModelQualityReportOptions,
  type ModelQualityRunResult,
  runModelQuality,
} from './report-run.ts';
import { tallyIssues } from './skipped-inputs.ts';

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
 * (by their inferenceTime, window/analysis-window.ts) and the label window's ground truth, then
 * merges, evaluates and reports them through `runMonitor` (metrics, violations, estimate, report
 * files, event).
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
  return runModelQuality(ports, options, (run) => readInputs(run, options));
}

// The window's predictions and labels; a failed read (a 503, a timeout) is the run's failure reason.
async function readInputs(run: MonitorRun, options: ModelQualityMonitorOptions): Promise<ModelQualityInputs> {
  let captured: WindowRecords;
  let labels: GroundTruthLabel[] = [];
  try {
    captured = await readCaptured(options);
    tallyIssues(run.tally, 'capture', captured.issues);
    if (options.groundTruth) {
      const read = await readWindowLabels(options.groundTruth.store, {
        prefix: options.groundTruth.key,
        window: options.labelWindow,
      });
      labels = read.labels;
      tallyIssues(run.tally, 'ground-truth', read.issues);
    } else {
      run.tally.addAll([{ reason: 'ground-truth-location-not-configured', count: 1 }]);
    }
  } catch (error) {
    const readProblem = `The window's captures or labels could not be read (${(error as Error).message}): the run will be retried on the next schedule or retry`;
    return { records: [], labels: [], skipped: [], readProblem };
  }
  run.log.debug('Model quality inputs read', {
    captureFiles: captured.files,
    records: captured.records.length,
    recordsOutsideWindow: captured.recordsOutsideWindow,
    labels: labels.length,
  });
  return { records: captured.records, labels, skipped: [] };
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
