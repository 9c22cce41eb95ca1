import type { CaptureRecord } from '../capture/types.ts';
import { ObjectNotFoundError, VigilError } from '../errors/vigil-error.ts';
import type { MonitoringExecutionDetail, SkippedInput } from '../events/monitoring-execution.ts';
import {
  type MonitorRun,
  type MonitorRunPorts,
  type RunTarget,
  type RunVerdict,
  runMonitor,
} from '../events/run-monitor.ts';
import type { GroundTruthLabel } from '../groundtruth/types.ts';
import { joinKey } from '../layout/keys.ts';
import { attributeValue, toLabelValue, toProbability } from '../merge/attributes.ts';
import { mergeWithLabels, type PredictionAttributes } from '../merge/join.ts';
import type { StoreLocation } from '../ports/object-store.ts';
import { modelQualitySection } from '../report/sections/model-quality-section.ts';
import { type LoadedBaseline, loadModelQualityBaseline } from './baseline-files.ts';
import { evaluateModelQuality, type ModelQualityEvaluation, violationSummaries } from './evaluate.ts';
import type { UnlabeledPrediction } from './labeled-prediction.ts';
import { modelQualityMetricDatums } from './metric-datums.ts';
import type { ProblemType } from './problem-type.ts';
import { tallyMergeSkips, tallyRowSkips } from './skipped-inputs.ts';

/** The ports a model-quality run uses. */
export type ModelQualityPorts = MonitorRunPorts;

/** A store and a key (prefix) inside it. */
export type { StoreLocation };

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
export interface ModelQualityReportOptions extends RunTarget {
  baseline: StoreLocation;
  attributes: PredictionAttributes;
  /** The problem type the caller expects; a baseline of another type fails the run with the reason. */
  problemType?: ProblemType;
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
 * `${prefix}/Endpoints/model-metrics` and emits a "Vigil Monitoring Execution" event, through
 * `runMonitor`. Failed (with the reason in the event) when the baseline is missing or unreadable,
 * when there is no captured prediction, or when no prediction matched a label — in the last case
 * the estimate before labels is still written and published, since that is when it matters.
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
  return runModelQuality(ports, options, async () => inputs);
}

/**
 * One model-quality run through `runMonitor`: `read` gets the window's predictions and labels
 * (counting what it skips in the run's tally), then they are merged, evaluated and reported.
 */
export async function runModelQuality(
  ports: ModelQualityPorts,
  options: ModelQualityReportOptions,
  read: (run: MonitorRun) => Promise<ModelQualityInputs>,
): Promise<ModelQualityRunResult> {
  const result: Omit<ModelQualityRunResult, 'detail' | 'written'> = {};
  const settled = await runMonitor(ports, {
    ...options,
    monitor: 'model-quality',
    compute: async (run) => evaluateInputs(run, await read(run), options, result),
  });
  return { ...result, detail: settled.detail, written: settled.written };
}

// Merges, evaluates and checks the inputs, filling `result` with the evaluation and the merge.
async function evaluateInputs(
  run: MonitorRun,
  inputs: ModelQualityInputs,
  options: ModelQualityReportOptions,
  result: Omit<ModelQualityRunResult, 'detail' | 'written'>,
): Promise<RunVerdict> {
  run.tally.addAll(inputs.skipped);
  const recordCount = inputs.records.reduce((n, r) => n + r.inputs.length, 0);
  run.recordCount = recordCount;
  if (inputs.readProblem) return { failureReason: inputs.readProblem };

  let baseline: LoadedBaseline;
  try {
    baseline = await loadModelQualityBaseline(options.baseline.store, options.baseline.key);
  } catch (error) {
    return {
      failureReason:
        error instanceof ObjectNotFoundError
          ? `No model-quality baseline at ${options.baseline.store.location}/${joinKey(options.baseline.key, 'constraints.json')}: run \`vigil baseline model-quality\` and point the monitor's baseline at its folder`
          : error instanceof VigilError
            ? error.message
            : `The model-quality baseline could not be read (${(error as Error).message}): the run will be retried on the next schedule or retry`,
    };
  }
  if (options.problemType && options.problemType !== baseline.constraints.problemType) {
    return {
      failureReason: `The baseline at ${options.baseline.store.location}/${options.baseline.key} is for ${baseline.constraints.problemType}, not ${options.problemType}: use the matching baseline or problem type`,
    };
  }
  if (baseline.ignoredConstraints.length > 0) {
    run.tally.addAll([
      {
        reason: 'constraint-unreadable',
        count: baseline.ignoredConstraints.length,
        examples: baseline.ignoredConstraints,
      },
    ]);
  }

  let merged: ReturnType<typeof mergeWithLabels>;
  let evaluation: ModelQualityEvaluation;
  let datums: ReturnType<typeof modelQualityMetricDatums>;
  try {
    merged = mergeWithLabels(inputs.records, inputs.labels, options.attributes);
    tallyMergeSkips(run.tally, merged.report);
    evaluation = evaluateModelQuality(
      { labeled: merged.rows, predictions: windowPredictions(inputs.records, options.attributes) },
      baseline,
      {
        probabilityThreshold: options.attributes.probabilityThreshold,
        estimate: options.estimate,
        seed: options.seed,
      },
    );
    tallyRowSkips(run.tally, evaluation.skipped);
    if (evaluation.notEvaluated.length > 0) {
      run.tally.addAll([
        {
          reason: 'metric-not-evaluated',
          count: evaluation.notEvaluated.length,
          examples: evaluation.notEvaluated,
        },
      ]);
    }
    datums = modelQualityMetricDatums(evaluation.statistics, evaluation.estimate, {
      namespace: run.namespace,
      endpoint: run.endpoint,
      monitoringSchedule: run.scheduleName,
      timestamp: run.scheduledTime,
    });
  } catch (error) {
    // Whatever the evaluation trips on, the run still ends Failed with its event.
    return {
      failureReason: `The window could not be evaluated (${(error as Error).message}): check the baseline and the prediction attributes`,
    };
  }
  run.metrics = Object.fromEntries(datums.map((d) => [d.name, d.value]));
  result.evaluation = evaluation;
  result.merge = merged.report;

  let failureReason = failureOf(evaluation, recordCount, merged.report);
  if (failureReason === undefined && baseline.ignoredConstraints.length > 0) {
    // A constraint that cannot be read is a check switched off: the run cannot claim it completed.
    const file = `${options.baseline.store.location.replace(/\/+$/, '')}/${joinKey(options.baseline.key, 'constraints.json')}`;
    failureReason =
      `${file}: the constraints of ${baseline.ignoredConstraints.join(', ')} have no numeric threshold or no ` +
      'known comparison_operator, so they were not checked: fix them, or regenerate the baseline with ' +
      '`vigil baseline model-quality`; the other metrics were computed, checked and published';
  }
  return {
    files: Object.entries(evaluation.files).map(([name, body]) => ({ name, body })),
    report: modelQualitySection({
      statistics: evaluation.statistics,
      constraints: baseline.constraints,
      violations: evaluation.violations,
      estimate: evaluation.estimate,
    }),
    datums,
    violations: violationSummaries(evaluation.violations),
    failureReason,
  };
}

// Why a run that evaluated its window still failed, or undefined.
function failureOf(
  evaluation: ModelQualityEvaluation,
  recordCount: number,
  merge: ReturnType<typeof mergeWithLabels>['report'],
): string | undefined {
  if (recordCount === 0) {
    return 'No captured predictions in the window: check that data capture is on and the capture location and window are right';
  }
  if (!evaluation.statistics) {
    const reason =
      merge.matched === 0
        ? `No captured prediction matched a ground-truth label (${merge.predictions} predictions, ${merge.labels} labels): labels may not have arrived yet; check the groundTruth location, the groundTruthWindow and that labels carry the capture's inferenceId (else eventId)`
        : `None of the ${merge.matched} matched predictions had a readable label and prediction for the problem type: check the inference, probability and ground-truth attributes`;
    return evaluation.estimate ? `${reason} (the estimate before labels was still made)` : reason;
  }
  return undefined;
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
