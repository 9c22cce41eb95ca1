import { divide } from './divide.ts';
import { BiasReportError } from './errors.ts';
import { type Cell, type ConfigValue, countDistinct, countPresent, type Series } from './values.ts';

/** How Clarify treats a facet, label or predicted-label column. */
export type DataType = 'CATEGORICAL' | 'CONTINUOUS';

// smclarify's UNIQUENESS_THRESHOLD: an integer column with at least 5% distinct values is continuous.
const UNIQUENESS_THRESHOLD = 0.05;
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const FLOAT_TEXT = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)\s*$/i;

/**
 * smclarify's `series_datatype`: category dtype or more than one user value → categorical; float
 * → continuous; int, or text that all parses as int, → continuous when at least 5% of the present
 * values are distinct; everything else categorical.
 *
 * @example
 * ```ts
 * seriesDatatype({ name: 'y', dtype: 'int64', values: [0, 1, 0, 1] }); // 'CONTINUOUS' (2/4 ≥ 0.05)
 * ```
 */
export function seriesDatatype(series: Series, values?: readonly ConfigValue[]): DataType {
  const uniqueness = divide(countDistinct(series.values), countPresent(series.values));
  if (series.dtype === 'category' || (values !== undefined && values.length > 1)) return 'CATEGORICAL';
  if (series.dtype === 'object') {
    return series.values.every(castsToInt) && uniqueness >= UNIQUENESS_THRESHOLD
      ? 'CONTINUOUS'
      : 'CATEGORICAL';
  }
  if (series.dtype === 'float64') return 'CONTINUOUS';
  if (series.dtype === 'int64') return uniqueness >= UNIQUENESS_THRESHOLD ? 'CONTINUOUS' : 'CATEGORICAL';
  return 'CATEGORICAL';
}

// What pandas' astype("int64") accepts in an object column: int-like text, numbers, booleans.
function castsToInt(value: Cell): boolean {
  if (value === null) return false;
  if (typeof value === 'string') return INTEGER_TEXT.test(value);
  return typeof value === 'boolean' || Number.isFinite(value);
}

/**
 * smclarify's `ensure_series_data_type`: the data type, the column converted for it (continuous
 * columns go through `pd.to_numeric`) and the user values, the first one turned into a float when a
 * continuous column got a non-numeric threshold.
 *
 * @example
 * ```ts
 * ensureSeriesDataType({ name: 'x', dtype: 'object', values: ['1', '2', '3'] }, ['2']).values; // [2]
 * ```
 */
export function ensureSeriesDataType(
  series: Series,
  values?: readonly ConfigValue[],
): { type: DataType; series: Series; values: ConfigValue[] | undefined } {
  const type = seriesDatatype(series, values);
  if (type === 'CATEGORICAL') return { type, series, values: values && [...values] };
  let converted = values && [...values];
  if (converted && converted.length > 0) {
    const first = converted[0]!;
    if (typeof first === 'string') {
      if (!FLOAT_TEXT.test(first))
        throw new BiasReportError(
          'Facet/label value provided must be a single numeric threshold for continuous data',
        );
      converted = [parsePythonFloat(first), ...converted.slice(1)];
    }
  }
  return { type, series: toNumeric(series), values: converted };
}

function parsePythonFloat(text: string): number {
  const t = text.trim().toLowerCase().replace(/^\+/, '');
  if (t === 'inf' || t === 'infinity') return Number.POSITIVE_INFINITY;
  if (t === '-inf' || t === '-infinity') return Number.NEGATIVE_INFINITY;
  if (t === 'nan' || t === '-nan') return Number.NaN;
  return Number(t);
}

/**
 * pandas `to_numeric` on a column: text becomes int64 when every value is an integer, else float64.
 *
 * @example
 * ```ts
 * toNumeric({ name: 'x', dtype: 'object', values: ['1', '2'] }); // { name: 'x', dtype: 'int64', values: [1, 2] }
 * ```
 */
export function toNumeric(series: Series): Series {
  if (series.dtype === 'int64' || series.dtype === 'float64') return series;
  let allIntegers = true;
  const values = series.values.map((v): Cell => {
    if (v === null) {
      allIntegers = false;
      return null;
    }
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) allIntegers = false;
      return v;
    }
    if (!FLOAT_TEXT.test(v))
      throw new BiasReportError(
        `Unable to parse string "${v}": the column must hold numbers to be continuous`,
      );
    if (!INTEGER_TEXT.test(v)) allIntegers = false;
    return parsePythonFloat(v);
  });
  return { name: series.name, dtype: allIntegers ? 'int64' : 'float64', values };
}
