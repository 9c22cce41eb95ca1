import { addExample, mergeExamples } from './examples.ts';
import { countValue, mergeFrequencies } from './frequencies.ts';
import { HyperLogLog } from './hyperloglog.ts';
import { KllSketch } from './kll.ts';
import {
  addValuesToState,
  addValueToState,
  emptyMoments,
  type Moments,
  type MomentsState,
  mergeMoments,
  momentsOfState,
  momentsState,
} from './moments.ts';
import {
  BOOLEAN,
  FRACTIONAL,
  INTEGRAL,
  type InferredType,
  inferType,
  MISSING,
  NON_FINITE,
  STRING,
  scannedValue,
  scanTextRange,
  type TypeCounts,
} from './value-type.ts';

/** Slots of a column's cache of texts already in its HyperLogLog (a power of two). */
const TEXT_SLOTS = 64;

/**
 * The mergeable profile of one column: counts per Deequ data type (missing counted as Unknown),
 * non-finite numbers counted apart, moments and a KLL sketch of the finite numeric values, a
 * HyperLogLog of all present values, the value frequencies while the column has at most 120
 * distinct values, and a few examples of its non-numeric texts.
 */
export class ColumnProfile {
  name: string;
  missing = 0;
  fractional = 0;
  integral = 0;
  boolean = 0;
  string = 0;
  /**
   * `NaN`, `±Infinity` and numbers too large for a double (`1e400`). They are numbers, so they
   * never make a numeric column String, but no statistic can use them: they stay out of the
   * moments, the sketches, the frequencies and `present`, and so count against completeness,
   * as a missing value does (pandas and numpy write a missing number as NaN, and an overflowed
   * value has lost its magnitude: to a model, both are an input it cannot use).
   */
  nonFinite = 0;
  /** The first few distinct String or Boolean texts (see `addExample`): why a column is not numeric. */
  nonNumericExamples: string[] = [];
  /** The moments, kept as a typed array that profiling updates in place (see `moments`). */
  momentState: MomentsState = momentsState(emptyMoments());

  /** Count, sum, mean, second central moment, min and max of the finite numeric values (a copy). */
  get moments(): Moments {
    return momentsOfState(this.momentState);
  }

  set moments(m: Moments) {
    this.momentState = momentsState(m);
  }
  kll = new KllSketch();
  hll = new HyperLogLog();
  /** Undefined once the column had more than 120 distinct values. */
  frequencies: Map<string, number> | undefined = new Map();
  /**
   * Texts known to be in `#textsHll` (see `hashedText`), made on first use. Private fields, so that
   * a cache never makes two equal profiles look different.
   */
  #texts: (string | undefined)[] | undefined;
  #textsHll: HyperLogLog | undefined;

  constructor(name: string) {
    this.name = name;
  }

  /**
   * Profiles one value. Text is classified as Deequ does and, when Integral or Fractional,
   * parsed as a double for the numeric statistics; JSON numbers are Integral when integer-valued.
   */
  add(value: string | number | boolean | null): void {
    if (value === null || value === undefined) {
      this.missing++;
      return;
    }
    if (typeof value === 'string') {
      this.addTextRange(value, 0, value.length);
      return;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        // JSON.parse turns an overflowing number (1e400) into ±Infinity.
        this.nonFinite++;
        return;
      }
      if (Number.isInteger(value)) this.integral++;
      else this.fractional++;
      this.addNumeric(value);
      this.frequencies = countValue(this.frequencies, String(value));
      return;
    }
    this.boolean++;
    const text = value ? 'true' : 'false';
    addExample(this.nonNumericExamples, text, 0, text.length);
    this.hll.addText(text);
    this.frequencies = countValue(this.frequencies, text);
  }

  /**
   * Profiles the text value `text.slice(start, end)` exactly as `add` would, making that string
   * only when a frequency table still needs it as a key.
   */
  addTextRange(text: string, start: number, end: number): void {
    this.addScanned(scanTextRange(text, start, end), text, start, end);
  }

  /**
   * Profiles `text.slice(start, end)` that `scanTextRange` (or `scanCsvField`) has just classified
   * as `type`, with its number in `scannedValue[0]`.
   */
  addScanned(type: number, text: string, start: number, end: number): void {
    if (type === MISSING) {
      this.missing++;
      return;
    }
    if (type === FRACTIONAL || type === INTEGRAL) {
      if (type === FRACTIONAL) this.fractional++;
      else this.integral++;
      const x = scannedValue[0] as number;
      // Deequ counts "- 3" (a space after the sign) as numeric, but Spark's cast yields null.
      if (Number.isNaN(x)) this.hll.addTextRange(text, start, end);
      else this.addNumeric(x);
    } else if (type === NON_FINITE) {
      this.nonFinite++;
      return;
    } else {
      if (type === BOOLEAN) this.boolean++;
      else if (type === STRING) this.string++;
      addExample(this.nonNumericExamples, text, start, end);
      if (this.frequencies !== undefined) {
        this.frequencies = countValue(this.frequencies, this.hashedText(text, start, end));
        return;
      }
      this.hll.addTextRange(text, start, end);
      return;
    }
    if (this.frequencies !== undefined) {
      const value = start === 0 && end === text.length ? text : text.slice(start, end);
      this.frequencies = countValue(this.frequencies, value);
    }
  }

  /**
   * `text.slice(start, end)`, added to the HyperLogLog. A low-cardinality column repeats a few
   * texts, and adding a text again leaves a HyperLogLog unchanged, so a small cache of the texts
   * already added (by length and end characters) spares most values their hash and their string.
   */
  private hashedText(text: string, start: number, end: number): string {
    let texts = this.#texts;
    if (texts === undefined || this.#textsHll !== this.hll) {
      texts = new Array<string | undefined>(TEXT_SLOTS).fill(undefined);
      this.#texts = texts;
      this.#textsHll = this.hll;
    }
    const n = end - start;
    const slot = (n * 7 + text.charCodeAt(start) * 3 + text.charCodeAt(end - 1)) & (TEXT_SLOTS - 1);
    const seen = texts[slot];
    if (seen !== undefined && seen.length === n && text.startsWith(seen, start)) return seen;
    this.hll.addTextRange(text, start, end);
    const value = n === text.length ? text : text.slice(start, end);
    texts[slot] = value;
    return value;
  }

  /** Counts `n` values as missing (rows too short to have this column). */
  addMissing(n: number): void {
    this.missing += n;
  }

  /** Values present: not missing and not non-finite. */
  get present(): number {
    return this.fractional + this.integral + this.boolean + this.string;
  }

  /** Values that are missing or non-finite: what SageMaker's num_missing counts (see `nonFinite`). */
  get absent(): number {
    return this.missing + this.nonFinite;
  }

  get typeCounts(): TypeCounts {
    return {
      missing: this.missing,
      fractional: this.fractional,
      integral: this.integral,
      boolean: this.boolean,
      string: this.string,
    };
  }

  /** SageMaker's inferred_type for the column. */
  get inferredType(): InferredType {
    return inferType(this.typeCounts);
  }

  /** A new profile of both columns' values; `this` and `other` are unchanged. */
  merge(other: ColumnProfile): ColumnProfile {
    const out = new ColumnProfile(this.name);
    out.missing = this.missing + other.missing;
    out.fractional = this.fractional + other.fractional;
    out.integral = this.integral + other.integral;
    out.boolean = this.boolean + other.boolean;
    out.string = this.string + other.string;
    out.nonFinite = this.nonFinite + other.nonFinite;
    out.nonNumericExamples = mergeExamples(this.nonNumericExamples, other.nonNumericExamples);
    out.moments = mergeMoments(this.moments, other.moments);
    out.kll = this.kll.clone().merge(other.kll);
    out.hll = new HyperLogLog(this.hll.registers.slice()).merge(other.hll);
    out.frequencies = mergeFrequencies(this.frequencies, other.frequencies);
    return out;
  }

  /**
   * Adds the finite numbers `values[0]` … `values[count - 1]`, in that order, to the moments, the
   * sketch and the HyperLogLog, exactly as that many `addNumeric` calls would; the caller counts
   * their types. Only for a column without a frequency table (which would need each value's text).
   */
  addFiniteNumbers(values: Float64Array, count: number): void {
    addValuesToState(this.momentState, values, count);
    this.kll.updateAll(values, count);
    this.hll.addNumbers(values, count);
  }

  private addNumeric(x: number): void {
    addValueToState(this.momentState, x);
    this.kll.update(x);
    this.hll.addNumber(x);
  }
}
