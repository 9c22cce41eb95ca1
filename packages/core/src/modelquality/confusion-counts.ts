/**
 * How many rows hold each (label, prediction) pair of class indexes, flat:
 * `counts[label * classCount + prediction]`, over all rows or over the `subset` of row indexes.
 * A loop, not arquero's groupby().count() (~20× slower): this runs again on every subsample
 * behind the standard deviations.
 *
 * @example
 * ```ts
 * confusionCounts(Uint8Array.of(1, 0), Uint8Array.of(1, 1), 2); // Float64Array [0, 1, 0, 1]
 * ```
 */
export function confusionCounts(
  labels: Uint8Array | Int32Array,
  predictions: Uint8Array | Int32Array,
  classCount: number,
  subset?: Uint32Array,
): Float64Array {
  const counts = new Float64Array(classCount * classCount);
  const n = subset ? subset.length : labels.length;
  for (let k = 0; k < n; k++) {
    const i = subset ? (subset[k] as number) : k;
    const cell = (labels[i] as number) * classCount + (predictions[i] as number);
    counts[cell] = (counts[cell] as number) + 1;
  }
  return counts;
}
