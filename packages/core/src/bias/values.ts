import { pythonFloat } from '../json/java-double.ts';

/**
 * pandas dtypes that change how Clarify reads a column: categorical-versus-continuous inference,
 * how values print, what FlipTest accepts.
 */
export type Dtype = 'int64' | 'float64' | 'bool' | 'object' | 'category';

/** One cell of a column. `null` is a missing value (pandas NaN / None). */
export type Cell = string | number | boolean | null;

/** A named column with its pandas dtype. */
export interface Series {
  readonly name: string;
  readonly dtype: Dtype;
  readonly values: readonly Cell[];
}

/**
 * A value from analysis_config.json as Python holds it: `bigint` is a Python int, `number` a
 * Python float. The difference shows in output strings (`"1"` versus `"1.0"`).
 */
export type ConfigValue = string | number | bigint | boolean;

/**
 * Python's `str()` of a config value.
 *
 * @example
 * ```ts
 * configValueText(1n); // '1'
 * configValueText(1); // '1.0'
 * configValueText(true); // 'True'
 * ```
 */
export function configValueText(value: ConfigValue): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return pythonFloat(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return value;
}

/**
 * Python's `str()` of a cell as pandas holds it in a column of the given dtype: int64 values
 * print bare, float64 values with `.0`, missing values as `nan`.
 *
 * @example
 * ```ts
 * cellText(3, 'int64'); // '3'
 * cellText(3, 'float64'); // '3.0'
 * ```
 */
export function cellText(value: Cell, dtype: Dtype): string {
  if (value === null) return 'nan';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (dtype === 'float64' || !Number.isInteger(value)) return pythonFloat(value);
  return String(value);
}

/**
 * A config value as a cell (Python int and float both become a JS number).
 *
 * @example
 * ```ts
 * configValueToCell(2n); // 2
 * ```
 */
export function configValueToCell(value: ConfigValue): Cell {
  return typeof value === 'bigint' ? Number(value) : value;
}

/**
 * Python/numpy equality between a cell and a value: numbers and booleans compare numerically
 * (`True == 1`), strings only with strings, missing values with nothing.
 *
 * @example
 * ```ts
 * pyEquals(1, true); // true
 * pyEquals('1', 1); // false
 * ```
 */
export function pyEquals(a: Cell, b: Cell): boolean {
  if (a === null || b === null) return false;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return Number(a) === Number(b);
}

/**
 * A key that keeps `1` and `'1'` apart but `1` and `true` together, as Python hashing does.
 *
 * @example
 * ```ts
 * cellKey('1'); // 's:1'
 * cellKey(1); // 'n:1'
 * ```
 */
export function cellKey(value: Cell): string {
  if (value === null) return 'nan';
  if (typeof value === 'string') return `s:${value}`;
  return `n:${Number(value)}`;
}

/**
 * Sort order of numpy's `np.unique` on a column: numbers (and booleans) ascending, strings by code point.
 *
 * @example
 * ```ts
 * compareCells(2, 'a'); // negative: numbers sort before text
 * ```
 */
export function compareCells(a: Cell, b: Cell): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string') return 1;
  if (typeof b === 'string') return -1;
  return Number(a) - Number(b);
}

/**
 * The number of non-missing cells (pandas `count()`).
 *
 * @example
 * ```ts
 * countPresent(['a', null]); // 1
 * ```
 */
export function countPresent(values: readonly Cell[]): number {
  let n = 0;
  for (const v of values) if (v !== null) n++;
  return n;
}

/**
 * The number of distinct non-missing cells (pandas `nunique()`).
 *
 * @example
 * ```ts
 * countDistinct(['a', 'a', null, 'b']); // 2
 * ```
 */
export function countDistinct(values: readonly Cell[]): number {
  const seen = new Set<string>();
  for (const v of values) if (v !== null) seen.add(cellKey(v));
  return seen.size;
}
