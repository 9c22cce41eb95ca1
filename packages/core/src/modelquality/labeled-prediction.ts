/** A raw label, prediction or probability as it comes out of a CSV cell or a JSON value. */
export type RawValue = string | number | boolean | null | undefined;

/**
 * One prediction joined to its ground-truth label: what the merge produces and what a baseline
 * dataset row holds. `probability` is the score of the positive class (binary problems).
 */
export interface LabeledPrediction {
  label: RawValue;
  prediction?: RawValue;
  probability?: RawValue;
}

/** A prediction whose label has not arrived yet: the input of the estimate before labels. */
export interface UnlabeledPrediction {
  prediction?: RawValue;
  probability?: RawValue;
}

/** Rows a metric computation could not use, by reason (never silent). */
export type SkippedRows = Record<string, number>;

/** Adds one to `skipped[reason]`. */
export function countSkip(skipped: SkippedRows, reason: string): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

/** A finite number from a cell (`"0.73"`, `0.73`), else undefined. Empty text is not a number. */
export function toNumber(value: RawValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A binary class (1 positive, 0 negative) from a cell: numbers 0 and 1 (also `"1.0"`), booleans,
 * and the words `true`/`false` in any case. Anything else is undefined.
 */
export function toBinaryClass(value: RawValue): 0 | 1 | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'true') return 1;
    if (word === 'false') return 0;
  }
  const n = toNumber(value);
  if (n === 1) return 1;
  if (n === 0) return 0;
  return undefined;
}

/**
 * The class name of a multiclass label or prediction. Numeric text is canonicalised so that the
 * CSV label `"2"`, the JSON prediction `2` and `"2.0"` all name class `"2"`.
 */
export function toClassName(value: RawValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const n = toNumber(value);
  if (n !== undefined) return String(n);
  const text = String(value).trim();
  return text === '' ? undefined : text;
}
