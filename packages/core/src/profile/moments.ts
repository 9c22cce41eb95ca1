/**
 * Count, sum, mean, second central moment, min and max of a numeric column: the state behind
 * SageMaker's mean, sum, std_dev, min and max.
 */
export interface Moments {
  count: number;
  sum: number;
  /** Running mean as Spark's CentralMomentAgg keeps it (used for m2; the reported mean is sum / count). */
  avg: number;
  m2: number;
  min: number;
  max: number;
}

/**
 * Moments of no values.
 *
 * @example
 * ```ts
 * emptyMoments().count; // 0
 * ```
 */
export function emptyMoments(): Moments {
  return { count: 0, sum: 0, avg: 0, m2: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
}

/**
 * Adds one value with Spark's online update (Welford), so that a single-partition profile gives
 * the very bits SageMaker's analyzer writes.
 *
 * @example
 * ```ts
 * const m = emptyMoments();
 * for (const x of [1, 2, 3]) addValue(m, x);
 * populationStdDev(m); // 0.816496580927726
 * ```
 */
export function addValue(m: Moments, x: number): void {
  const n = m.count + 1;
  const delta = x - m.avg;
  const deltaN = delta / n;
  m.avg += deltaN;
  m.m2 += delta * (delta - deltaN);
  m.count = n;
  m.sum += x;
  if (x < m.min) m.min = x;
  if (x > m.max) m.max = x;
}

/**
 * Moments kept in a Float64Array (`count, sum, avg, m2, min, max`, see `momentsState`): what a
 * column profile updates per value. A plain object's double fields are boxed, and the profiling
 * loop allocated a new box on each of their updates; a typed array's slots are stored in place.
 */
export type MomentsState = Float64Array;

const COUNT = 0;
const SUM = 1;
const AVG = 2;
const M2 = 3;
const MIN = 4;
const MAX = 5;

/**
 * `m` as a `MomentsState` (a new array).
 *
 * @example
 * ```ts
 * const state = momentsState(emptyMoments());
 * ```
 */
export function momentsState(m: Moments): MomentsState {
  return Float64Array.of(m.count, m.sum, m.avg, m.m2, m.min, m.max);
}

/**
 * The moments a state holds, as a new object.
 *
 * @example
 * ```ts
 * momentsOfState(momentsState(momentsOf([1, 2]))).sum; // 3
 * ```
 */
export function momentsOfState(state: MomentsState): Moments {
  return {
    count: state[COUNT] as number,
    sum: state[SUM] as number,
    avg: state[AVG] as number,
    m2: state[M2] as number,
    min: state[MIN] as number,
    max: state[MAX] as number,
  };
}

/**
 * `addValue` on a `MomentsState`: the same operations in the same order, so the same doubles.
 *
 * @example
 * ```ts
 * const state = momentsState(emptyMoments());
 * addValueToState(state, 2); // momentsOfState(state) equals momentsOf([2])
 * ```
 */
export function addValueToState(m: MomentsState, x: number): void {
  const n = (m[COUNT] as number) + 1;
  const delta = x - (m[AVG] as number);
  const deltaN = delta / n;
  m[AVG] = (m[AVG] as number) + deltaN;
  m[M2] = (m[M2] as number) + delta * (delta - deltaN);
  m[COUNT] = n;
  m[SUM] = (m[SUM] as number) + x;
  if (x < (m[MIN] as number)) m[MIN] = x;
  if (x > (m[MAX] as number)) m[MAX] = x;
}

/**
 * `addValueToState` for `values[0]` … `values[count - 1]` in that order: the same operations on
 * each value, so the same doubles, with the state in locals for the loop.
 *
 * @example
 * ```ts
 * addValuesToState(state, Float64Array.of(1, 2, 3), 3); // as addValueToState of 1, then 2, then 3
 * ```
 */
export function addValuesToState(m: MomentsState, values: Float64Array, count: number): void {
  let n = m[COUNT] as number;
  let avg = m[AVG] as number;
  let m2 = m[M2] as number;
  let sum = m[SUM] as number;
  let min = m[MIN] as number;
  let max = m[MAX] as number;
  for (let i = 0; i < count; i++) {
    const x = values[i] as number;
    n += 1;
    const delta = x - avg;
    const deltaN = delta / n;
    avg += deltaN;
    m2 += delta * (delta - deltaN);
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  m[COUNT] = n;
  m[AVG] = avg;
  m[M2] = m2;
  m[SUM] = sum;
  m[MIN] = min;
  m[MAX] = max;
}

/**
 * Combines two moments with Chan et al.'s parallel formula, exactly as Spark merges partial
 * aggregates; numerically stable for any split of the data.
 *
 * @example
 * ```ts
 * mergeMoments(momentsOf([1, 2]), momentsOf([3])); // same as momentsOf([1, 2, 3]) to rounding
 * ```
 */
export function mergeMoments(a: Moments, b: Moments): Moments {
  const n = a.count + b.count;
  if (a.count === 0) return { ...b };
  if (b.count === 0) return { ...a };
  const delta = b.avg - a.avg;
  const deltaN = delta / n;
  return {
    count: n,
    sum: a.sum + b.sum,
    avg: a.avg + deltaN * b.count,
    m2: a.m2 + b.m2 + delta * deltaN * a.count * b.count,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  };
}

/**
 * Mean as Spark's `avg` computes it: sum / count (NaN for no values).
 *
 * @example
 * ```ts
 * meanOf(momentsOf([1, 2, 6])); // 3
 * ```
 */
export function meanOf(m: Moments): number {
  return m.count === 0 ? Number.NaN : m.sum / m.count;
}

/**
 * Population standard deviation, as SageMaker's std_dev (Spark `stddev_pop`).
 *
 * @example
 * ```ts
 * populationStdDev(momentsOf([1, 3])); // 1
 * ```
 */
export function populationStdDev(m: Moments): number {
  return m.count === 0 ? Number.NaN : Math.sqrt(m.m2 / m.count);
}

/**
 * Moments of a list of values, in order.
 *
 * @example
 * ```ts
 * momentsOf([1, 2, 3]).sum; // 6
 * ```
 */
export function momentsOf(values: Iterable<number>): Moments {
  const m = emptyMoments();
  for (const x of values) addValue(m, x);
  return m;
}
