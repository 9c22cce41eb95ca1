import type { Cell, Dtype, Series } from './values.ts';

// pandas read_csv's default missing-value markers.
const MISSING_TEXT = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);
const INTEGER = /^\s*[+-]?\d+\s*$/;
const FLOAT = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity)\s*$/i;
const BOOLEAN: Record<string, boolean> = {
  True: true,
  TRUE: true,
  true: true,
  False: false,
  FALSE: false,
  false: false,
};

/**
 * A text column typed as pandas `read_csv` types it: int64 when every value is an integer, float64
 * when every present value is a number (missing values force float64), bool for True/False, else
 * object (text, with missing values as null).
 *
 * @example
 * ```ts
 * textColumn('age', ['31', '', '40']); // { name: 'age', dtype: 'float64', values: [31, null, 40] }
 * ```
 */
export function textColumn(name: string, texts: readonly string[]): Series {
  const present = texts.filter((t) => !MISSING_TEXT.has(t));
  const missing = present.length < texts.length;
  const missingOr = (f: (t: string) => Cell) => texts.map((t) => (MISSING_TEXT.has(t) ? null : f(t)));
  if (present.length > 0 && present.every((t) => INTEGER.test(t)))
    return { name, dtype: missing ? 'float64' : 'int64', values: missingOr(Number) };
  if (present.length > 0 && present.every((t) => INTEGER.test(t) || FLOAT.test(t)))
    return { name, dtype: 'float64', values: missingOr(parseFloatText) };
  if (!missing && present.length > 0 && present.every((t) => t in BOOLEAN))
    return { name, dtype: 'bool', values: texts.map((t) => BOOLEAN[t]!) };
  return { name, dtype: 'object', values: missingOr((t) => t) };
}

function parseFloatText(text: string): number {
  const t = text.trim().toLowerCase().replace(/^\+/, '');
  if (t === 'inf' || t === 'infinity') return Number.POSITIVE_INFINITY;
  if (t === '-inf' || t === '-infinity') return Number.NEGATIVE_INFINITY;
  return Number(t);
}

/**
 * A column of JSON values typed as pandas types a list of them: int64 for integers only, float64
 * for numbers (null allowed), bool for booleans only, else object.
 *
 * @example
 * ```ts
 * jsonColumn('x', [1, 2.5, null]).dtype; // 'float64'
 * ```
 */
export function jsonColumn(name: string, values: readonly unknown[]): Series {
  const cells: Cell[] = values.map((v) =>
    v === null || v === undefined
      ? null
      : typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean'
        ? v
        : JSON.stringify(v),
  );
  const present = cells.filter((c) => c !== null);
  const missing = present.length < cells.length;
  let dtype: Dtype = 'object';
  if (present.length > 0 && present.every((c) => typeof c === 'number'))
    dtype = !missing && present.every((c) => Number.isInteger(c)) ? 'int64' : 'float64';
  else if (!missing && present.length > 0 && present.every((c) => typeof c === 'boolean')) dtype = 'bool';
  return { name, dtype, values: cells };
}
