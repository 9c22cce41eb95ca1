/**
 * About `count` round tick values from 0 (or below `lo`) to at least `hi`: steps of 1, 2 or 5
 * times a power of ten.
 *
 * @example
 * ```ts
 * niceTicks(0, 0.37, 4); // [0, 0.1, 0.2, 0.3, 0.4]
 * ```
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  // Multiples of the step, rounded to 12 digits so that 0.1 * 3 reads 0.3.
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}
