import { totalCount } from '../category-counts.ts';
import { type ChiSquaredOutcome, chiSquaredOutcome, NO_CHI_SQUARED_TEST } from '../chi-squared.ts';

/** Expected count below which a category is pooled with others (Cochran's rule). */
export const MIN_EXPECTED = 5;

/** A chi-squared test of homogeneity of two samples' category counts. */
export interface HomogeneityResult extends ChiSquaredOutcome {
  /** Categories (columns of the 2 × k table) after pooling. */
  cells: number;
}

/**
 * Pearson's chi-squared test that two samples come from one categorical distribution: the
 * 2 × k contingency table of reference and current counts over the union of categories
 * (scipy's `chi2_contingency(table, correction=False)`), so categories new in the window count.
 * While a cell's expected count is below 5 and more than two categories remain, the two
 * categories with the smallest totals are pooled. NaN p-value when fewer than two categories
 * remain or a sample is empty.
 *
 * @example
 * ```ts
 * homogeneityTest(new Map([['a', 50], ['b', 50]]), new Map([['a', 90], ['b', 10]])).pValue; // ≈ 1e-9
 * ```
 */
export function homogeneityTest(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): HomogeneityResult {
  const n = totalCount(reference);
  const m = totalCount(current);
  const columns: { a: number; b: number }[] = [];
  for (const key of new Set([...reference.keys(), ...current.keys()])) {
    const a = reference.get(key) ?? 0;
    const b = current.get(key) ?? 0;
    if (a + b > 0) columns.push({ a, b });
  }
  const total = n + m;
  const smallestExpected = (c: { a: number; b: number }) => (Math.min(n, m) * (c.a + c.b)) / total;
  columns.sort((x, y) => x.a + x.b - (y.a + y.b));
  while (columns.length > 2 && smallestExpected(columns[0] as { a: number; b: number }) < MIN_EXPECTED) {
    const [first, second] = columns.splice(0, 2) as [{ a: number; b: number }, { a: number; b: number }];
    columns.push({ a: first.a + second.a, b: first.b + second.b });
    columns.sort((x, y) => x.a + x.b - (y.a + y.b));
  }
  if (n === 0 || m === 0 || columns.length < 2) return { ...NO_CHI_SQUARED_TEST, cells: columns.length };
  let statistic = 0;
  for (const { a, b } of columns) {
    const expectedA = (n * (a + b)) / total;
    const expectedB = (m * (a + b)) / total;
    statistic += (a - expectedA) ** 2 / expectedA + (b - expectedB) ** 2 / expectedB;
  }
  return { ...chiSquaredOutcome(statistic, columns.length), cells: columns.length };
}
