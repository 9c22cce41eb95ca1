import type { DataType } from './datatype.ts';
import { BiasReportError } from './errors.ts';
import { inIntervals, intervalIndex, intervalText } from './interval.ts';
import {
  type Cell,
  type ConfigValue,
  configValueText,
  configValueToCell,
  pyEquals,
  type Series,
} from './values.ts';

/**
 * smclarify's `_categorical_data_idx`: true where the cell equals any of the values. When nothing
 * matches, the values are converted to the type of the column's first element (`'1'` → 1, 1 → `'1'`,
 * `'1.0'` → 1.0) and matched again.
 *
 * @example
 * ```ts
 * categoricalIndex({ name: 'y', dtype: 'object', values: ['1', '0'] }, [1n]); // [true, false]
 * ```
 */
export function categoricalIndex(series: Series, values: readonly ConfigValue[]): boolean[] {
  const match = (vs: readonly Cell[]) => series.values.map((cell) => vs.some((v) => pyEquals(cell, v)));
  const direct = match(values.map(configValueToCell));
  if (direct.some(Boolean)) return direct;
  return match(convertToColumnType(series, values));
}

type PythonType = 'str' | 'int' | 'float' | 'bool';

function pythonTypeOfFirst(series: Series): PythonType {
  const first = series.values[0] ?? null;
  if (first === null) return 'float';
  if (typeof first === 'string') return 'str';
  if (typeof first === 'boolean') return 'bool';
  if (series.dtype === 'float64' || !Number.isInteger(first)) return 'float';
  return 'int';
}

// smclarify's `convert_positive_label_values`, value by value as Python's int()/float()/str()/bool() do.
function convertToColumnType(series: Series, values: readonly ConfigValue[]): Cell[] {
  const type = pythonTypeOfFirst(series);
  if (type === 'str') return values.map(configValueText);
  if (type === 'bool') return values.map((v) => (typeof v === 'string' ? v.length > 0 : Number(v) !== 0));
  if (type === 'int') {
    const ints = values.map(toPythonInt);
    if (ints.every((v) => v !== undefined)) return ints as number[];
  }
  return values.map((v) => {
    const x = typeof v === 'string' ? Number(v.trim()) : Number(v);
    if (typeof v === 'string' && (v.trim() === '' || Number.isNaN(x)))
      throw new BiasReportError(
        "'label' has not positive elements. Double-check if 'label' and 'positive_label_values' have correct data-types or values.",
      );
    return x;
  });
}

function toPythonInt(value: ConfigValue): number | undefined {
  if (typeof value === 'string') return /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : undefined;
  return Math.trunc(Number(value));
}

/** A positive-label index and the `label_value_or_threshold` string that describes it. */
export interface PositiveIndex {
  readonly index: boolean[];
  readonly text: string;
}

/**
 * smclarify's `_positive_label_index`: the positive rows of the label column and how
 * analysis.json describes them (`"1"`, `"yes,maybe"`, `"(0.5, 1.0]"`).
 *
 * @example
 * ```ts
 * positiveLabelIndex({ name: 'y', dtype: 'float64', values: [1, 2, 3] }, 'CONTINUOUS', [2]).text; // '(2.0, 3.0]'
 * ```
 */
export function positiveLabelIndex(
  series: Series,
  type: DataType,
  values: readonly ConfigValue[] | undefined,
): PositiveIndex {
  if (type === 'CONTINUOUS') {
    const intervals = intervalIndex(series, values);
    return {
      index: series.values.map((v) => inIntervals(intervals, typeof v === 'number' ? v : null)),
      text: intervalText(intervals),
    };
  }
  if (!values || values.length === 0)
    throw new BiasReportError("Label_column data is invalid or can't be classified");
  return { index: categoricalIndex(series, values), text: values.map(configValueText).join(',') };
}

/**
 * smclarify's `_positive_predicted_index`: the predicted label must have the label's data type; a
 * continuous one is cast to the label's dtype and thresholded with the maximum of both columns. All
 * false is an error for the whole report.
 *
 * @example
 * ```ts
 * positivePredictedLabelIndex(predicted, 'CATEGORICAL', label, 'CATEGORICAL', ['yes']); // [true, false, …]
 * ```
 */
export function positivePredictedLabelIndex(
  predicted: Series,
  predictedType: DataType,
  label: Series,
  labelType: DataType,
  values: readonly ConfigValue[] | undefined,
): boolean[] {
  if (predictedType !== labelType)
    throw new BiasReportError(
      'Predicted Label Column series datatype is not the same as Label Column series',
    );
  let index: boolean[];
  if (predictedType === 'CONTINUOUS') {
    const cast = castTo(predicted, label.dtype);
    const both: Series = { name: label.name, dtype: label.dtype, values: [...label.values, ...cast.values] };
    const intervals = intervalIndex(both, values);
    index = cast.values.map((v) => inIntervals(intervals, typeof v === 'number' ? v : null));
  } else if (values && values.length > 0) {
    index = categoricalIndex(predicted, values);
  } else {
    throw new BiasReportError("Predicted Label_column data is invalid or can't be classified");
  }
  if (!index.some(Boolean))
    throw new BiasReportError(
      'No Label values are present in the predicted Label Column,Positive Predicted Index Series contains all False values',
    );
  return index;
}

function castTo(series: Series, dtype: Series['dtype']): Series {
  if (dtype !== 'int64' || series.dtype === 'int64') return { ...series, dtype };
  return {
    name: series.name,
    dtype,
    values: series.values.map((v) => (typeof v === 'number' ? Math.trunc(v) : v)),
  };
}
