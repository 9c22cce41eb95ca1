/**
 * Column names of a capture dataset: the baseline's feature names when given and their count fits,
 * else `_c0`, `_c1`, … as Spark (and so SageMaker's analyzer) names the columns of a header-less CSV.
 *
 * @example
 * ```ts
 * columnNames(3); // ['_c0', '_c1', '_c2']
 * columnNames(2, ['price', 'rooms']); // ['price', 'rooms']
 * ```
 */
export function columnNames(count: number, baselineNames?: readonly string[]): string[] {
  if (baselineNames !== undefined && baselineNames.length === count) return [...baselineNames];
  return Array.from({ length: count }, (_, i) => `_c${i}`);
}
