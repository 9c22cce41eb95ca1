/**
 * A small, fast, seeded pseudo-random generator (mulberry32) returning doubles in [0, 1): the
 * same seed gives the same sequence on every run, so bootstrap resamples, quality subsamples and
 * generated benchmark data are reproducible.
 *
 * @example
 * ```ts
 * const next = seededRandom(42);
 * next(); // 0.6011037519201636, the same on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
