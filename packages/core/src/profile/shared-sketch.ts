import { KLL_SHRINKING_FACTOR, KLL_SKETCH_SIZE, KllSketch } from './kll.ts';

type SageMakerSketch = Parameters<typeof KllSketch.fromSageMaker>[0];

/** One sketch per `data` array: the checks, each drift method and the report read the same baseline sketch. */
const sketches = new WeakMap<readonly (readonly number[])[], KllSketch>();

/**
 * A KLL sketch of SageMaker's `sketch` object, rebuilt once per `data` array and shared, so its
 * rank map is computed once per run instead of once per reader. Read only: never `update` or
 * `merge` the returned sketch (clone it first).
 *
 * @example
 * ```ts
 * sharedSketchOf(stats.numerical_statistics.distribution.kll.sketch).rankMap();
 * ```
 */
export function sharedSketchOf(sketch: SageMakerSketch): KllSketch {
  const known = sketches.get(sketch.data);
  const k = sketch.parameters?.k ?? KLL_SKETCH_SIZE;
  const c = sketch.parameters?.c ?? KLL_SHRINKING_FACTOR;
  if (known && known.k === k && known.c === c) return known;
  const built = KllSketch.fromSageMaker(sketch);
  sketches.set(sketch.data, built);
  return built;
}

/**
 * Makes `sketch` the one `sharedSketchOf` returns for `data`, which must be `sketch.data()`: a
 * window's statistics document then serves its report the sketch the checks already ranked.
 *
 * @example
 * ```ts
 * const data = column.kll.data();
 * shareSketch(data, column.kll); // sharedSketchOf({ data }) === column.kll
 * ```
 */
export function shareSketch(data: readonly (readonly number[])[], sketch: KllSketch): void {
  sketches.set(data, sketch);
}
