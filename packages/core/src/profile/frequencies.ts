/** Deequ's ColumnProfiler.DEFAULT_CARDINALITY_THRESHOLD: histograms only for columns with at most this many values. */
export const MAX_CATEGORIES = 120;

/**
 * Counts per distinct value, kept while there are at most `MAX_CATEGORIES` of them; beyond that
 * the table is dropped (`undefined`) and stays dropped, as SageMaker keeps categorical buckets
 * only for low-cardinality columns.
 *
 * @example
 * ```ts
 * let table = new Map<string, number>();
 * table = countValue(table, 'a'); // Map { 'a' => 1 }
 * ```
 */
export function countValue(
  table: Map<string, number> | undefined,
  value: string,
): Map<string, number> | undefined {
  if (table === undefined) return undefined;
  const seen = table.get(value);
  if (seen !== undefined) table.set(value, seen + 1);
  else if (table.size >= MAX_CATEGORIES) return undefined;
  else table.set(value, 1);
  return table;
}

/**
 * Sums two tables; `undefined` when either was dropped or the union exceeds the limit.
 *
 * @example
 * ```ts
 * mergeFrequencies(new Map([['a', 1]]), new Map([['a', 2], ['b', 1]])); // Map { 'a' => 3, 'b' => 1 }
 * ```
 */
export function mergeFrequencies(
  a: ReadonlyMap<string, number> | undefined,
  b: ReadonlyMap<string, number> | undefined,
): Map<string, number> | undefined {
  if (a === undefined || b === undefined) return undefined;
  const out = new Map(a);
  for (const [value, count] of b) out.set(value, (out.get(value) ?? 0) + count);
  return out.size > MAX_CATEGORIES ? undefined : out;
}

/**
 * Entries by descending count, ties by value: a deterministic order, so merge order never
 * changes a report (SageMaker's own order is Spark's hash order, which cannot be reproduced).
 *
 * @example
 * ```ts
 * sortedEntries(new Map([['b', 1], ['a', 5]])); // [['a', 5], ['b', 1]]
 * ```
 */
export function sortedEntries(table: ReadonlyMap<string, number>): [string, number][] {
  return [...table].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
}
