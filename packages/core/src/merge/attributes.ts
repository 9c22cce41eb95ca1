import type { CaptureValue } from '../capture/types.ts';
import { jsonPathValue } from './json-path.ts';

/** A label or prediction as the model-quality metrics take it. */
export type LabelValue = number | string;

const INDEX = /^\d+$/;

/**
 * Reads one attribute of a record as SageMaker's inference_attribute, probability_attribute and
 * ground_truth_attribute do: for a JSON record a JSON path into its parsed JSON (`score`,
 * `predictions[0].score`, `$.score`); for a CSV record a 0-based column index written as a number
 * (`"0"`). A plain index also works on JSON records, against their columns in key order. Without an
 * attribute the first column is taken. Returns undefined when the attribute does not lead to a value.
 *
 * @example
 * ```ts
 * attributeValue(['0.3', '1'], undefined, '1'); // '1'
 * attributeValue([1, 0.98], { predicted_label: 1, score: 0.98 }, 'score'); // 0.98
 * ```
 */
export function attributeValue(
  values: readonly CaptureValue[],
  json: unknown,
  attribute: string | undefined,
): unknown {
  if (attribute === undefined || attribute === '') return values[0];
  if (json !== undefined) {
    const found = jsonPathValue(json, attribute);
    if (found !== undefined) return found;
  }
  return INDEX.test(attribute) ? values[Number(attribute)] : undefined;
}

/**
 * A raw attribute value as a label: finite numbers stay numbers, numeric text becomes a number (so
 * `"1"` and `1` agree), other text stays text, booleans become 1 and 0. Empty text, null, NaN,
 * objects and arrays give undefined: the row is unusable and is counted as such.
 *
 * @example
 * ```ts
 * toLabelValue(' 1.0 '); // 1
 * toLabelValue('cat'); // 'cat'
 * toLabelValue(true); // 1
 * ```
 */
export function toLabelValue(raw: unknown): LabelValue | undefined {
  switch (typeof raw) {
    case 'number':
      return Number.isFinite(raw) ? raw : undefined;
    case 'boolean':
      return raw ? 1 : 0;
    case 'string': {
      const text = raw.trim();
      if (text.length === 0) return undefined;
      const number = Number(text);
      return Number.isFinite(number) ? number : text;
    }
    default:
      return undefined;
  }
}

/** A raw attribute value as a probability in [0, 1], else undefined. */
export function toProbability(raw: unknown): number | undefined {
  const value = toLabelValue(raw);
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : undefined;
}
