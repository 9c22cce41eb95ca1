import { fromCSV } from 'arquero';
import { InputError } from '../errors/vigil-error.ts';
import { jsonPathValue } from '../merge/json-path.ts';
import { countSkip, type LabeledPrediction, type RawValue, type SkippedRows } from './labeled-prediction.ts';

/** Where the label, prediction and probability live in a dataset row, as SageMaker's attributes. */
export interface DatasetAttributes {
  groundTruthAttribute: string;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
}

/**
 * Reads a labeled baseline dataset (the `baseline_dataset` of a model-quality baseline job):
 * CSV with a header row, or JSON Lines. For CSV an attribute is a column name, or a 0-based
 * column index when no column has that name; for JSON Lines it is a JSON path as the merge reads
 * it (`label`, `prediction.score`, `scores[1]`, `$.score`). A missing value stays undefined and
 * is counted by the metric computation.
 *
 * @example
 * ```ts
 * readLabeledDataset(text, 'csv', { groundTruthAttribute: 'Label', inferenceAttribute: 'Prediction' }).rows;
 * // [{ label: '0', prediction: '0.6453677564520609', probability: undefined }, …]
 * ```
 */
export function readLabeledDataset(
  text: string,
  format: 'csv' | 'jsonl',
  attributes: DatasetAttributes,
): LabeledDataset {
  return format === 'csv'
    ? { rows: readCsv(text, attributes), skipped: {} }
    : readJsonLines(text, attributes);
}

/** The rows of a dataset, and the lines that could not be read at all (by reason). */
export interface LabeledDataset {
  rows: LabeledPrediction[];
  skipped: SkippedRows;
}

function readCsv(text: string, attributes: DatasetAttributes): LabeledPrediction[] {
  const table = fromCSV(text, { autoType: false });
  const names = table.columnNames();
  const column = (attribute: string | undefined): RawValue[] | undefined => {
    if (attribute === undefined) return undefined;
    const index = /^\d+$/.test(attribute) ? Number(attribute) : -1;
    const name = names.includes(attribute) ? attribute : names[index];
    if (name === undefined) {
      throw new InputError(
        `The dataset has no column "${attribute}" (columns: ${names.join(', ')}): pass a column name or a 0-based index`,
      );
    }
    return table.array(name) as RawValue[];
  };
  const labels = column(attributes.groundTruthAttribute) as RawValue[];
  const predictions = column(attributes.inferenceAttribute);
  const probabilities = column(attributes.probabilityAttribute);
  return labels.map((label, i) => ({
    label: label ?? undefined,
    prediction: predictions?.[i] ?? undefined,
    probability: probabilities?.[i] ?? undefined,
  }));
}

function readJsonLines(text: string, attributes: DatasetAttributes): LabeledDataset {
  const rows: LabeledPrediction[] = [];
  const skipped: SkippedRows = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      countSkip(skipped, 'malformed-line');
      continue;
    }
    rows.push({
      label: scalarAt(record, attributes.groundTruthAttribute),
      prediction: attributes.inferenceAttribute ? scalarAt(record, attributes.inferenceAttribute) : undefined,
      probability: attributes.probabilityAttribute
        ? scalarAt(record, attributes.probabilityAttribute)
        : undefined,
    });
  }
  return { rows, skipped };
}

function scalarAt(record: unknown, path: string): RawValue {
  const value = jsonPathValue(record, path);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : undefined;
}
