import { Char, Letter } from '../decoding/char-codes.ts';

/**
 * Deequ's data-type classes, in the order of its DataTypeHistogram (Unknown counts missing
 * values), plus Vigil's NON_FINITE for `NaN`, `±Infinity` and numbers too large for a double.
 * Numeric codes keep the profiling loop free of string comparisons.
 */
export const MISSING = 0;
export const FRACTIONAL = 1;
export const INTEGRAL = 2;
export const BOOLEAN = 3;
export const STRING = 4;
export const NON_FINITE = 5;

/** The `inferred_type` values SageMaker writes (Boolean only if a column holds nothing but true/false). */
export type InferredType = 'Unknown' | 'Fractional' | 'Integral' | 'Boolean' | 'String';

// Parsed, not computed: `Number("1e22")` is exact where `10 ** 22` need not be.
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Larger exponents go through `Number`; the cap also keeps the exponent's digits from overflowing. */
const MAX_FAST_EXPONENT = 22;
const MAX_EXACT_DIGITS = 15;

/**
 * `scannedValue[0]` is the double `scanText` parsed from its last Integral, Fractional or NonFinite
 * text: NaN for a numeric text Spark's cast would turn into null (`"- 3"`, a space after the sign)
 * and for `NaN`. Module state rather than a returned pair, because this runs once per value of
 * every profiled row and must not allocate; a typed array's slot, because a module variable
 * holding a double is a boxed number, allocated anew on each store.
 */
export const scannedValue = new Float64Array([Number.NaN]);

/**
 * Classifies one text value the way current Deequ's StatefulDataType does, with its regular
 * expressions `^(-|\+)? ?\d+((\.\d+)|((?:\.\d+)?[Ee][-+]?\d+))$` (Fractional, so exponent
 * notation such as pandas' `-6.42071e-05` is a number), `^(-|\+)? ?\d+$` (Integral) and
 * `^(true|false)$` (Boolean); anything else is String, including `.5`, `5.`, `-` and `.`, which
 * older Deequ counted as numbers. Before String, Vigil recognises the non-finite spellings
 * pandas, numpy, Java, JavaScript and R write (`NaN`, `nan`, `inf`, `-Infinity`, `+Inf`, …, any
 * case and sign) and a numeric text too large for a double (`1e400`) as NON_FINITE: a number, but
 * not one that statistics can use. For the numeric classes the value is parsed in the same pass
 * into `scannedValue[0]` (the same double as `Number(text)`: up to 15 digits and a power of ten up
 * to 10^22 are exact, so one correctly rounded operation gives the correctly rounded value; other
 * texts go through `Number`). The empty string is missing, as Spark's CSV reader turns it into
 * null.
 *
 * @example
 * ```ts
 * scanText('3.0'); // FRACTIONAL, scannedValue[0] === 3
 * scanText('1e5'); // FRACTIONAL, scannedValue[0] === 100000
 * scanText('-inf'); // NON_FINITE, scannedValue[0] === -Infinity
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
 * scanTextRange('7,2.5,x', 2, 5); // FRACTIONAL, scannedValue[0] === 2.5
 * ```
 */
export function scanTextRange(text: string, start: number, end: number): number {
  if (end <= start) return MISSING;
  // `scannedEnd` belongs to the caller's own CSV scan: borrowed here, then given back.
  const callersEnd = scannedEnd;
  const type = scanCsvField(text, start, end);
  const fieldEnd = scannedEnd;
  scannedEnd = callersEnd;
  // A comma ends a CSV field, but inside one text value it makes the text a word.
  return fieldEnd === end ? type : scanWord(text, start, end);
}

/**
 * The class and value of a numeric text whose digits (and at most one dot) run from `first` to
 * `end` and whose power of ten is `exponent`, once its shape has been read: at least one digit
 * before the dot and one after it, as current Deequ requires.
 */
function finishNumber(
  text: string,
  start: number,
  end: number,
  first: number,
  dotAt: number,
  mantissa: number,
  spaced: boolean,
  exponent: number,
  digitsEnd = end,
  exponential = false,
): number {
  const dot = dotAt !== -1;
  const whole = (dot ? dotAt : digitsEnd) - first;
  const fraction = dot ? digitsEnd - dotAt - 1 : 0;
  if (whole === 0 || (dot && fraction === 0)) return scanWord(text, start, end);
  const scale = exponent - fraction;
  if (
    spaced ||
    whole + fraction > MAX_EXACT_DIGITS ||
    scale > MAX_FAST_EXPONENT ||
    scale < -MAX_FAST_EXPONENT
  )
    scannedValue[0] = Number(text.slice(start, end));
  else {
    const value = scale >= 0 ? mantissa * (POW10[scale] as number) : mantissa / (POW10[-scale] as number);
    scannedValue[0] = text.charCodeAt(start) === Char.minus ? -value : value;
  }
  // Overflow (`1e400`, 400 nines) gives ±Infinity: a number, but no statistic can use it.
  if (scannedValue[0] === Number.POSITIVE_INFINITY || scannedValue[0] === Number.NEGATIVE_INFINITY)
    return NON_FINITE;
  return dot || exponential ? FRACTIONAL : INTEGRAL;
}

/**
 * The rest of a text whose mantissa ended at the `e` or `E` at `at`: Fractional when an optional
 * sign and at least one digit follow to `end`, else String (or Boolean, or NonFinite).
 */
function scanExponent(
  text: string,
  start: number,
  at: number,
  end: number,
  first: number,
  dotAt: number,
  mantissa: number,
): number {
  let i = at + 1;
  const c = i < end ? text.charCodeAt(i) : 0;
  const negative = c === Char.minus;
  if (negative || c === Char.plus) i++;
  const digitsStart = i;
  let exponent = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - Char.zero;
    if (digit < 0 || digit > 9) return scanWord(text, start, end);
    // Past the fast range the value comes from `Number` anyway; capping keeps this an integer.
    if (exponent < 100_000) exponent = exponent * 10 + digit;
  }
  if (i === digitsStart) return scanWord(text, start, end);
  const sign = text.charCodeAt(start);
  const spaced =
    text.charCodeAt(sign === Char.minus || sign === Char.plus ? start + 1 : start) === Char.space;
  return finishNumber(
    text,
    start,
    end,
    first,
    dotAt,
    mantissa,
    spaced,
    negative ? -exponent : exponent,
    at,
    true,
  );
}

/** Boolean, NonFinite or String: the classes of a text that is not a decimal number. */
function scanWord(text: string, start: number, end: number): number {
  if (isBooleanText(text, start, end)) return BOOLEAN;
  return isNonFiniteText(text, start, end) ? NON_FINITE : STRING;
}

/** The end of the field `scanCsvField` read last (the index of its comma, or the text's end). */
export let scannedEnd = 0;

/**
 * `scanTextRange` of the CSV field that starts at `start`: the text up to the next comma or `end`,
 * whose position it leaves in `scannedEnd`. Finding the comma in the same pass as the number saves
 * a search per value in the profiler's hottest loop.
 *
 * @example
 * ```ts
 * scanCsvField('7,2.5,x', 2, 7); // FRACTIONAL, scannedValue[0] === 2.5, scannedEnd === 5
 * ```
 */
export function scanCsvField(text: string, start: number, end: number): number {
  let i = start;
  let c = i < end ? text.charCodeAt(i) : Char.comma;
  const negative = c === Char.minus;
  if (negative || c === Char.plus) i++;
  let spaced = false;
  if (i < end && text.charCodeAt(i) === Char.space) {
    i++;
    spaced = true;
  }
  const first = i;
  let dotAt = -1;
  let mantissa = 0;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    const digit = c - Char.zero;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      continue;
    }
    if (c === Char.dot && dotAt === -1) {
      dotAt = i;
      continue;
    }
    if (c === Char.comma) break;
    return scanRestOfField(text, start, i, end, first, dotAt, mantissa);
  }
  scannedEnd = i;
  if (i === start) return MISSING;
  return finishNumber(text, start, i, first, dotAt, mantissa, spaced, 0);
}

/** What `scanCsvFieldAscii` returns for a field it leaves to `scanCsvField`. */
export const UNSCANNED = -1;

/**
 * `scanCsvField` of the common field, read from ASCII bytes (an indexed load is cheaper than a
 * string's `charCodeAt`): a decimal number, an optional sign, digits, at most one dot with digits
 * on both sides, at most 15 digits in all. It gives the very class and double `scanCsvField` gives
 * such a field (the same correctly rounded division), and `scannedEnd`. Any other field (empty, an
 * exponent, a space, a word, more digits) is `UNSCANNED`, with nothing set: scan its text instead.
 *
 * @example
 * ```ts
 * scanCsvFieldAscii(new TextEncoder().encode('7,2.5,x'), 2, 7); // FRACTIONAL, scannedValue[0] === 2.5, scannedEnd === 5
 * ```
 */
export function scanCsvFieldAscii(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const sign = i < end ? (bytes[i] as number) : Char.comma;
  const negative = sign === Char.minus;
  if (negative || sign === Char.plus) i++;
  const first = i;
  let mantissa = 0;
  // The whole digits, then the fraction's: the common field needs no per-character test for a dot.
  for (; i < end; i++) {
    const digit = (bytes[i] as number) - Char.zero;
    if (digit < 0 || digit > 9) break;
    mantissa = mantissa * 10 + digit;
  }
  const whole = i - first;
  let fraction = 0;
  if (i < end && bytes[i] === Char.dot) {
    const dotAt = i++;
    for (; i < end; i++) {
      const digit = (bytes[i] as number) - Char.zero;
      if (digit < 0 || digit > 9) break;
      mantissa = mantissa * 10 + digit;
    }
    fraction = i - dotAt - 1;
    if (fraction === 0) return UNSCANNED;
  }
  if (i < end && bytes[i] !== Char.comma) return UNSCANNED;
  if (whole === 0 || whole + fraction > MAX_EXACT_DIGITS) return UNSCANNED;
  scannedEnd = i;
  // As `finishNumber` computes it: fraction ≤ 15, so 10^fraction is exact.
  const value = fraction > 0 ? mantissa / (POW10[fraction] as number) : mantissa;
  scannedValue[0] = negative ? -value : value;
  return fraction > 0 ? FRACTIONAL : INTEGRAL;
}

/**
 * The rest of `scanCsvField` for a field with a character that is neither a digit nor a first
 * dot at `from`: its end found, then an exponent (`e` or `E` at `from`) or a word. Kept apart so
 * that the numeric scan stays small enough for the JIT to inline.
 */
function scanRestOfField(
  text: string,
  start: number,
  from: number,
  end: number,
  first: number,
  dotAt: number,
  mantissa: number,
): number {
  const comma = text.indexOf(',', from);
  const stop = comma === -1 || comma > end ? end : comma;
  scannedEnd = stop;
  const c = text.charCodeAt(from);
  if (c === Letter.lowerE || c === Letter.upperE)
    return scanExponent(text, start, from, stop, first, dotAt, mantissa);
  return scanWord(text, start, stop);
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
 * `nan`, `inf` or `infinity` in any case, after an optional sign (pandas and Python write `nan`,
 * `inf`, `-inf`; Java and JavaScript `NaN`, `Infinity`, `-Infinity`; R `Inf`; C `-nan`). Sets
 * `scannedValue[0]` to the value it spells.
 */
function isNonFiniteText(text: string, start: number, end: number): boolean {
  const sign = text.charCodeAt(start);
  const signed = sign === Char.minus || sign === Char.plus;
  const at = signed ? start + 1 : start;
  const n = end - at;
  if (n !== 3 && n !== 8) return false;
  if (lowerMatches(text, at, 'nan') && n === 3) {
    scannedValue[0] = Number.NaN;
    return true;
  }
  if (!lowerMatches(text, at, 'inf') || (n === 8 && !lowerMatches(text, at + 3, 'inity'))) return false;
  scannedValue[0] = sign === Char.minus ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return true;
}

/** True when `text` at `at` spells `word` (lower-case letters) in any case. */
function lowerMatches(text: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++)
    if ((text.charCodeAt(at + k) | Letter.caseBit) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Classifies one text value as Deequ does (see `scanText`, which also parses it).
 *
 * @example
 * ```ts
 * classifyText('3.0'); // FRACTIONAL
 * classifyText('1'); // INTEGRAL
 * classifyText('1e5'); // FRACTIONAL
 * classifyText('NaN'); // NON_FINITE
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
