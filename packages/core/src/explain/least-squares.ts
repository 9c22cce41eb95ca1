/**
 * Solves the weighted least-squares problem min Σ_k w_k (y_k − x_k·β)² through its normal
 * equations (XᵀWX)β = XᵀWy with partially pivoted Gaussian elimination. When XᵀWX is singular
 * (too few distinct coalitions) a vanishing ridge term gives the minimum-norm solution, as shap
 * falls back to `lstsq`.
 *
 * @example
 * ```ts
 * weightedLeastSquares([[1, 0], [0, 1], [1, 1]], [1, 2, 3], [1, 1, 1]); // [1, 2]
 * ```
 */
export function weightedLeastSquares(
  rows: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  weights: ArrayLike<number>,
): number[] {
  const p = rows[0]?.length ?? 0;
  if (p === 0) return [];
  const a = Array.from({ length: p }, () => new Float64Array(p));
  const b = new Float64Array(p);
  for (let k = 0; k < rows.length; k++) {
    const x = rows[k]!;
    const w = weights[k]!;
    for (let i = 0; i < p; i++) {
      const wx = w * x[i]!;
      if (wx === 0) continue;
      b[i]! += wx * y[k]!;
      const ai = a[i]!;
      for (let j = 0; j < p; j++) ai[j]! += wx * x[j]!;
    }
  }
  const solved = solve(a, b);
  if (solved) return solved;
  let trace = 0;
  for (let i = 0; i < p; i++) trace += a[i]![i]!;
  const ridge = (trace / p) * 1e-12 || 1e-12;
  const regularized = a.map((row, i) => row.map((v, j) => (i === j ? v + ridge : v)));
  return solve(regularized, b) ?? new Array<number>(p).fill(0);
}

// Gaussian elimination with partial pivoting on copies; undefined when the matrix is singular.
function solve(matrix: Float64Array[], rhs: Float64Array): number[] | undefined {
  const n = rhs.length;
  const a = matrix.map((row) => Float64Array.from(row));
  const b = Float64Array.from(rhs);
  let scale = 0;
  for (const row of a) for (const v of row) scale = Math.max(scale, Math.abs(v));
  const tiny = scale * n * Number.EPSILON * 16;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (!(Math.abs(a[pivot]![col]!) > tiny)) return undefined;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    const pivotRow = a[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = a[r]!;
      const factor = row[col]! / pivotRow[col]!;
      if (factor === 0) continue;
      for (let c = col; c < n; c++) row[c]! -= factor * pivotRow[c]!;
      b[r]! -= factor * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = b[r]!;
    const row = a[r]!;
    for (let c = r + 1; c < n; c++) sum -= row[c]! * x[c]!;
    x[r] = sum / row[r]!;
  }
  return x;
}
