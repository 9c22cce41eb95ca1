import type { CaptureRecord } from '../capture/types.ts';
import { ObjectNotFoundError, VigilError } from '../errors/vigil-error.ts';
import type {
  MonitoringExecutionDetail,
  MonitoringExecutionStatus,
  SkippedInput,
} from '../events/monitoring-execution.ts';
import { MAX_EVENT_VIOLATIONS } from '../events/publish-execution.ts';
import { folderKey, type RunRecordStore } from '../events/run-record.ts';
import { settleRun } from '../events/settle-run.ts';
import type { GroundTruthLabel } from '../groundtruth/types.ts';
import { joinKey } from '../layout/keys.ts';
import { attributeValue, toLabelValue, toProbability } from '../merge/attributes.ts';
import { mergeWithLabels, type PredictionAttributes } from '../merge/join.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { Log } from '../ports/log.ts';
import type { MetricDatum, MetricSink } from '../ports/metric-sink.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { TimeWindow } from '../window/window.ts';
import { type LoadedBaseline, loadModelQualityBaseline } from './baseline-files.ts';
import { evaluateModelQuality, type ModelQualityEvaluation, violationSummaries } from './evaluate.ts';
import type { UnlabeledPrediction } from './labeled-prediction.ts';
import { modelMetricsNamespace, modelQualityMetricDatums } from './metric-datums.ts';
import type { ProblemType } from './problem-type.ts';
import { mergeSkips, rowSkips } from './skipped-inputs.ts';

/** The ports a model-quality run uses. */
export interface ModelQualityPorts {
  metrics: MetricSink;
  events: EventPublisher;
  clock: Clock;
  log: Log;
}

/** A store and a key (prefix) inside it. */
export interface StoreLocation {
  store: ObjectStore;
  key: string;
}

/** What a run has read: captured predictions, labels and the issues of reading them. */
export interface ModelQualityInputs {
  records: readonly CaptureRecord[];
  labels: readonly GroundTruthLabel[];
  /** Read issues and other left-out input, already summarized. */
  skipped: SkippedInput[];
  /** Why the inputs could not be read (a failed store call): the run ends Failed with it. */
  readProblem?: string;
}

/** Everything that says where a run reports and how it reads predictions. */
export interface ModelQualityReportOptions {
  endpoint: string;
  variant?: string;
  /** MonitoringSchedule metric dimension; default `<endpoint>-model-quality`. */
  scheduleName?: string;
  /** The hour the run covers (the report folder's hour). */
  scheduledTime: Date;
  /** The capture window, for the event; default the scheduled hour itself. */
  window?: TimeWindow;
  baseline: StoreLocation;
  /** The report folder (`{reports}/{endpoint}/model-quality/yyyy/mm/dd/hh/`, or the CLI's --out). */
  output: StoreLocation;
  attributes: PredictionAttributes;
  /** The problem type the caller expects; a baseline of another type fails the run with the reason. */
  problemType?: ProblemType;
  /** `config.metricsNamespacePrefix`, default `aws/sagemaker`. */
  namespacePrefix?: string;
  publishMetrics?: boolean;
  /** Vigil's store for run records: makes the run idempotent per window (see settleRun). */
  records?: RunRecordStore;
  estimate?: boolean;
  seed?: number;
}

/** What a run did. */
export interface ModelQualityRunResult {
  detail: MonitoringExecutionDetail;
  evaluation?: ModelQualityEvaluation;
  /** Keys written under the output folder. */
  written: string[];
  merge?: ReturnType<typeof mergeWithLabels>['report'];
}

/**
 * Merges captured predictions with their labels (on inferenceId, else eventId), evaluates them
 * against the baseline, writes statistics.json, constraint_violations.json and
 * estimated_quality.json to the output folder, publishes the metrics to
 * `${prefix}/Endpoints/model-metrics` and emits a "Vigil Monitoring Execution" event. Failed (with
 * the reason in the event) when the baseline is missing or unreadable, when there is no captured
 * prediction, or when no prediction matched a label — in the last case the estimate before labels
 * is still written and published, since that is when it matters.
 *
 * @example
 * ```ts
 * await reportModelQuality(ports, { records, labels, skipped: [] }, {
 *   endpoint: 'churn', scheduledTime, baseline: { store, key: 'baselines/churn' },
 *   output: { store, key: 'reports/churn/model-quality/2024/05/01/13/' }, attributes: { probabilityAttribute: '0' },
 * });
 * ```
 */
export async function reportModelQuality(
  ports: ModelQualityPorts,
  inputs: ModelQualityInputs,
  options: ModelQualityReportOptions,
): Promise<ModelQualityRunResult> {
  const scheduleName = options.scheduleName ?? `${options.endpoint}-model-quality`;
  const reportUri = `${options.output.store.location.replace(/\/+$/, '')}/${options.output.key.replace(/^\/+/, '')}`;
  const window = options.window ?? { start: options.scheduledTime, end: options.scheduledTime };
  const recordCount = inputs.records.reduce((n, r) => n + r.inputs.length, 0);
  const detail: MonitoringExecutionDetail = {
    endpointName: options.endpoint,
    variantName: options.variant,
    monitoringScheduleName: scheduleName,
    monitoringType: 'ModelQuality',
    status: 'Failed',
    scheduledTime: options.scheduledTime.toISOString(),
    windowStart: window.start.toISOString(),
    windowEnd: window.end.toISOString(),
    reportUri,
    violationCount: 0,
    violations: [],
    metrics: {},
    skipped: [...inputs.skipped],
    recordCount,
  };
  const report = { store: options.output.store, folder: folderKey(options.output.key) };
  const settle = async (files: { name: string; body: string }[] = [], metrics: MetricDatum[] = []) =>
    settleRun(ports, report, { detail, files, metrics }, 'Model quality monitor', options.records);
  const emit = async (): Promise<void> => {
    await settle();
  };
  if (inputs.readProblem) {
    detail.failureReason = inputs.readProblem;
    await emit();
    return { detail, written: [] };
  }

  let baseline: LoadedBaseline;
  try {
    baseline = await loadModelQualityBaseline(options.baseline.store, options.baseline.key);
  } catch (error) {
    detail.failureReason =
      error instanceof ObjectNotFoundError
        ? `No model-quality baseline at ${options.baseline.store.location}/${joinKey(options.baseline.key, 'constraints.json')}: run \`vigil baseline model-quality\` and point the monitor's baseline at its folder`
        : error instanceof VigilError
          ? error.message
          : `The model-quality baseline could not be read (${(error as Error).message}): the run will be retried on the next schedule or retry`;
    await emit();
    return { detail, written: [] };
  }
  if (options.problemType && options.problemType !== baseline.constraints.problemType) {
    detail.failureReason = `The baseline at ${options.baseline.store.location}/${options.baseline.key} is for ${baseline.constraints.problemType}, not ${options.problemType}: use the matching baseline or problem type`;
    await emit();
    return { detail, written: [] };
  }
  if (baseline.ignoredConstraints.length > 0) {
    detail.skipped.push({
      reason: 'constraint-unreadable',
      count: baseline.ignoredConstraints.length,
      examples: baseline.ignoredConstraints.slice(0, 5),
    });
  }

  let computed: {
    merged: ReturnType<typeof mergeWithLabels>;
    evaluation: ModelQualityEvaluation;
    datums: MetricDatum[];
  };
  try {
    computed = evaluateWindow(inputs, baseline, options, scheduleName, detail);
  } catch (error) {
    // Whatever the evaluation trips on, the run still ends Failed with its event.
    detail.status = 'Failed';
    detail.failureReason = `The window could not be evaluated (${(error as Error).message}): check the baseline and the prediction attributes`;
    await emit();
    return { detail, written: [] };
  }
  const { merged, evaluation, datums } = computed;
  detail.status = statusOf(evaluation, recordCount, merged.report, detail);
  if (detail.status !== 'Failed' && baseline.ignoredConstraints.length > 0) {
    // A constraint that cannot be read is a check switched off: the run cannot claim it completed.
    const file = `${options.baseline.store.location.replace(/\/+$/, '')}/${joinKey(options.baseline.key, 'constraints.json')}`;
    detail.status = 'Failed';
    detail.failureReason =
      `${file}: the constraints of ${baseline.ignoredConstraints.join(', ')} have no numeric threshold or no ` +
      'known comparison_operator, so they were not checked: fix them, or regenerate the baseline with ' +
      '`vigil baseline model-quality`; the other metrics were computed, checked and published';
  }
  const settled = await settle(
    Object.entries(evaluation.files).map(([name, body]) => ({ name, body })),
    options.publishMetrics !== false ? datums : [],
  );
  return { detail: settled.detail, evaluation, written: settled.written, merge: merged.report };
}

// Merges, evaluates and derives the metrics of a window, filling the event's skips and results.
function evaluateWindow(
  inputs: ModelQualityInputs,
  baseline: LoadedBaseline,
  options: ModelQualityReportOptions,
  scheduleName: string,
  detail: MonitoringExecutionDetail,
): { merged: ReturnType<typeof mergeWithLabels>; evaluation: ModelQualityEvaluation; datums: MetricDatum[] } {
  const merged = mergeWithLabels(inputs.records, inputs.labels, options.attributes);
  detail.skipped.push(...mergeSkips(merged.report));
  const evaluation = evaluateModelQuality(
    { labeled: merged.rows, predictions: windowPredictions(inputs.records, options.attributes) },
    baseline,
    {
      probabilityThreshold: options.attributes.probabilityThreshold,
      estimate: options.estimate,
      seed: options.seed,
    },
  );
  detail.skipped.push(...rowSkips(evaluation.skipped));
  if (evaluation.notEvaluated.length > 0) {
    detail.skipped.push({
      reason: 'metric-not-evaluated',
      count: evaluation.notEvaluated.length,
      examples: evaluation.notEvaluated.slice(0, 5),
    });
  }

  const datums = modelQualityMetricDatums(evaluation.statistics, evaluation.estimate, {
    namespace: modelMetricsNamespace(options.namespacePrefix ?? 'aws/sagemaker'),
    endpoint: options.endpoint,
    monitoringSchedule: scheduleName,
    timestamp: options.scheduledTime,
  });
  detail.metrics = Object.fromEntries(datums.map((d) => [d.name, d.value]));
  detail.violationCount = evaluation.violations.length;
  detail.violations = violationSummaries(evaluation.violations.slice(0, MAX_EVENT_VIOLATIONS));
  return { merged, evaluation, datums };
}

function statusOf(
  evaluation: ModelQualityEvaluation,
  recordCount: number,
  merge: ReturnType<typeof mergeWithLabels>['report'],
  detail: MonitoringExecutionDetail,
): MonitoringExecutionStatus {
  if (recordCount === 0) {
    detail.failureReason =
      'No captured predictions in the window: check that data capture is on and the capture location and window are right';
    return 'Failed';
  }
  if (!evaluation.statistics) {
    detail.failureReason =
      merge.matched === 0
        ? `No captured prediction matched a ground-truth label (${merge.predictions} predictions, ${merge.labels} labels): labels may not have arrived yet; check the groundTruth location, the groundTruthWindow and that labels carry the capture's inferenceId (else eventId)`
        : `None of the ${merge.matched} matched predictions had a readable label and prediction for the problem type: check the inference, probability and ground-truth attributes`;
    if (evaluation.estimate) detail.failureReason += ' (the estimate before labels was still made)';
    return 'Failed';
  }
  return evaluation.violations.length > 0 ? 'CompletedWithViolations' : 'Completed';
}

/**
 * The prediction and probability of every captured sub-record, labeled or not, read at the same
 * attributes as the merge reads them: the input of the estimate before labels.
 */
export function windowPredictions(
  records: readonly CaptureRecord[],
  attributes: PredictionAttributes,
): UnlabeledPrediction[] {
  const predictions: UnlabeledPrediction[] = [];
  for (const record of records) {
    for (let i = 0; i < record.outputs.length; i++) {
      const output = record.outputs[i] as CaptureRecord['outputs'][number];
      const json = record.outputJson?.[i];
      const probability =
        attributes.probabilityAttribute !== undefined
          ? toProbability(attributeValue(output, json, attributes.probabilityAttribute))
          : undefined;
      const prediction =
        attributes.inferenceAttribute !== undefined || probability === undefined
          ? toLabelValue(attributeValue(output, json, attributes.inferenceAttribute))
          : undefined;
      predictions.push({ prediction, probability });
    }
  }
  return predictions;
}
