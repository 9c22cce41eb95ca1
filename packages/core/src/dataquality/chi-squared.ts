/** Yates' rule: at most 20 % of categories may expect fewer than 5 observations. */
const SMALL_EXPECTED = 5;
const MAX_SMALL_SHARE = 0.2;

/** The result of a chi-square goodness-of-fit test. */
export interface ChiSquaredResult {
  statistic: number;
  degreesOfFreedom: number;
  /** NaN when fewer than two categories remain after regrouping (Deequ answers NaN as well). */
  pValue: number;
}

/**
 * Pearson's chi-square goodness-of-fit test of the current category counts against the
 * baseline distribution, the ChiSquared categorical drift method. As newer Deequ does, the
 * baseline is scaled to the current total over the baseline's categories, and categories with
 * small expected counts are pooled (the two smallest, repeatedly) until Yates' rule holds; new
 * categories the baseline never saw are left to categorical_values_check. A small p-value means
 * the distributions differ.
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
  const cells: { expected: number; observed: number }[] = [];
  for (const [key, count] of baseline) {
    if (count <= 0) continue;
    cells.push({ expected: (count / expectedTotal) * observedTotal, observed: current.get(key) ?? 0 });
  }
  cells.sort((a, b) => a.expected - b.expected);
  while (cells.length > 2 && smallShare(cells) > MAX_SMALL_SHARE) {
    const [first, second] = cells.splice(0, 2) as [(typeof cells)[0], (typeof cells)[0]];
    cells.push({ expected: first.expected + second.expected, observed: first.observed + second.observed });
    cells.sort((a, b) => a.expected - b.expected);
  }
  if (cells.length < 2 || observedTotal === 0)
    return { statistic: Number.NaN, degreesOfFreedom: 0, pValue: Number.NaN };
  let statistic = 0;
  for (const { expected, observed } of cells) statistic += (observed - expected) ** 2 / expected;
  const degreesOfFreedom = cells.length - 1;
  return { statistic, degreesOfFreedom, pValue: upperRegularizedGamma(degreesOfFreedom / 2, statistic / 2) };
}

function smallShare(cells: readonly { expected: number }[]): number {
  return cells.filter((c) => c.expected < SMALL_EXPECTED).length / cells.length;
}

/**
 * ln Γ(x), Lanczos approximation (g = 7, n = 9), accurate to ~1e-15.
 *
 * @example
 * ```ts
 * logGamma(5); // ln 24
 * ```
 */
export function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = g[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (g[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
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
