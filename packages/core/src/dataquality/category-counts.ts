/**
 * How many values a category count map holds in all: the sum of its counts.
 *
 * @example
 * ```ts
 * totalCount(new Map([['a', 3], ['b', 2]])); // 5
 * ```
 */
export function totalCount(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}
