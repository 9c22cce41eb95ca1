import { logGamma } from '../numeric/log-gamma.ts';

/** Cochran: with two categories, every expected count should be at least 10. */
const COCHRAN_MIN_EXPECTED = 10;
/** Yates, Moore & McCabe: with more, at most 20 % may expect fewer than 5. */
const YATES_MIN_EXPECTED = 5;
const YATES_MAX_SMALL_SHARE = 0.2;

/**
 * The result of a chi-square goodness-of-fit test; the p-value is NaN when fewer than two
 * categories remain after regrouping (Deequ answers NaN as well).
 */
export interface ChiSquaredResult extends ChiSquaredOutcome {
  /** Categories left after regrouping; below 2 there is no test. */
  categories: number;
}

/** One category of a chi-square test: its expected (scaled baseline) and observed counts. */
export interface ChiSquaredCell {
  key: string;
  expected: number;
  observed: number;
}

/**
 * Deequ's `regroupCategories`: while more categories expect too few observations than allowed
 * (two categories: none below 10, Cochran's rule; more: at most ⌊0.2 k⌋ below 5, Yates'), the
 * category with the smallest expected count (the first on a tie) is merged into the next
 * smallest, expected and observed counts alike. It stops at one category, which leaves no test.
 * Returns new cells; the input is unchanged.
 *
 * @example
 * ```ts
 * regroupCategories([
 *   { key: 'a', expected: 45, observed: 40 },
 *   { key: 'b', expected: 5, observed: 10 },
 * ]); // [{ key: 'a', expected: 50, observed: 50 }]: one category, no test
 * ```
 */
export function regroupCategories(cells: readonly ChiSquaredCell[]): ChiSquaredCell[] {
  const out = cells.map((c) => ({ ...c }));
  while (out.length >= 2) {
    const k = out.length;
    const minimum = k === 2 ? COCHRAN_MIN_EXPECTED : YATES_MIN_EXPECTED;
    const allowed = k === 2 ? 0 : Math.floor(YATES_MAX_SMALL_SHARE * k);
    let below = 0;
    for (const cell of out) if (cell.expected < minimum) below++;
    if (below <= allowed) break;
    const [smallest] = out.splice(indexOfSmallest(out), 1) as [ChiSquaredCell];
    const next = out[indexOfSmallest(out)] as ChiSquaredCell;
    next.expected += smallest.expected;
    next.observed += smallest.observed;
  }
  return out;
}

function indexOfSmallest(cells: readonly ChiSquaredCell[]): number {
  let best = 0;
  for (let i = 1; i < cells.length; i++)
    if ((cells[i] as ChiSquaredCell).expected < (cells[best] as ChiSquaredCell).expected) best = i;
  return best;
}

/**
 * Pearson's chi-square goodness-of-fit test of the current category counts against the
 * baseline distribution, the ChiSquared categorical drift method, as current Deequ runs it: the
 * baseline is scaled to the current total over the baseline's categories, categories with small
 * expected counts are pooled by `regroupCategories`, and with fewer than two categories left the
 * test is not run (p-value NaN). Categories the baseline never saw are left to
 * categorical_values_check. A small p-value means the distributions differ.
 *
 * @example
 * ```ts
 * chiSquaredTest(new Map([['a', 50], ['b', 50]]), new Map([['a', 90], ['b', 10]])).pValue; // ≈ 0
 * ```
 */
export function chiSquaredTest(
  baseline: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): ChiSquaredResult {
  let expectedTotal = 0;
  let observedTotal = 0;
  for (const [key, count] of baseline) {
    expectedTotal += count;
    observedTotal += current.get(key) ?? 0;
  }
  const cells: ChiSquaredCell[] = [];
  for (const [key, count] of baseline) {
    const expected = expectedTotal > 0 ? (count / expectedTotal) * observedTotal : 0;
    cells.push({ key, expected, observed: current.get(key) ?? 0 });
  }
  const groups = regroupCategories(cells);
  if (groups.length < 2) return { ...NO_CHI_SQUARED_TEST, categories: groups.length };
  let statistic = 0;
  // A category expecting nothing adds nothing, as in Deequ (and avoids dividing by zero).
  for (const { expected, observed } of groups)
    if (expected > 0) statistic += (observed - expected) ** 2 / expected;
  return { ...chiSquaredOutcome(statistic, groups.length), categories: groups.length };
}

/** What any chi-squared test gives: its statistic, degrees of freedom and p-value. */
export interface ChiSquaredOutcome {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
}

/** The outcome of a chi-squared test that was not run: NaN statistic and p-value. */
export const NO_CHI_SQUARED_TEST = {
  statistic: Number.NaN,
  degreesOfFreedom: 0,
  pValue: Number.NaN,
} as const;

/**
 * The statistic, degrees of freedom (`categories − 1`) and p-value `P(χ² ≥ statistic)` of a
 * chi-squared test over `categories` categories.
 *
 * @example
 * ```ts
 * chiSquaredOutcome(3.84, 2).pValue; // ≈ 0.05
 * ```
 */
export function chiSquaredOutcome(statistic: number, categories: number): ChiSquaredOutcome {
  const degreesOfFreedom = categories - 1;
  return { statistic, degreesOfFreedom, pValue: upperRegularizedGamma(degreesOfFreedom / 2, statistic / 2) };
}

/**
 * Q(a, x) = Γ(a, x) / Γ(a), the chi-square survival function at 2x with 2a degrees of freedom:
 * a series below a + 1, a continued fraction (Lentz) above.
 *
 * @example
 * ```ts
 * upperRegularizedGamma(1, 2); // e^-2, the χ² (2 df) survival at 4
 * ```
 */
export function upperRegularizedGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(lnPrefix) * h;
}
