import type { CaptureRecord, CaptureValue } from '../capture/types.ts';
import type { GroundTruthLabel } from '../groundtruth/types.ts';
import { type MergeReport, mergeWithLabels } from '../merge/index.ts';
import type { AnalysisConfig } from './analysis-config.ts';
import { jsonColumn, textColumn } from './column-types.ts';
import type { Series } from './values.ts';

/** Where the bias monitor reads the prediction, as ModelBiasJobInput's EndpointInput says. */
export interface BiasDriftAttributes {
  /** InferenceAttribute: column index (CSV output) or JSON path of the predicted label. */
  readonly inferenceAttribute?: string;
  /** ProbabilityAttribute: column index or JSON path of the score. */
  readonly probabilityAttribute?: string;
  /** ProbabilityThresholdAttribute: a score greater than it is label 1 (default 0.5). */
  readonly probabilityThreshold?: number;
  /** Where the label is in the ground-truth record (default its first column). */
  readonly groundTruthAttribute?: string;
}

/** The column the monitor names the model's predictions when the config names none. */
export const PREDICTED_LABEL_COLUMN = 'predicted_label';

/** The window's joined rows as a bias dataset, and the merge's account of what did not join. */
export interface BiasDriftDataset {
  readonly columns: Series[];
  readonly rowCount: number;
  readonly merge: MergeReport;
  /** Joined rows left out because their input had another number of columns than the first. */
  readonly wrongWidth: number;
  /** The analysis config the dataset fits: `predicted_label` set to the prediction column. */
  readonly config: AnalysisConfig;
}

/**
 * Joins captured predictions with ground-truth labels (the shared model-quality merge: on
 * inferenceId, else eventId) and lays the joined rows out as the dataset Clarify's bias monitor
 * analyses: the captured features named by the config's `headers` (the label's header, when
 * present, holds the ground truth), then the label and the predicted label. A score becomes a label
 * by `score > threshold`, as the bias monitor's ProbabilityThresholdAttribute does.
 *
 * @example
 * ```ts
 * const dataset = biasDriftDataset(records, labels, config, { probabilityAttribute: '0' });
 * runBiasAnalysis(dataset.config, dataset);
 * ```
 */
export function biasDriftDataset(
  records: readonly CaptureRecord[],
  labels: readonly GroundTruthLabel[],
  config: AnalysisConfig,
  attributes: BiasDriftAttributes = {},
): BiasDriftDataset {
  const threshold = attributes.probabilityThreshold ?? 0.5;
  const { rows, report } = mergeWithLabels(
    records,
    labels,
    {
      inferenceAttribute: attributes.inferenceAttribute,
      probabilityAttribute: attributes.probabilityAttribute,
      probabilityThreshold: threshold,
      groundTruthAttribute: attributes.groundTruthAttribute,
    },
    { keepInputs: true },
  );
  const usePlainScore =
    attributes.inferenceAttribute === undefined && attributes.probabilityAttribute !== undefined;
  const features: CaptureValue[][] = [];
  const truth: unknown[] = [];
  const predicted: unknown[] = [];
  let width: number | undefined;
  let wrongWidth = 0;
  for (const row of rows) {
    const input = row.input ?? [];
    width ??= input.length;
    if (input.length !== width) {
      wrongWidth++;
      continue;
    }
    features.push(input);
    truth.push(row.label);
    // Clarify's rule is strict: a score equal to the threshold is label 0.
    predicted.push(
      usePlainScore && row.probability !== undefined ? (row.probability > threshold ? 1 : 0) : row.prediction,
    );
  }
  const labelName =
    typeof config.label === 'string' ? config.label : (config.headers?.[config.label ?? -1] ?? 'label');
  const predictedName =
    typeof config.predicted_label === 'string' ? config.predicted_label : PREDICTED_LABEL_COLUMN;
  const featureNames = featureHeaders(config.headers, labelName, predictedName, width ?? 0);
  const csvLike = features.some((f) => f.some((v) => typeof v === 'string'));
  const columns: Series[] = featureNames.map((name, j) => {
    const values = features.map((f) => f[j] ?? null);
    return csvLike && values.every((v) => v === null || typeof v === 'string')
      ? textColumn(
          name,
          values.map((v) => (v === null ? '' : String(v))),
        )
      : jsonColumn(name, values);
  });
  columns.push(jsonColumn(labelName, truth), jsonColumn(predictedName, predicted));
  return {
    columns,
    rowCount: features.length,
    merge: report,
    wrongWidth,
    config: { ...config, label: labelName, predicted_label: predictedName, probability_threshold: undefined },
  };
}

// The bias config's headers usually name the training columns, label included; the captured input
// has the features only.
function featureHeaders(
  headers: readonly string[] | undefined,
  label: string,
  predicted: string,
  width: number,
): string[] {
  const named = (headers ?? []).filter((h) => h !== label && h !== predicted);
  return Array.from({ length: width }, (_, j) => named[j] ?? `column_${j}`);
}
