import { JsonNumber, JsonObject, jsonNodeOf, jsonTextOf } from './json-node.ts';
import type { CaptureValue } from './types.ts';

/**
 * The columns of one JSON record, read as a CSV record of the same values would be:
 * - `{"features":[…]}` → the features (SageMaker's JSON Lines convention, also Clarify's);
 * - a bare array `[…]` → its elements;
 * - any other object → its values in document order (`{"predicted_label":1,"score":0.98}` → `['1', '0.98']`);
 * - a scalar → a single column.
 *
 * A number becomes its text as written, so the profiler types `50010.0` as Fractional and `50010`
 * as Integral exactly as in a CSV payload; strings, booleans and null stay as they are. Nested
 * objects and arrays become their compact JSON text, so a column always holds a scalar. Takes a
 * node of `parseJsonText` (document order and number texts kept) or a value of `JSON.parse`.
 *
 * @example
 * ```ts
 * jsonRecordValues(parseJsonText('{"features":[28,2.0,"x"]}')); // ['28', '2.0', 'x']
 * jsonRecordValues({ predicted_label: 1, score: 0.98 }); // ['1', '0.98']
 * ```
 */
export function jsonRecordValues(value: unknown): CaptureValue[] {
  if (Array.isArray(value)) return value.map(jsonColumnValue);
  const node =
    value instanceof JsonObject || value === null || typeof value !== 'object' ? value : jsonNodeOf(value);
  if (node instanceof JsonObject) {
    const features = node.get('features');
    if (Array.isArray(features)) return features.map(jsonColumnValue);
    return node.values.map(jsonColumnValue);
  }
  return [jsonColumnValue(node)];
}

/**
 * The records of an `application/json` document:
 * - `{"instances":[…]}` as the only key (TensorFlow Serving / SageMaker request convention) → one
 *   record per instance;
 * - `{"predictions":[…]}` as the only key (the matching response convention) → one record per prediction;
 * - an array whose elements are all arrays or objects (`[[1,2],[3,4]]`, `[{…},{…}]`) → one record each;
 * - anything else (an object, an array of scalars, a scalar) → a single record.
 *
 * Takes and gives nodes of `parseJsonText`, or values of `JSON.parse`.
 *
 * @example
 * ```ts
 * jsonDocumentRecords({ instances: [[1, 2], [3, 4]] }); // [[1, 2], [3, 4]]
 * jsonDocumentRecords([1, 2, 3]); // [[1, 2, 3]]
 * ```
 */
export function jsonDocumentRecords(document: unknown): unknown[] {
  if (Array.isArray(document)) {
    return document.length > 0 && document.every(isStructured) ? document : [document];
  }
  if (document instanceof JsonObject) {
    if (
      document.keys.length === 1 &&
      (document.keys[0] === 'instances' || document.keys[0] === 'predictions')
    ) {
      const records = document.values[0];
      if (Array.isArray(records)) return records;
    }
    return [document];
  }
  if (document !== null && typeof document === 'object') {
    const { instances, predictions } = document as { instances?: unknown; predictions?: unknown };
    if (Array.isArray(instances) && Object.keys(document).length === 1) return instances;
    if (Array.isArray(predictions) && Object.keys(document).length === 1) return predictions;
  }
  return [document];
}

function isStructured(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof JsonNumber);
}

/**
 * One column of a node of `parseJsonText` or a plain JSON value, as a CSV field of it would read:
 * a number as its text, nested values as compact JSON, strings, booleans and null as they are.
 *
 * @example
 * ```ts
 * jsonColumnValue(parseJsonText('50010.0')); // '50010.0'
 * ```
 */
export function jsonColumnValue(value: unknown): CaptureValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return String(value);
    case 'object':
      if (value === null) return null;
      if (value instanceof JsonNumber) return value.text;
      return jsonTextOf(jsonNodeOf(value));
    default:
      return null;
  }
}
