import type { CaptureValue } from './types.ts';

/**
 * The columns of one JSON record:
 * - `{"features":[…]}` → the features (SageMaker's JSON Lines convention, also Clarify's);
 * - a bare array `[…]` → its elements;
 * - any other object → its values in key order (`{"predicted_label":1,"score":0.98}` → `[1, 0.98]`);
 * - a scalar → a single column.
 *
 * Nested objects and arrays inside a record become their JSON text, so a column always holds a
 * scalar; the parsed JSON is kept beside the row for JSON-path addressing.
 *
 * @example
 * ```ts
 * jsonRecordValues({ features: [28, 2, 'x'] }); // [28, 2, 'x']
 * jsonRecordValues({ predicted_label: 1, score: 0.98 }); // [1, 0.98]
 * ```
 */
export function jsonRecordValues(value: unknown): CaptureValue[] {
  if (Array.isArray(value)) return value.map(captureValue);
  if (value !== null && typeof value === 'object') {
    const features = (value as { features?: unknown }).features;
    if (Array.isArray(features)) return features.map(captureValue);
    return Object.values(value).map(captureValue);
  }
  return [captureValue(value)];
}

/**
 * The records of an `application/json` document:
 * - `{"instances":[…]}` as the only key (TensorFlow Serving / SageMaker request convention) → one
 *   record per instance;
 * - `{"predictions":[…]}` as the only key (the matching response convention) → one record per prediction;
 * - an array whose elements are all arrays or objects (`[[1,2],[3,4]]`, `[{…},{…}]`) → one record each;
 * - anything else (an object, an array of scalars, a scalar) → a single record.
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
  if (document !== null && typeof document === 'object') {
    const { instances, predictions } = document as { instances?: unknown; predictions?: unknown };
    if (Array.isArray(instances) && Object.keys(document).length === 1) return instances;
    if (Array.isArray(predictions) && Object.keys(document).length === 1) return predictions;
  }
  return [document];
}

function isStructured(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

function captureValue(value: unknown): CaptureValue {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    default:
      return value === null ? null : JSON.stringify(value);
  }
}
