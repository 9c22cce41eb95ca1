/**
 * Deequ's data-type classes, in the order of its DataTypeHistogram (Unknown counts missing
 * values). Numeric codes keep the profiling loop free of string comparisons.
 */
export const MISSING = 0;
export const FRACTIONAL = 1;
export const INTEGRAL = 2;
export const BOOLEAN = 3;
export const STRING = 4;

/** The `inferred_type` values SageMaker writes (Boolean only if a column holds nothing but true/false). */
export type InferredType = 'Unknown' | 'Fractional' | 'Integral' | 'Boolean' | 'String';

const PLUS = 43;
const MINUS = 45;
const SPACE = 32;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

// Parsed, not computed: `Number("1e22")` is exact where `10 ** 22` need not be.
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * The double `scanText` parsed from its last Integral or Fractional text: NaN when Spark's cast
 * would give null (`"-"`, `"."`). Module state rather than a returned pair, because this runs
 * once per value of every profiled row and must not allocate.
 */
export let scannedNumber = Number.NaN;

/**
 * Classifies one text value the way Deequ's StatefulDataType does, with its regular expressions
 * `^(-|\+)? ?\d*\.\d*$` (Fractional), `^(-|\+)? ?\d*$` (Integral) and `^(true|false)$` (Boolean),
 * and for the numeric classes parses the value in the same pass into `scannedNumber` (the same
 * double as `Number(text)`: up to 15 digits the mantissa and 10^k are exact, so one correctly
 * rounded division is the correctly rounded value; longer texts go through `Number`). The
 * empty string is missing, as Spark's CSV reader turns it into null.
 *
 * @example
 * ```ts
 * scanText('3.0'); // FRACTIONAL, scannedNumber === 3
 * scanText('1e5'); // STRING
 * ```
 */
export function scanText(text: string): number {
  return scanTextRange(text, 0, text.length);
}

/**
 * `scanText` of `text.slice(start, end)` without making that string: the capture profiler reads
 * fields straight out of a CSV payload, and a string per field is most of its garbage.
 *
 * @example
 * ```ts
 * scanTextRange('7,2.5,x', 2, 5); // FRACTIONAL, scannedNumber === 2.5
 * ```
 */
export function scanTextRange(text: string, start: number, end: number): number {
  if (end <= start) return MISSING;
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === MINUS;
  if (negative || c === PLUS) i++;
  let spaced = false;
  if (i < end && text.charCodeAt(i) === SPACE) {
    i++;
    spaced = true;
  }
  let dot = false;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      if (dot) fraction++;
      continue;
    }
    if (c === DOT && !dot) {
      dot = true;
      continue;
    }
    return isBooleanText(text, start, end) ? BOOLEAN : STRING;
  }
  if (digits === 0) scannedNumber = Number.NaN;
  else if (spaced || digits > 15 || fraction > 22) scannedNumber = Number(text.slice(start, end));
  else {
    const value = fraction === 0 ? mantissa : mantissa / (POW10[fraction] as number);
    scannedNumber = negative ? -value : value;
  }
  return dot ? FRACTIONAL : INTEGRAL;
}

/** The end of the field `scanCsvField` read last (the index of its comma, or the text's end). */
export let scannedEnd = 0;

const COMMA = 44;

/**
 * `scanTextRange` of the CSV field that starts at `start`: the text up to the next comma or `end`,
 * whose position it leaves in `scannedEnd`. Finding the comma in the same pass as the number saves
 * a search per value in the profiler's hottest loop.
 *
 * @example
 * ```ts
 * scanCsvField('7,2.5,x', 2, 7); // FRACTIONAL, scannedNumber === 2.5, scannedEnd === 5
 * ```
 */
export function scanCsvField(text: string, start: number, end: number): number {
  let i = start;
  let c = i < end ? text.charCodeAt(i) : COMMA;
  const negative = c === MINUS;
  if (negative || c === PLUS) i++;
  let spaced = false;
  if (i < end && text.charCodeAt(i) === SPACE) {
    i++;
    spaced = true;
  }
  // Every character from here to the field's end is a digit but for at most one dot, so digits
  // are counted from positions once the loop is done rather than one by one.
  const first = i;
  let dotAt = -1;
  let mantissa = 0;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    const digit = c - ZERO;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      continue;
    }
    if (c === DOT && dotAt === -1) {
      dotAt = i;
      continue;
    }
    if (c === COMMA) break;
    return scanTextField(text, start, i, end);
  }
  scannedEnd = i;
  if (i === start) return MISSING;
  const dot = dotAt !== -1;
  const digits = dot ? i - first - 1 : i - first;
  const fraction = dot ? i - dotAt - 1 : 0;
  if (digits === 0) scannedNumber = Number.NaN;
  else if (spaced || digits > 15 || fraction > 22) scannedNumber = Number(text.slice(start, i));
  else {
    const value = fraction === 0 ? mantissa : mantissa / (POW10[fraction] as number);
    scannedNumber = negative ? -value : value;
  }
  return dot ? FRACTIONAL : INTEGRAL;
}

/**
 * The rest of `scanCsvField` for a field that is not numeric (its character at `from` is neither a
 * digit nor a first dot): Boolean or String. Kept apart so that the numeric scan stays small
 * enough for the JIT to inline.
 */
function scanTextField(text: string, start: number, from: number, end: number): number {
  const comma = text.indexOf(',', from);
  scannedEnd = comma === -1 || comma > end ? end : comma;
  return isBooleanText(text, start, scannedEnd) ? BOOLEAN : STRING;
}

/** `true` or `false`, exactly (Deequ's `^(true|false)$`). */
function isBooleanText(text: string, start: number, end: number): boolean {
  const n = end - start;
  const first = text.charCodeAt(start);
  if (n === 4 && first === 116) return text.startsWith('true', start);
  if (n === 5 && first === 102) return text.startsWith('false', start);
  return false;
}

/**
 * Classifies one text value as Deequ does (see `scanText`, which also parses it).
 *
 * @example
 * ```ts
 * classifyText('3.0'); // FRACTIONAL
 * classifyText('1'); // INTEGRAL
 * classifyText('1e5'); // STRING
 * ```
 */
export function classifyText(text: string): number {
  return scanText(text);
}

/** Counts of values per data-type class. */
export interface TypeCounts {
  missing: number;
  fractional: number;
  integral: number;
  boolean: number;
  string: number;
}

/**
 * The column type SageMaker reports, by Deequ's `DataTypeHistogram.determineType`: Unknown when
 * every value is missing; String when any value is a string or booleans mix with numbers;
 * Boolean when only booleans; Fractional when any value is fractional; else Integral.
 *
 * @example
 * ```ts
 * inferType({ missing: 0, fractional: 1, integral: 99, boolean: 0, string: 0 }); // 'Fractional'
 * ```
 */
export function inferType(counts: TypeCounts): InferredType {
  const present = counts.fractional + counts.integral + counts.boolean + counts.string;
  if (present === 0) return 'Unknown';
  if (counts.string > 0 || (counts.boolean > 0 && counts.integral + counts.fractional > 0)) return 'String';
  if (counts.boolean > 0) return 'Boolean';
  if (counts.fractional > 0) return 'Fractional';
  return 'Integral';
}

/**
 * True for the types SageMaker profiles with numerical_statistics (mean, KLL sketch, …).
 *
 * @example
 * ```ts
 * isNumericType('Integral'); // true
 * ```
 */
export function isNumericType(type: InferredType): boolean {
  return type === 'Fractional' || type === 'Integral';
}
